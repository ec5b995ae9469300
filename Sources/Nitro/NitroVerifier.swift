public import AttestationCore
import CBOR
import Crypto
import Foundation
import PKI

/// Verifies AWS Nitro Enclaves attestation documents: the COSE_Sign1 ES384 signature over the exact protected
/// header and payload by the document's certificate, its chain through the CA bundle to the pinned AWS Nitro
/// Enclaves Root-G1 (bounded search, validity at the instant, CA constraints), the timestamp inside the leaf's
/// validity, and the binding of `user_data` to the runtime data (SHA-512, ARCHITECTURE.md §1). Certificates, keys
/// and certificate signatures already seen are cached by their bytes (``NitroVerificationCache``), so a document
/// from a known chain costs one P-384 verification.
public struct NitroVerifier: EvidenceVerifier {
    public let tee = TEEKind.nitro
    public let binding = ReportDataBinding.sha512
    /// COSE's algorithm identifier for ECDSA P-384 with SHA-384.
    public static let es384: Int64 = -35

    let cache: NitroVerificationCache

    /// A verifier that remembers up to `cacheCapacity` certificates and keys (and four times as many signatures).
    public init(cacheCapacity: Int = 256) {
        cache = NitroVerificationCache(capacity: cacheCapacity)
    }

    public func verify(_ evidence: Evidence, context: VerificationContext) async throws -> Verdict {
        let message = try COSESign1(parsing: evidence.bytes)
        let document = try AttestationDocument(payload: message.payload)
        let leaf: X509Certificate
        let bundle: [X509Certificate]
        do {
            leaf = try cache.certificate(document.certificate)
            bundle = try document.caBundle.map(cache.certificate)
        } catch {
            throw NitroError.invalidField(field: "certificate/cabundle", reason: "not DER X.509 (\(error))")
        }
        var verdict = Verdict(tee: tee, claims: claims(document, leaf: leaf, bundle: bundle))

        verdict.check(
            NitroCheck.coseAlgES384, message.algorithm == Self.es384, expected: "protected header alg -35 (ES384)",
            observed: message.algorithm.map { "alg \($0)" } ?? "no alg in the protected header")
        verdict.check(
            NitroCheck.coseSignature, Self.isSignatureValid(message, key: cache.key(of: leaf)),
            expected: "ECDSA P-384/SHA-384 signature (96 bytes r‖s) by '\(leaf.subjectCommonName ?? "the certificate")' over "
                + "the COSE Sig_structure",
            observed: "the signature does not verify (document altered, or signed by another key)")

        let rootDigest = bundle.first.map { Hex.encode(SHA256.hash(data: $0.derBytes)) }
        let anchors = try anchors(context, bundle: bundle, rootIsPinned: rootDigest == NitroRootCA.sha256)
        verdict.check(
            NitroCheck.caBundleRootEqualsPinnedRoot, rootDigest == NitroRootCA.sha256,
            expected: "cabundle[0] = the AWS Nitro Enclaves Root-G1 (sha256 \(NitroRootCA.sha256))",
            observed: rootDigest.map { "sha256 \($0)" } ?? "an empty bundle")
        verdict.check(
            NitroCheck.rootPinned, bundle.first.map { root in anchors.contains { $0.derBytes == root.derBytes } } ?? false,
            expected: "the bundle's root is a trusted anchor (by default the pinned AWS Nitro Enclaves Root-G1)",
            observed: "'\(bundle.first?.subjectCommonName ?? "?")' is not")
        let result = CertificatePathBuilder(
            anchors: anchors, candidates: Array(bundle.dropFirst()), signatureCache: cache.signatures
        ).build(from: leaf, at: context.asOf)
        if result.outcome == .cancelled { throw CancellationError() }
        verdict.check(
            NitroCheck.chainSignatures, result.isFound && result.isAnchored && result.unverifiedLinks.isEmpty,
            expected: "every certificate signed by the next, up to the root",
            observed: "the bundle does not link the certificate to the root (\(result.outcome))")
        let path = result.isFound ? result.path : [leaf] + bundle.reversed()
        let invalid = path.filter { !$0.isValid(at: context.asOf) }
        verdict.check(
            NitroCheck.chainValidity, invalid.isEmpty, expected: "every certificate valid at \(RFC3339.format(context.asOf))",
            observed: invalid.map {
                "'\($0.subjectCommonName ?? "?")' valid \(RFC3339.format($0.notBefore)) to \(RFC3339.format($0.notAfter))"
            }.joined(separator: "; "))
        let policy = RFC5280PathPolicy()
        let problems = path.enumerated().dropFirst().flatMap { position, certificate in
            policy.problems(with: certificate, at: position, instant: context.asOf).filter { !$0.contains("is not valid at") }
        }
        verdict.check(
            NitroCheck.caConstraints, problems.isEmpty, expected: "the bundle's issuers are CAs that may sign certificates",
            observed: problems.joined(separator: "; "))
        verdict.check(
            NitroCheck.timestampWithinLeafValidity, leaf.isValid(at: document.date),
            expected: "timestamp \(RFC3339.format(document.date)) within the certificate's validity",
            observed: "valid \(RFC3339.format(leaf.notBefore)) to \(RFC3339.format(leaf.notAfter))")

        if context.expectedReportData != nil, document.userData == nil {
            verdict.fail(
                CoreCheck.reportDataBinding, expected: "user_data = SHA-512 of the runtime data",
                observed: "the document carries no user_data")
        } else if let userData = document.userData {
            verdict.checkReportData(userData, binding: binding, context: context)
        }
        return verdict
    }

