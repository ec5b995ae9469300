import Foundation
import FuzzEntryPoints
import Testing

/// Replays every input in `Tests/FuzzRegressions/<target>/` through the entry point its fuzz target runs, each in a
/// child process (an exit test), so that an input that crashes again fails its own case instead of the whole run.
struct FuzzRegressionTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let regressions = packageRoot.appendingPathComponent("Tests/FuzzRegressions")

    /// One regression input.
    struct Case: Sendable, CustomTestStringConvertible {
        let target: String
        let file: String
        var id: String { "\(target)/\(file)" }
        var testDescription: String { id }
    }

    /// The folders under `Tests/FuzzRegressions/` (one per target).
    static func folders() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: regressions.path).filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: regressions.appendingPathComponent(name).path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }.sorted()
    }

    /// Every input of every target; names starting with `.` (placeholders) are not inputs.
    static func cases() throws -> [Case] {
        try FuzzTargets.all.flatMap { target in
            let folder = regressions.appendingPathComponent(target.name)
            guard FileManager.default.fileExists(atPath: folder.path) else { return [Case]() }
            return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
                .map { Case(target: target.name, file: $0) }
        }
    }

    @Test("every fuzz target has a regression folder, and every folder is a fuzz target")
    func foldersMatchTargets() throws {
        #expect(try Self.folders() == FuzzTargets.all.map { $0.name }.sorted())
    }

    @Test("FuzzTesting has one executable per fuzz target")
    func executablesMatchTargets() throws {
        let sources = Self.packageRoot.appendingPathComponent("FuzzTesting/Sources").path
        let executables = try FileManager.default.contentsOfDirectory(atPath: sources).sorted()
        #expect(executables == FuzzTargets.all.map { "fuzz-\($0.name)" }.sorted())
    }

    @Test("a regression input runs through its target without crashing", .timeLimit(.minutes(1)), arguments: try cases())
    func replay(_ input: Case) async throws {
        let bytes = Array(try Data(contentsOf: Self.regressions.appendingPathComponent(input.id)))
        await Self.expectNoCrash(input.target, bytes)
    }

    /// Runs `bytes` through `target` in a child process, which must exit normally.
    static func expectNoCrash(_ target: String, _ bytes: [UInt8]) async {
        let reproduce: Comment = "crashed \(target); reproduce with scripts/fuzz.sh's fuzz-\(target) binary on the input"
        await #expect(processExitsWith: .success, reproduce) { [target = target as String, bytes = bytes as [UInt8]] in
            FuzzTargets.target(named: target)?.run(bytes)
        }
    }
}
