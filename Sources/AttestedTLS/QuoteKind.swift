import AttestationCore

/// Which Intel TEE produced a DCAP quote, from its header (version 3: SGX; 4 and 5: tee_type 0 SGX, 0x81 TDX).
enum QuoteKind {
    static func tee(of quote: [UInt8], carrier: EvidenceCarrier) throws -> TEEKind {
        guard quote.count >= 8 else {
            throw AttestedTLSError.malformedExtension(carrier: carrier.description, reason: "a quote of \(quote.count) bytes")
        }
        let version = UInt16(quote[0]) | UInt16(quote[1]) << 8
        let teeType = UInt32(quote[4]) | UInt32(quote[5]) << 8 | UInt32(quote[6]) << 16 | UInt32(quote[7]) << 24
        switch (version, teeType) {
        case (3, _), (4, 0), (5, 0): return .sgx
        case (4, 0x81), (5, 0x81): return .tdx
        default:
            throw AttestedTLSError.malformedExtension(
                carrier: carrier.description, reason: "not a DCAP quote (version \(version), tee_type 0x\(String(teeType, radix: 16)))")
        }
    }
}
