import Appraisal
import AttestationCore
import Foundation

/// What `assay measure snp|tdx` computed: the registers, the parameters and the inputs' SHA-256. It prints as
/// `--format json` and as reference values, and `assay reference-values import --measurement-json` reads the JSON back.
///
/// JSON: `{"tee": "snp", "launch_digest": "…", "parameters": {…}, "inputs": {…}}` for SEV-SNP;
/// `{"tee": "tdx", "mr_td": "…", "parameters": {…}, "inputs": {…}}` for TDX (`rtmr0`…`rtmr2` are read too, for tools
/// that compute them).
struct MeasurementReport {
    /// One computed register: its member in the JSON, the claim it is appraised as, and its value in hex.
    struct Register: Equatable {
        let member: String
        let claim: String
        let hex: String
    }

    /// The JSON members each TEE's measurement has, and the claims they become.
    static let registers: [TEEKind: [(member: String, claim: String)]] = [
        .snp: [("launch_digest", "measurement")],
        .tdx: [("mr_td", "mr_td"), ("rtmr0", "rtmr0"), ("rtmr1", "rtmr1"), ("rtmr2", "rtmr2")],
    ]
    /// Longest register read from a measurement document (hex digits).
    static let maxRegisterHex = 128
    /// Largest measurement document read.
    static let maxBytes = 1024 * 1024

    let tee: TEEKind
    let values: [Register]
    let parameters: [String: JSONValue]
    let inputs: [String: JSONValue]

    init(tee: TEEKind, values: [Register], parameters: [String: JSONValue], inputs: [String: JSONValue]) {
        self.tee = tee
        self.values = values
        self.parameters = parameters
        self.inputs = inputs
    }

    /// Reads `--format json` output back; `source` names the file in errors.
    init(json document: JSONValue, source: String) throws {
        func invalid(_ reason: String) -> CLIError { .invalidArgument("\(source): \(reason)") }
        guard let teeName = document["tee"]?.stringValue, let expected = Self.registers[TEEKind(rawValue: teeName)] else {
            throw invalid("not 'assay measure … --format json' output: \"tee\" must be \(Self.registers.keys.map { "\"\($0)\"" }.sorted().joined(separator: " or "))")
        }
        tee = TEEKind(rawValue: teeName)
        values = try expected.compactMap { member, claim in
            guard let value = document[member] else { return nil }
            guard let hex = value.stringValue, hex.count <= Self.maxRegisterHex, (try? Hex.decode(hex)) != nil else {
                throw invalid("\"\(member)\" must be hex of at most \(Self.maxRegisterHex) digits")
            }
            return Register(member: member, claim: claim, hex: hex.lowercased())
        }
        guard !values.isEmpty else { throw invalid("no measured register (\(expected.map(\.member).joined(separator: ", ")))") }
        parameters = document["parameters"]?.objectValue ?? [:]
        inputs = document["inputs"]?.objectValue ?? [:]
    }

    /// sev-snp-measure's output (`sev-snp-measure --mode snp …`): the launch digest in hex as the last word.
    init(sevSNPMeasureOutput text: String, source: String) throws {
        guard let word = text.split(whereSeparator: \.isWhitespace).last.map(String.init), word.count == 96,
            (try? Hex.decode(word)) != nil
        else {
            throw CLIError.invalidArgument("\(source): neither measurement JSON nor sev-snp-measure output (96 hex digits)")
        }
        self.init(tee: .snp, values: [Register(member: "launch_digest", claim: "measurement", hex: word.lowercased())], parameters: [:], inputs: [:])
    }

    /// `--format json`.
    var json: JSONValue {
        var members: [String: JSONValue] = ["tee": .string(tee.rawValue), "parameters": .object(parameters), "inputs": .object(inputs)]
        for register in values { members[register.member] = .string(register.hex) }
        return .object(members)
    }

    /// Prints the report in `format` (text: the registers' hex, one per line), then adds its reference values to
    /// `destination`'s service when one is given.
    func publish(_ format: MeasurementFormat, origin: String, to destination: ReferenceValueServerOptions) async throws {
        let referenceValues = referenceValues(origin: origin)
        switch format {
        case .text: print(values.map(\.hex).joined(separator: "\n"))
        case .json: print(json.prettyText)
        case .referenceValues: print(referenceValues.json.prettyText)
        }
        try await destination.post(referenceValues, what: "the \(tee) \(values.map(\.claim).joined(separator: ", ")) reference value")
    }

    /// One reference value per register, its provenance naming `origin`, the inputs' SHA-256 and the parameters.
    func referenceValues(origin: String) -> ReferenceValueSet {
        let details = inputs.merging(parameters) { first, _ in first }.sorted { $0.key < $1.key }.filter { $0.value != .null }
            .map { "\($0.key)=\($0.value.stringValue ?? $0.value.compactText)" }
        let provenance = ([origin] + (details.isEmpty ? [] : [details.joined(separator: ", ")])).joined(separator: ": ")
        return ReferenceValueSet(values.map { register in
            ReferenceValue(tee: tee, claim: register.claim, values: [register.hex], provenance: provenance, component: .executables)
        })
    }
}
