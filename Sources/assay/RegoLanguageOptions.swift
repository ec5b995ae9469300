import ArgumentParser
import Foundation
import Rego

/// `--v0` and `--strict`: which Rego dialect and checks policy files are compiled with.
struct RegoLanguageOptions: ParsableArguments {
    @Flag(name: .customLong("v0"), help: "Parse Rego v0 syntax (keywords without 'if', 'future.keywords' imports).")
    var v0 = false

    @Flag(name: .customLong("strict"), help: "Also run OPA's strict-mode checks (unused imports and variables, ...).")
    var strict = false

    /// The compile options these flags select.
    var compileOptions: CompileOptions {
        var options = CompileOptions()
        options.version = v0 ? .v0 : .v1
        options.strict = strict
        return options
    }

    /// Reads Rego files as modules named by their paths.
    func modules(_ paths: [String]) throws -> [RegoModule] {
        try paths.map { path in
            let bytes = try InputFiles.read(path, what: "Rego file", limit: AppraisalPolicyOptions.maxBytes)
            guard let source = String(validating: bytes, as: UTF8.self) else {
                throw CLIError.invalidArgument("Rego file \(path) is not UTF-8 text")
            }
            return RegoModule(fileName: path, source: source)
        }
    }
}
