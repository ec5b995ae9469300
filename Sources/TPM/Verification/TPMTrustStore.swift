public import AttestationCore
import Crypto
import PKI
public import X509

/// The roots and intermediates one TPM verification may chain EK and AK certificates through.
///
/// Roots are the context's trust anchors when it names any; otherwise the collateral certificates whose SHA-256
/// matches a pin Assay ships (a root is only trusted by its pin, even when it arrives as collateral).
public struct TPMTrustStore: Sendable {
    /// A root Assay trusts by the SHA-256 of its DER encoding.
    public struct Pin: Sendable, Hashable {
        /// A human name.
        public let name: String
        /// SHA-256 of the DER certificate, lowercase hex.
        public let sha256: String
        /// Whether the AK certificates this root's CAs issue are marked tcg-kp-EKCertificate instead of
        /// tcg-kp-AIKCertificate (Google's GCE vTPM AK certificates are).
        public let marksAKCertificatesAsEK: Bool
    }

    /// Built-in pins: Google's GCE vTPM EK/AK root (`tpm_ek_v1_cloud_host_root-signer-0-2018-04-06`, from
    /// go-tpm-tools `server/ca-certs/tpm_ek_root_1.cer`). Hardware TPM vendors' roots are configured as trust anchors.
    public static let builtInPins: [Pin] = [
        Pin(
            name: "Google GCE vTPM EK/AK root 2018-04-06",
            sha256: "9bd5285f8fb18502a7947e621ffd470266f49fcd3b73e19a190f690ad32a7caf", marksAKCertificatesAsEK: true)
    ]

    /// Most intermediate certificates one verification considers (collateral, configured and evidence ones
    /// together); any beyond are ignored, with a note.
    public static let maxIntermediates = 256

    /// The trusted roots, with the anchor each came from.
    public let roots: [(anchor: TrustAnchor, certificate: Certificate)]
    /// Every other certificate available for chain building (at most ``maxIntermediates``).
    public let intermediates: [Certificate]
    /// Collateral items that are not certificates (reported as notes).
    public let ignoredCollateral: [String]
    /// How many intermediate certificates were left out beyond ``maxIntermediates``.
    public let ignoredIntermediates: Int
    /// The roots and intermediates as PKI reads them, for path building.
    let rootCertificates: [X509Certificate]
    let intermediateCertificates: [X509Certificate]
    /// Where certificates and signature results are remembered across verifications, if anywhere.
    let cache: TPMCertificateCache?
    /// The chain validator for these roots and intermediates (made once: a cached store serves many checks).
    public let chain: TPMCertificateChain

    /// A certificate as swift-certificates (names, claims) and PKI (path building) read it.
    typealias ParsedCertificate = (certificate: Certificate, x509: X509Certificate)

    /// Resolves roots and intermediates from `context` (trust anchors, collateral) and `extra` certificates
    /// carried in the evidence; throws when an anchor or a collateral certificate cannot be parsed.
    public init(context: VerificationContext, extraIntermediates extra: [[UInt8]] = []) throws {
        try self.init(context: context, extraIntermediates: extra, cache: nil)
    }

    /// ``init(context:extraIntermediates:)`` reading certificates through `cache`, which also keeps the
    /// certificate signature results of every chain this store validates.
    init(context: VerificationContext, extraIntermediates extra: [[UInt8]], cache: TPMCertificateCache?) throws {
        let parse = { (der: [UInt8], role: String) in try cache?.parse(der, role: role) ?? Self.parse(der, role: role) }
        self.cache = cache
        let (collateral, ignored) = try Self.certificates(in: context.collateral)
        let anchors = context.trustAnchors ?? Self.pinnedAnchors(among: collateral)
        let parsedRoots = try anchors.map { anchor in
            try (anchor, parse(anchor.derBytes, "trust anchor \(anchor.name)"))
        }
        roots = parsedRoots.map { ($0.0, $0.1.certificate) }
        rootCertificates = parsedRoots.map(\.1.x509)
        let rootDigests = Set(anchors.map(\.sha256))
        let candidates = (collateral.map { ($0.source, $0.der) } + extra.map { ("evidence", $0) })
            .filter { !rootDigests.contains(Array(SHA256.hash(data: $0.1))) }
        let parsed = try candidates.prefix(Self.maxIntermediates).map { source, der in
            try parse(der, "intermediate certificate from \(source)")
        }
        intermediates = parsed.map(\.certificate)
        intermediateCertificates = parsed.map(\.x509)
        ignoredIntermediates = candidates.count - parsed.count
        ignoredCollateral = ignored
        chain = TPMCertificateChain(
            roots: rootCertificates, intermediates: intermediateCertificates,
            issuerNames: intermediates.map { "\($0.subject)" } + roots.map { "\($0.certificate.subject)" },
            signatureCache: cache?.signatures)
    }

    /// `der` read by swift-certificates (names, claims) and by PKI (path building); throws
    /// ``TPMError/invalidCertificate(role:reason:)`` naming `role` when either cannot read it.
    static func parse(_ der: [UInt8], role: String) throws -> ParsedCertificate {
        do { return (try Certificate(derEncoded: der), try X509Certificate(derEncoded: der)) } catch {
            throw TPMError.invalidCertificate(role: role, reason: "\(error)")
        }
    }

    /// The certificates (DER, with their source) in `collateral`, and the sources of items that hold none.
    static func certificates(in collateral: [CollateralItem]) throws -> (
        certificates: [(source: String, der: [UInt8])], ignored: [String]
    ) {
        var certificates: [(source: String, der: [UInt8])] = []
        var ignored: [String] = []
        for item in collateral {
            if item.bytes.first == 0x30, (try? Certificate(derEncoded: item.bytes)) != nil {
                certificates.append((item.source, item.bytes))
            } else if PEM.isPEM(item.bytes) {
                let found = try PEM.certificates(in: item.bytes)
                if found.isEmpty { ignored.append(item.source) }
                certificates += found.map { (item.source, $0) }
            } else {
                ignored.append(item.source)
            }
        }
        return (certificates, ignored)
    }

    /// The certificates among `certificates` that a built-in pin names, as trust anchors.
    static func pinnedAnchors(among certificates: [(source: String, der: [UInt8])]) -> [TrustAnchor] {
        certificates.compactMap { _, der in
            let digest = Hex.encode(Array(SHA256.hash(data: der)))
            return builtInPins.first { $0.sha256 == digest }.map { TrustAnchor(name: $0.name, derBytes: der) }
        }
    }

    /// The built-in pinned roots that arrive in `collateral` (unparseable collateral is left for the trust
    /// store to report).
    public static func pinnedAnchors(in collateral: [CollateralItem]) -> [TrustAnchor] {
        guard let found = try? certificates(in: collateral) else { return [] }
        return pinnedAnchors(among: found.certificates)
    }


    /// The built-in pin of `root`, if it is one.
    static func pin(of root: X509Certificate) -> Pin? {
        let digest = Hex.encode(Array(SHA256.hash(data: root.derBytes)))
        return builtInPins.first { $0.sha256 == digest }
    }

    /// The roots, described for messages.
    public var rootsDescription: String {
        roots.isEmpty
            ? "none (pass the manufacturer root with --trusted-root, or the pinned GCE root as collateral)"
            : roots.map(\.anchor.description).joined(separator: ", ")
    }
}
