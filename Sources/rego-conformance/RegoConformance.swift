import ArgumentParser
import Foundation
import Rego
import RegoConformance

/// Runs OPA's YAML conformance cases against the Swift Rego interpreter.
@main
struct RegoConformance: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rego-conformance",
        abstract: "Run OPA's Rego conformance suite and report pass counts per folder.")

    @Option(help: "The suite directory, e.g. ../shared/opa-conformance/v1.")
    var suite: String

    @Option(name: .customLong("folder"), help: "A folder to run (repeatable); all folders when omitted.")
    var folders: [String] = []

    @Option(help: "Write the names of passing cases to this file.")
    var listPassing: String?

    @Flag(help: "Parse modules as Rego v0 (for the v0 tree).")
    var v0 = false

    @Flag(help: "Print each failing case with the reason.")
    var verbose = false

    func run() throws {
        var runner = ConformanceRunner()
        runner.version = v0 ? .v0 : .v1
        let outcomes = try runner.run(suite: suite, folders: folders)
        var perFolder: [String: (passed: Int, total: Int)] = [:]
        for o in outcomes {
            var entry = perFolder[o.folder] ?? (0, 0)
            entry.total += 1
            if o.passed { entry.passed += 1 }
            perFolder[o.folder] = entry
            if verbose, !o.passed { print("FAIL \(o.name)\n     \(o.detail)") }
        }
        for folder in perFolder.keys.sorted() {
            if let e = perFolder[folder] { print("\(folder): \(e.passed)/\(e.total)") }
        }
        if let listPassing {
            let names = outcomes.filter(\.passed).map(\.name).sorted()
            try (names.joined(separator: "\n") + "\n").write(toFile: listPassing, atomically: true, encoding: .utf8)
        }
        let passed = outcomes.filter(\.passed).count
        print("\(passed) passed, \(outcomes.count - passed) failed")
    }
}