    /// The roots to trust: the configured anchors, else the bundle's first certificate when it is the pinned root.
    func anchors(_ context: VerificationContext, bundle: [X509Certificate], rootIsPinned: Bool) throws -> [X509Certificate] {
        if let configured = context.trustAnchors {
            return try configured.map { anchor in
                do { return try cache.certificate(anchor.derBytes) } catch {
                    throw NitroError.invalidTrustAnchor("\(anchor.name): \(error)")
                }
            }
        }
        return rootIsPinned ? Array(bundle.prefix(1)) : []
    }

    /// Whether the raw r‖s signature verifies over the Sig_structure with the certificate's P-384 key.
    static func isSignatureValid(_ message: COSESign1, key: VerificationKey?) -> Bool {
        guard case .p384(let key) = key, message.signature.count == 96,
            let signature = try? P384.Signing.ECDSASignature(rawRepresentation: message.signature)
        else { return false }
        return key.isValidSignature(signature, for: message.signedBytes)
    }

    /// `module_id`, `digest`, `timestamp`, `pcrs {"0": hex, …}`, `debug`, `nonce`, `user_data`, `public_key`,
    /// `certificate_cn`, `cabundle [CN, …]`.
    func claims(_ document: AttestationDocument, leaf: X509Certificate, bundle: [X509Certificate]) -> Claims {
        var claims: Claims = [
            "tee": .string(tee.rawValue),
            "module_id": .string(document.moduleID),
            "digest": .string(document.digest),
            "timestamp": .unsigned(document.timestamp),
            "pcrs": .object(Dictionary(uniqueKeysWithValues: document.pcrs.map { (String($0.key), .hex($0.value)) })),
            "debug": .bool(document.isDebug),
            "certificate_cn": leaf.subjectCommonName.map(JSONValue.string) ?? .null,
            "cabundle": .array(bundle.map { $0.subjectCommonName.map(JSONValue.string) ?? .null }),
        ]
        for (name, value) in [("nonce", document.nonce), ("user_data", document.userData), ("public_key", document.publicKey)] {
            claims[name] = value.map { .hex($0) } ?? .null
        }
        return claims
    }
}
