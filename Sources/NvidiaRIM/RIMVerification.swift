public import AttestationCore
public import PKI

/// The outcome of verifying one NVIDIA RIM: the manifest, the verdict with every check (claims: `tag_id`,
/// `product`, `colloquial_version`, `signing_chain`, `active_measurements`, `measurements`, `dsig_algorithms`, as
/// `expected.jsonl` names them), and the signer's chain as built.
public struct RIMVerification: Sendable {
    /// The RIM as parsed.
    public let manifest: ReferenceIntegrityManifest
    /// Every check, and the claims.
    public let verdict: Verdict
    /// The signer's chain, signer first, as far as it could be built (ending at the anchor when it is anchored).
    public let chain: [X509Certificate]
    /// The canonical SignedInfo the signature covers, when xmlsec produced it.
    public let canonicalSignedInfo: [UInt8]?

    /// Whether the RIM passed every check.
    public var isValid: Bool { verdict.isValid }

    /// The signer certificate's common name.
    public var signerCommonName: String? { chain.first?.subjectCommonName }

    /// The claims of a RIM whose chain is `chain`: `measurements` maps each index (0-based, as in the RIM) to
    /// `{"active": bool, "alternatives": [hex, …]}`.
    static func claims(_ manifest: ReferenceIntegrityManifest, chain: [X509Certificate]) -> Claims {
        [
            "tee": .string(TEEKind.nvidia.rawValue),
            "tag_id": .string(manifest.tagID),
            "product": .string(manifest.product),
            "colloquial_version": .string(manifest.colloquialVersion),
            "signing_chain": .array(chain.map { $0.subjectCommonName.map(JSONValue.string) ?? .null }),
            "active_measurements": .integer(Int64(manifest.activeMeasurements.count)),
            "measurements": .object(
                Dictionary(
                    manifest.measurements.map { measurement in
                        (
                            String(measurement.index),
                            JSONValue.object([
                                "active": .bool(measurement.isActive),
                                "alternatives": .array(measurement.alternatives.map { .hex($0) }),
                            ])
                        )
                    }, uniquingKeysWith: { first, _ in first })),
            "dsig_algorithms": .array(manifest.signature.algorithms.map(JSONValue.string)),
        ]
    }
}
