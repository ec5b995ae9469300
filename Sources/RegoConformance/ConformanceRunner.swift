import Foundation
public import Rego

/// Runs conformance cases and judges them the way OPA's own runner does.
public struct ConformanceRunner: Sendable {
    /// The Rego version modules are parsed as.
    public var version: RegoVersion = .v1
    /// The clock cases run against (the suite's time cases compare against fixed instants).
    public var environment = EvaluationEnvironment()

    public init() {}

    /// The outcome of one case.
    public struct Outcome: Sendable {
        /// The case's name, `folder/file/case`.
        public var name: String
        /// Its folder.
        public var folder: String
        /// Whether it passed.
        public var passed: Bool
        /// Why not, when it failed.
        public var detail: String
    }

    /// Lists the YAML files of a suite directory, per folder, sorted.
    static func files(suite: String, folders: [String]) throws -> [(folder: String, file: String)] {
        let fm = FileManager.default
        guard fm.fileExists(atPath: suite) else { throw ConformanceError.missingSuite(suite) }
        let all = try fm.contentsOfDirectory(atPath: suite).filter { folder in
            var isDir: ObjCBool = false
            return fm.fileExists(atPath: suite + "/" + folder, isDirectory: &isDir) && isDir.boolValue
        }.sorted()
        let chosen = folders.isEmpty ? all : all.filter(folders.contains)
        var result: [(String, String)] = []
        for folder in chosen {
            for file in try fm.contentsOfDirectory(atPath: suite + "/" + folder).sorted() where file.hasSuffix(".yaml") || file.hasSuffix(".yml") {
                result.append((folder, file))
            }
        }
        return result
    }

    /// Loads and runs every case in the chosen folders.
    /// Runs every case of `folders` (all when empty) of the suite directory.
    public func run(suite: String, folders: [String]) throws -> [Outcome] {
        var outcomes: [Outcome] = []
        for (folder, file) in try ConformanceRunner.files(suite: suite, folders: folders) {
            let path = suite + "/" + folder + "/" + file
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let cases: [ConformanceCase]
            do {
                cases = try ConformanceCase.load(file: path, folder: folder, fileName: file, text: text)
            } catch {
                outcomes.append(Outcome(name: "\(folder)/\(file)", folder: folder, passed: false, detail: "load: \(error)"))
                continue
            }
            for c in cases { outcomes.append(run(c)) }
        }
        return outcomes
    }

    /// Runs one case.
    func run(_ c: ConformanceCase) -> Outcome {
        func outcome(_ passed: Bool, _ detail: String) -> Outcome {
            Outcome(name: c.name, folder: c.folder, passed: passed, detail: detail)
        }
        do {
            var options = CompileOptions()
            options.version = version
            let modules = c.modules.enumerated().map { RegoModule(fileName: "test-\($0.offset).rego", source: $0.element) }
            let policy = try Policy(modules: modules, options: options)
            var input = c.input
            if let term = c.inputTerm {
                input = try Policy(modules: [], options: options).evaluate(document: term)
            }
            var env = environment
            env.strictBuiltinErrors = c.strictError
            let result = try policy.prepare(query: c.query).evaluate(input: input, data: c.data ?? .emptyObject, environment: env)
            if c.wantErrorCode != nil || (c.wantResult == nil && c.wantError != nil) {
                return outcome(false, "expected error \(c.wantErrorCode ?? "") \(c.wantError ?? ""), got \(describe(result.solutions))")
            }
            guard let want = c.wantResult else { return outcome(true, "no expectation") }
            let got = result.solutions.map { normalize($0, sort: c.sortBindings) }
            let expected = want.map { normalize($0, sort: c.sortBindings) }
            if sameMultiset(got, expected) { return outcome(true, "") }
            return outcome(false, "want \(describe(want)) got \(describe(result.solutions))")
        } catch {
            if let code = c.wantErrorCode {
                return outcome(error.code == code, "want \(code), got \(error)")
            }
            if c.wantResult == nil, let message = c.wantError {
                let location = error.location.map { "\($0.file):\($0.line): " } ?? ""
                let text = "\(location)\(error.code): \(error.message)"
                return outcome(text.contains(message), "want error containing \(message), got \(text)")
            }
            return outcome(false, "unexpected error \(error)")
        }
    }

    private func describe(_ solutions: [[String: Value]]) -> String {
        "[" + solutions.map { s in "{" + s.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.jsonText)" }.joined(separator: ", ") + "}" }.joined(separator: ", ") + "]"
    }

    /// JSON-compatible form: sets become sorted arrays, keys strings; arrays sorted when asked.
    private func normalize(_ bindings: [String: Value], sort: Bool) -> [String: Value] {
        bindings.mapValues { v in
            let n = jsonCompatible(v)
            if sort, case .array(let items) = n { return .array(items.sorted()) }
            return n
        }
    }

    private func jsonCompatible(_ v: Value) -> Value {
        switch v {
        case .array(let items): return .array(items.map(jsonCompatible))
        case .set(let s): return .array(s.elements.map(jsonCompatible).sorted())
        case .object(let o):
            return .object(ObjectValue(o.pairs.map { k, v in
                (k.stringValue.map(Value.string) ?? .string(k.jsonText), jsonCompatible(v))
            }))
        default: return v
        }
    }

    private func sameMultiset(_ a: [[String: Value]], _ b: [[String: Value]]) -> Bool {
        guard a.count == b.count else { return false }
        var remaining = b
        for x in a {
            guard let i = remaining.firstIndex(of: x) else { return false }
            remaining.remove(at: i)
        }
        return true
    }
}
