import Rego
import Yams

/// One test case of OPA's conformance suite.
struct ConformanceCase {
    /// `folder/file.yaml: note`, unique within the suite.
    var name: String
    var folder: String
    var note: String
    var query: String
    var modules: [String]
    var data: Value?
    var input: Value?
    var inputTerm: String?
    var wantResult: [[String: Value]]?
    var wantErrorCode: String?
    var wantError: String?
    var strictError: Bool
    var sortBindings: Bool

    /// Reads every case of one YAML file.
    static func load(file path: String, folder: String, fileName: String, text: String) throws -> [ConformanceCase] {
        guard let root = try Yams.compose(yaml: text), let cases = root["cases"]?.sequence else { return [] }
        var result: [ConformanceCase] = []
        var seen: [String: Int] = [:]
        for node in cases {
            let note = node["note"]?.string ?? "?"
            var name = "\(folder)/\(fileName): \(note)"
            seen[name, default: 0] += 1
            if let n = seen[name], n > 1 { name += " #\(n)" }
            var modules: [String] = []
            if let list = node["modules"]?.sequence {
                modules = list.compactMap(\.string)
            }
            var want: [[String: Value]]?
            if let list = node["want_result"]?.sequence {
                var solutions: [[String: Value]] = []
                for item in list {
                    var bindings: [String: Value] = [:]
                    if let mapping = item.mapping {
                        for (k, v) in mapping {
                            if let key = k.string { bindings[key] = try YAMLValue.value(v) }
                        }
                    }
                    solutions.append(bindings)
                }
                want = solutions
            }
            result.append(ConformanceCase(
                name: name, folder: folder, note: note, query: node["query"]?.string ?? "",
                modules: modules,
                data: try node["data"].map(YAMLValue.value),
                input: try node["input"].map(YAMLValue.value),
                inputTerm: node["input_term"]?.string,
                wantResult: want,
                wantErrorCode: node["want_error_code"]?.string,
                wantError: node["want_error"]?.string,
                strictError: node["strict_error"]?.bool ?? false,
                sortBindings: node["sort_bindings"]?.bool ?? false))
        }
        return result
    }
}

/// Why a case could not be loaded or run.
enum ConformanceError: Error, CustomStringConvertible {
    case unsupported(String)
    case missingSuite(String)

    var description: String {
        switch self {
        case .unsupported(let what): "unsupported: \(what)"
        case .missingSuite(let path): "conformance suite not found at \(path)"
        }
    }
}
