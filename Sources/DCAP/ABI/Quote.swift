public import AttestationCore

/// An Intel DCAP ECDSA quote: SGX (v3) or TDX (v4, v5), parsed by its declared lengths and kept byte-exact.
///
/// | offset | size | field |
/// |---|---|---|
/// | 0x00 | 48 | header |
/// | 0x30 | 6 | v5 only: body type (2 bytes) and body size (4 bytes) |
/// | 0x30 / 0x36 | 384, 584 or 648 | body: SGX report, TD report 1.0 or TD report 1.5 |
/// | … | 4 | signature data length L, at most ``QuoteSignatureData/maxLength`` |
/// | … | L | signature data |
/// | … | … | trailing bytes (quotes are often delivered in larger buffers): allowed and counted |
///
/// The quote signature covers header ‖ (v5 body descriptor) ‖ body, kept as ``signedBytes``.
public struct Quote: Sendable, Hashable {
    /// The header.
    public let header: QuoteHeader
    /// The v5 body type (1, 2 or 3); nil for v3 and v4, whose body type follows from the version.
    public let bodyType: UInt16?
    /// The body.
    public let body: QuoteBody
    /// The exact bytes the quote signature covers.
    public let signedBytes: [UInt8]
    /// The signature data.
    public let signatureData: QuoteSignatureData
    /// How many bytes follow the signature data.
    public let trailingByteCount: Int

    /// Parses a quote; throws ``DCAPError`` for anything malformed or unsupported.
    public init(parsing bytes: [UInt8]) throws {
        guard bytes.count <= Evidence.maxBytes else {
            throw DCAPError.malformedQuote(.boundExceeded(field: "quote length", value: bytes.count, limit: Evidence.maxBytes))
        }
        do {
            var reader = ByteReader(bytes)
            header = try QuoteHeader(parsing: &reader)
            switch header.version {
            case 3:
                bodyType = nil
                body = try QuoteBody.parse(&reader, type: QuoteBody.sgxBodyType, size: UInt32(EnclaveReportBody.length))
            case 4:
                bodyType = nil
                body = try QuoteBody.parse(&reader, type: QuoteBody.td10BodyType, size: UInt32(TDReportBody.length10))
            default:
                let type = try reader.readLittleEndian(UInt16.self, field: "body descriptor type")
                let size = try reader.readLittleEndian(UInt32.self, field: "body descriptor size")
                guard type != QuoteBody.sgxBodyType else { throw DCAPError.unsupportedBodyType(type, size: size) }
                bodyType = type
                body = try QuoteBody.parse(&reader, type: type, size: size)
            }
            signedBytes = Array(bytes[0..<reader.offset])
            let length = try ByteReader.bounded(
                try reader.readLittleEndian(UInt32.self, field: "signature data length"),
                limit: QuoteSignatureData.maxLength, field: "signature data length")
            var signatureReader = ByteReader(try reader.read(length, field: "signature data"))
            signatureData = try QuoteSignatureData(parsing: &signatureReader, version: header.version)
            trailingByteCount = reader.remaining
        } catch let error as AttestationCoreError {
            throw DCAPError.malformedQuote(error)
        }
    }

    /// The TEE that produced the quote.
    public var tee: TEEKind { header.tee }

    /// The QE report, its signature, authentication data and PCK certification data.
    public var qe: QEReportCertificationData { signatureData.qeReportCertificationData }

    /// Reserved ranges found set in the signed reports (the SGX body and the QE report): recorded, not rejected.
    public var reservedFields: ReservedFields {
        var reserved = ReservedFields()
        if case .enclave(let report) = body { reserved.append(contentsOf: report.reservedFields) }
        reserved.append(contentsOf: qe.qeReport.reservedFields)
        return reserved
    }
}
