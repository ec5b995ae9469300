import X509

/// The encodings the crypto.x509 built-ins accept for certificates, requests and keys: PEM text, base64 of PEM text,
/// or base64 of DER (several certificates concatenated).
enum X509Input {
    /// The most certificates read from one operand.
    static let maxCertificates = PEMBlock.maxBlocks

    /// What the operand holds once its base64 layer, if any, is removed.
    enum Content {
        case pem([PEMBlock])
        case der([UInt8])
    }

    /// PEM blocks when the text (or its base64 decoding) starts with `-----BEGIN`, else DER bytes.
    static func content(_ text: String) throws(X509InputError) -> Content {
        let begin = Array("-----BEGIN".utf8)
        if text.utf8.starts(with: begin) { return .pem(try blocks(Array(text.utf8))) }
        guard let bytes = BuiltinRegistry.base64Decode(text, url: false, lenient: false) else {
            throw .illegalBase64
        }
        if bytes.starts(with: begin) { return .pem(try blocks(bytes)) }
        return .der(bytes)
    }

    private static func blocks(_ bytes: [UInt8]) throws(X509InputError) -> [PEMBlock] {
        guard let blocks = PEMBlock.all(in: bytes) else { throw .tooMany(bound: maxCertificates) }
        return blocks
    }

    /// The certificates in `text`, each with its DER bytes.
    static func certificates(_ text: String) throws(X509InputError) -> [(certificate: Certificate, der: [UInt8])] {
        let ders: [[UInt8]]
        switch try content(text) {
        case .pem(let blocks): ders = blocks.filter { $0.type == "CERTIFICATE" }.map(\.bytes)
        case .der(let bytes): ders = try splitDER(bytes)
        }
        guard !ders.isEmpty else { throw .malformedCertificate }
        var out: [(Certificate, [UInt8])] = []
        for der in ders {
            guard let certificate = try? Certificate(derEncoded: der) else { throw .malformedCertificate }
            out.append((certificate, der))
        }
        return out
    }

    /// Splits concatenated DER SEQUENCEs by their outer lengths, as Go's `x509.ParseCertificates` reads them.
    static func splitDER(_ bytes: [UInt8]) throws(X509InputError) -> [[UInt8]] {
        var out: [[UInt8]] = []
        var offset = 0
        while offset < bytes.count {
            guard out.count < maxCertificates else { throw .tooMany(bound: maxCertificates) }
            guard bytes[offset] == 0x30, offset + 1 < bytes.count else { throw .malformedCertificate }
            var length = Int(bytes[offset + 1])
            var header = 2
            if length & 0x80 != 0 {
                let count = length & 0x7F
                guard (1...4).contains(count), offset + 2 + count <= bytes.count else { throw .malformedCertificate }
                length = 0
                for b in bytes[(offset + 2)..<(offset + 2 + count)] { length = length << 8 | Int(b) }
                header += count
            }
            guard length <= bytes.count - offset - header else { throw .malformedCertificate }
            out.append(Array(bytes[offset..<(offset + header + length)]))
            offset += header + length
        }
        return out
    }
}

/// Why certificate or key input could not be read; the messages are Go's where OPA passes them on.
enum X509InputError: Error, Sendable, Equatable, CustomStringConvertible {
    case illegalBase64
    case malformedCertificate
    case tooMany(bound: Int)
    case malformedRequest
    case malformedKey(String)
    case keyMismatch

    var description: String {
        switch self {
        case .illegalBase64: "illegal base64 data"
        case .malformedCertificate: "x509: malformed certificate"
        case .tooMany(let bound): "more than \(bound) certificates or PEM blocks"
        case .malformedRequest: "x509: malformed certificate request"
        case .malformedKey(let reason): "x509: failed to parse private key: \(reason)"
        case .keyMismatch: "tls: private key does not match public key"
        }
    }
}
