import Appraisal
import ArgumentParser
import AttestationCore
import Foundation
import Rego

/// `assay policy`: check and evaluate Rego policies, like `opa check` and `opa eval`.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Check and evaluate Rego policies (appraisal and resource policies).",
        discussion: """
            Assay's policies are Rego (v1 syntax by default), evaluated by Assay's own interpreter. Appraisal \
            policies live in package assay.appraisal and define trust_vector and reasons; see \
            'assay policy show-default' for the built-in one and the input it receives.
            """,
        subcommands: [PolicyCheckCommand.self, PolicyEvalCommand.self, PolicyShowDefaultCommand.self]
    )
}

/// `assay policy check`: parse and compile, reporting errors with their positions.
struct PolicyCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Parse and compile Rego files, reporting every error with file:line:column and OPA's error code.",
        discussion: """
            The files are compiled together, as one policy (like 'opa check'). Exit status: 0 when they compile, \
            1 when they do not, 2 when a file cannot be read.

            Example:
              assay policy check appraisal.rego lib.rego
            """
    )

    @Argument(help: ArgumentHelp("Rego files to check together.", valueName: "file"))
    var files: [String]

    @OptionGroup var language: RegoLanguageOptions

    func run() throws {
        do {
            _ = try Policy(modules: try language.modules(files), options: language.compileOptions)
        } catch let error as RegoError {
            FileHandle.standardError.write(Data((String(describing: error) + "\n").utf8))
            throw ExitStatus.rejected
        }
        print("\(files.count == 1 ? files[0] : "\(files.count) files"): ok")
    }
}

/// `assay policy eval`: evaluate a query against policies, data and an input document.
struct PolicyEvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate a Rego query against policy files, data documents and an input document.",
        discussion: """
            --data takes .rego files (modules) and .json files (merged into the data document), like 'opa eval -d'. \
            A query that is a reference such as data.pkg.rule prints its value; any other query prints every \
            solution as an array of variable bindings. Exit status: 0 when the result is defined, 1 when it is \
            undefined (no solution), 2 on errors.

            Examples:
              assay policy eval --data appraisal.rego --input input.json 'data.assay.appraisal.trust_vector'
              assay policy eval --data policy.rego --data data.json 'x := data.lib.allowed[_]'
            """
    )

    @Option(name: .customLong("data"), help: ArgumentHelp("A .rego module or a .json data document. Repeatable.", valueName: "file"))
    var data: [String] = []

    @Option(name: .customLong("input"), help: ArgumentHelp("The input document (JSON).", valueName: "file"))
    var input: String?

    @Option(
        name: .customLong("now"),
        help: ArgumentHelp("The instant time.now_ns() returns, as RFC 3339 (default: the system clock).", valueName: "time"))
    var now: String?

    @OptionGroup var language: RegoLanguageOptions

    @Argument(help: "The query, e.g. data.pkg.rule or 'x := data.pkg.items[_]'.")
    var query: String

    func validate() throws {
        if let now, RFC3339.parse(now) == nil {
            throw ValidationError("--now must be an RFC 3339 timestamp such as 2026-01-01T00:00:00Z, got '\(now)'")
        }
    }

    func run() throws {
        let modulePaths = data.filter { $0.hasSuffix(".rego") }
        var document = ObjectValue()
        for path in data where !path.hasSuffix(".rego") {
            let value = try Self.json(path, what: "data document", limits: language.compileOptions.limits)
            guard let object = value.objectValue else {
                throw CLIError.invalidArgument("data document \(path) must be a JSON object, not \(value.typeName)")
            }
            document = Self.merge(document, object)
        }
        let inputValue = try input.map { try Self.json($0, what: "input document", limits: language.compileOptions.limits) }
        var environment = EvaluationEnvironment()
        if let instant = now.flatMap(RFC3339.parse) {
            environment.clock = Rego.FixedEvaluationClock(instant)
        }
        do {
            let policy = try Policy(modules: try language.modules(modulePaths), options: language.compileOptions)
            if let reference = try? policy.prepare(document: query) {
                guard let value = try reference.value(input: inputValue, data: .object(document), environment: environment)
                else { throw Undefined() }
                print(JSONValue(value).prettyText)
            } else {
                let result = try policy.prepare(query: query).evaluate(
                    input: inputValue, data: .object(document), environment: environment)
                guard !result.solutions.isEmpty else { throw Undefined() }
                print(JSONValue.array(result.solutions.map { .object($0.mapValues(JSONValue.init)) }).prettyText)
            }
        } catch let error as RegoError {
            throw CLIError.invalidArgument(String(describing: error))
        } catch is Undefined {
            FileHandle.standardError.write(Data("undefined: \(query) has no value for this input and data\n".utf8))
            throw ExitStatus.rejected
        }
    }

    struct Undefined: Error {}

    static func json(_ path: String, what: String, limits: Limits) throws -> Rego.Value {
        let bytes = try InputFiles.read(path, what: what, limit: AppraisalPolicyOptions.maxBytes)
        do {
            return try Rego.Value(json: String(decoding: bytes, as: UTF8.self), limits: limits)
        } catch {
            throw CLIError.invalidArgument("\(what) \(path) is not valid JSON: \(error.message)")
        }
    }

    /// Deep-merges two data documents; the later one wins where both define a non-object value.
    static func merge(_ base: ObjectValue, _ addition: ObjectValue) -> ObjectValue {
        var merged = base
        for (key, value) in addition.pairs {
            if let existing = merged[key]?.objectValue, let incoming = value.objectValue {
                merged.set(key, .object(merge(existing, incoming)))
            } else {
                merged.set(key, value)
            }
        }
        return merged
    }
}

/// `assay policy show-default`: print the built-in appraisal policy.
struct PolicyShowDefaultCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show-default",
        abstract: "Print the built-in appraisal policy (a starting point for your own --policy).")

    func run() throws {
        print(try RegoAppraisalPolicy.standard().source, terminator: "")
    }
}
