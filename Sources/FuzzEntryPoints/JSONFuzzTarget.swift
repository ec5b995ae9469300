import AttestationCore
import Rego

/// `json`: JSON text through both readers Assay has — AttestationCore's ``JSONValue`` (API bodies, runtime data,
/// collateral) and Rego's ``Value`` reader (policy input and data) — and their writers.
public enum JSONFuzzTarget: FuzzTarget {
    public static let name = "json"

    public static func run(_ bytes: [UInt8]) {
        checkJSONValue(bytes)
        checkRegoValue(String(decoding: bytes, as: UTF8.self))
    }

    static func checkJSONValue(_ bytes: [UInt8]) {
        if let value = try? JSONValue(parsing: bytes) {
            // The compact form is what digests and tokens are computed over: it must be JSON, and stable.
            let compact = value.compactBytes
            let reparsed = try? JSONValue(parsing: compact)
            FuzzInput.require(reparsed?.compactBytes == compact, "JSONValue.compactBytes is not a fixed point")
            FuzzInput.require((try? JSONValue(parsing: Array(value.prettyText.utf8))) == reparsed, "prettyText differs")
        }
        // Intel's signed documents are verified over the bytes of one member: each range must hold that member.
        guard let (members, ranges) = try? JSONValue.object(parsingWithValueRanges: bytes) else { return }
        for (key, range) in ranges {
            FuzzInput.require(
                (try? JSONValue(parsing: bytes[range])) == members[key], "the value range of member \(key) is wrong")
        }
    }

    static func checkRegoValue(_ text: String) {
        guard let value = try? Value(json: text) else { return }
        let written = value.jsonText
        let reparsed = try? Value(json: written)
        FuzzInput.require(reparsed?.jsonText == written, "Rego Value.jsonText is not a fixed point")
    }
}
