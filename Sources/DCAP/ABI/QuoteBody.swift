import AttestationCore

/// What a quote attests: an SGX enclave's report or a trust domain's report.
public enum QuoteBody: Sendable, Hashable {
    /// An SGX enclave report (v3 quotes, v5 body type 1).
    case enclave(EnclaveReportBody)
    /// A TD report 1.0 or 1.5 (v4 quotes, v5 body types 2 and 3).
    case td(TDReportBody)

    /// v5 body type of an SGX enclave report.
    public static let sgxBodyType: UInt16 = 1
    /// v5 body type of a TD report 1.0.
    public static let td10BodyType: UInt16 = 2
    /// v5 body type of a TD report 1.5.
    public static let td15BodyType: UInt16 = 3

    /// The 64 bytes of report data the attested workload chose.
    public var reportData: [UInt8] {
        switch self {
        case .enclave(let report): return report.reportData
        case .td(let report): return report.reportData
        }
    }

    /// Reads a body of the given v5 body type (v3 quotes read type 1, v4 quotes type 2).
    static func parse(_ reader: inout ByteReader, type: UInt16, size: UInt32) throws -> QuoteBody {
        switch (type, Int(size)) {
        case (sgxBodyType, EnclaveReportBody.length):
            return .enclave(try EnclaveReportBody(parsing: &reader, name: "enclave report"))
        case (td10BodyType, TDReportBody.length10):
            return .td(try TDReportBody(parsing: &reader, version15: false))
        case (td15BodyType, TDReportBody.length15):
            return .td(try TDReportBody(parsing: &reader, version15: true))
        default:
            throw DCAPError.unsupportedBodyType(type, size: size)
        }
    }
}
