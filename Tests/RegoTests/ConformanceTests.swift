import Foundation
import Rego
import RegoConformance
import Testing

/// Where OPA's conformance suite lives: `$ASSAY_OPA_CONFORMANCE`, else `../shared/opa-conformance`
/// next to the package root.
enum ConformanceLocation {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var suite: String {
        if let path = ProcessInfo.processInfo.environment["ASSAY_OPA_CONFORMANCE"], !path.isEmpty { return path }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/opa-conformance").path
    }

    static var v1: String { suite + "/v1" }
    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }
    static var exists: Bool { FileManager.default.fileExists(atPath: v1) }

    static let stage1 = """
        helloworld example assignments eqexpr evaltermexpr comparisonexpr compositereferences
        compositebasedereference nestedreferences indirectreferences varreferences dataderef inputvalues
        baseandvirtualdocs virtualdocs completedoc partialsetdoc partialobjectdoc partialdocconstants partialiter
        embeddedvirtualdoc defaultkeyword elsekeyword functions functionerrors negation disjunction comprehensions
        every containskeyword indexing undos fix1863 topdowndynamicdispatch sets aggregates arithmetic strings
        sprintf typebuiltin casts time rand bitsand objectkeys objectunionn subset base64builtins
        base64urlbuiltins array union intersection typenamebuiltin replacen trim trimleft trimprefix trimright
        trimspace trimsuffix numbersrange numbersrangestep bitsor bitsxor bitsnegate bitsshiftleft
        bitsshiftright objectget objectunion hexbuiltins semvercompare semverisvalid
        """.split(whereSeparator: \.isWhitespace).map(String.init)

    /// The checked-in names of cases that must keep passing.
    static func passList() throws -> Set<String> {
        let url = packageRoot.appendingPathComponent("Tests/RegoTests/conformance-pass-list.txt")
        let text = try String(contentsOf: url, encoding: .utf8)
        return Set(text.split(separator: "\n").map(String.init).filter { !$0.isEmpty })
    }
}

@Suite("OPA conformance")
struct ConformanceTests {
    @Test(
        "every case in the pass list still passes",
        .enabled(if: ConformanceLocation.exists || ConformanceLocation.isCI,
                 "suite not found; set ASSAY_OPA_CONFORMANCE"))
    func passListHolds() throws {
        try #require(ConformanceLocation.exists, "conformance suite missing at \(ConformanceLocation.v1)")
        let outcomes = try ConformanceRunner().run(suite: ConformanceLocation.v1, folders: [])
        let expected = try ConformanceLocation.passList()
        let passing = Set(outcomes.filter(\.passed).map(\.name))
        let stage1 = outcomes.filter { ConformanceLocation.stage1.contains($0.folder) }
        let stage1Passed = stage1.filter(\.passed).count
        print("conformance: stage 1 \(stage1Passed)/\(stage1.count), all v1 \(passing.count)/\(outcomes.count)")
        for name in expected.subtracting(passing).sorted() {
            let detail = outcomes.first { $0.name == name }?.detail ?? "case no longer found"
            Issue.record("regressed: \(name): \(detail)")
        }
        #expect(Double(stage1Passed) >= 0.95 * Double(stage1.count))
    }
}
