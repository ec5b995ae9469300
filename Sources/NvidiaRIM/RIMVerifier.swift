public import AttestationCore
import Crypto
public import Foundation
import PKI

/// Verifies NVIDIA RIMs: the enveloped XML signature (xmlsec computes the whole document's digest and the canonical
/// SignedInfo; the ECDSA P-384 signature over it is checked with the signer certificate's key), only NVIDIA's
/// algorithms, and the signer's chain from KeyInfo/X509Data to the pinned NVIDIA CoRIM signing Root CA (bounded
/// search, CA constraints, validity at the instant). Every check runs and is named in the verdict (``RIMCheck``),
/// so a tampered measurement fails `document_digest` alone and an expired signer fails `rim_chain_validity` alone.
public struct RIMVerifier: Sendable {
    /// The roots a signer's chain may end at.
    public let trustAnchors: [TrustAnchor]

    /// A verifier trusting `trustAnchors`, by default the built-in NVIDIA CoRIM signing Root CA.
    public init(trustAnchors: [TrustAnchor] = NvidiaRIMRootCA.anchors) {
        self.trustAnchors = trustAnchors
    }

    /// Parses and verifies a RIM as of `instant`. Throws when the RIM cannot be evaluated (not XML, not a RIM, a
    /// certificate that is not X.509, xmlsec unavailable); a RIM that fails a check is a verification whose verdict
    /// lists every failure.
    public func verify(_ bytes: [UInt8], at instant: Date) throws(NvidiaRIMError) -> RIMVerification {
        let processed = try XMLSecurityLibrary.shared.withDocument(bytes) { document throws(NvidiaRIMError) in
            let (manifest, elements) = try ReferenceIntegrityManifest.read(document, bytes: bytes)
            let signature = manifest.signature
            let digestible = Self.isWholeDocument(signature) && signature.references.allSatisfy(XMLDSigAlgorithm.isSupported)
            return Processed(
                manifest: manifest,
                digestMatches: digestible ? elements.references.first.flatMap(elements.digestMatches) : nil,
                signedInfo: signature.canonicalizationMethod == XMLDSigAlgorithm.canonicalization11
                    ? elements.canonicalSignedInfo() : nil)
        }
        let manifest = processed.manifest
        let certificates = try manifest.signature.certificates.enumerated().map { position, der throws(NvidiaRIMError) in
            do { return try X509Certificate(derEncoded: der) } catch {
                throw NvidiaRIMError.invalidCertificate(position: position, reason: "\(error)")
            }
        }
        let anchors = try trustAnchors.map { anchor throws(NvidiaRIMError) in
            do { return try X509Certificate(derEncoded: anchor.derBytes) } catch {
                throw NvidiaRIMError.invalidTrustAnchor("\(anchor.name): \(error)")
            }
        }
        guard let signer = certificates.first else {
            throw NvidiaRIMError.invalidField(field: "Signature/KeyInfo/X509Data", reason: "no certificate")
        }
        var verdict = Verdict(tee: TEEKind.nvidia)
        checkSignature(processed, signer: signer, into: &verdict)
        let chain = checkChain(of: signer, through: Array(certificates.dropFirst()), to: anchors, at: instant, into: &verdict)
        verdict.claims = RIMVerification.claims(manifest, chain: chain)
        return RIMVerification(manifest: manifest, verdict: verdict, chain: chain, canonicalSignedInfo: processed.signedInfo)
    }

    /// What the XML processing produced, carried out of the library's lock.
    struct Processed: Sendable {
        let manifest: ReferenceIntegrityManifest
        /// Whether the Reference's digest matched; nil when it was not computed.
        let digestMatches: Bool?
        /// The canonical SignedInfo; nil when it was not computed.
        let signedInfo: [UInt8]?
    }

    /// The XML signature's checks: algorithms, reference, document digest, SignedInfo signature.
    func checkSignature(_ processed: Processed, signer: X509Certificate, into verdict: inout Verdict) {
        let signature = processed.manifest.signature
        let unsupported = XMLDSigAlgorithm.unsupported(in: signature)
        verdict.check(
            RIMCheck.algorithmsSupported, unsupported.isEmpty,
            expected: "C14N 1.1, ECDSA-SHA384, the enveloped-signature transform then C14N 1.1, and SHA-384",
            observed: unsupported.joined(separator: "; "))
        let wholeDocument = Self.isWholeDocument(signature)
        verdict.check(
            RIMCheck.referenceIsWholeDocument, wholeDocument, expected: "one Reference with URI \"\" (the whole document)",
            observed: signature.references.map { "URI " + ($0.uri.map { "\"\($0.prefix(128))\"" } ?? "absent") }
                .joined(separator: ", "))
        let uncomputed = wholeDocument
            ? "unsupported transforms or digest, or xmlsec failed" : "the Reference is not the whole document"
        verdict.check(
            RIMCheck.documentDigest, processed.digestMatches == true,
            expected: "SHA-384 of the canonicalised document (without its signature) equal to the Reference's DigestValue",
            observed: processed.digestMatches == false
                ? "a different digest: the document was altered after signing" : "not computed (\(uncomputed))")
        let method = signature.signatureMethod
        let unchecked = method != XMLDSigAlgorithm.ecdsaSHA384
            ? "not checked: SignatureMethod \(method.prefix(128))"
            : "not checked: SignedInfo not canonicalised (unsupported CanonicalizationMethod, or xmlsec failed)"
        verdict.check(
            RIMCheck.signedInfoSignature,
            method == XMLDSigAlgorithm.ecdsaSHA384
                && Self.isSignatureValid(signature.signatureValue, over: processed.signedInfo, by: signer),
            expected: "ECDSA P-384/SHA-384 signature (96 bytes r‖s) by '\(signer.subjectCommonName ?? "the signer")' "
                + "over the canonical SignedInfo",
            observed: method == XMLDSigAlgorithm.ecdsaSHA384 && processed.signedInfo != nil
                ? "the signature does not verify (SignedInfo altered, or signed by another key)" : unchecked)
    }

    /// The signer chain's checks; returns the chain as built (signer first), or the certificates as given when no
    /// link could be made.
    func checkChain(
        of signer: X509Certificate, through candidates: [X509Certificate], to anchors: [X509Certificate], at instant: Date,
        into verdict: inout Verdict
    ) -> [X509Certificate] {
        let result = CertificatePathBuilder(anchors: anchors, candidates: candidates).build(from: signer, at: instant)
        let path = result.path.isEmpty ? [signer] + candidates : result.path
        verdict.check(
            RIMCheck.chainSignatures, Self.isChainSigned(result),
            expected: "every certificate of X509Data signed by the next, up to a root",
            observed: "the certificates do not link the signer to a root (\(result.outcome))")
        verdict.check(
            RIMCheck.rootPinned, result.isAnchored,
            expected: "a chain to a trusted anchor (\(trustAnchors.map(\.description).joined(separator: ", ")))",
            observed: path.last.map {
                "the chain ends at '\($0.subjectCommonName ?? "?")' (sha256 \(Hex.encode(SHA256.hash(data: $0.derBytes))))"
            } ?? "no chain")
        let policy = RFC5280PathPolicy()
        let problems = path.enumerated().flatMap { position, certificate in
            policy.problems(with: certificate, at: position, instant: certificate.notBefore)
        }
        verdict.check(
            RIMCheck.caConstraints, problems.isEmpty, expected: "issuers that are CAs allowed to sign certificates",
            observed: problems.joined(separator: "; "))
        let start = path.map(\.notBefore).max() ?? .distantPast
        let end = path.map(\.notAfter).min() ?? .distantFuture
        verdict.check(
            RIMCheck.validityWindowNonempty, start <= end, expected: "certificates whose validity periods overlap",
            observed: "the latest notBefore \(RFC3339.format(start)) is after the earliest notAfter \(RFC3339.format(end))")
        let invalid = path.filter { !$0.isValid(at: instant) }
        verdict.check(
            RIMCheck.chainValidity, invalid.isEmpty,
            expected: "every certificate valid at \(RFC3339.format(instant)) (the chain is valid from "
                + "\(RFC3339.format(start)) to \(RFC3339.format(end)))",
            observed: invalid.map {
                "'\($0.subjectCommonName ?? "?")' valid \(RFC3339.format($0.notBefore)) to \(RFC3339.format($0.notAfter))"
            }.joined(separator: "; "))
        return path
    }

    /// Exactly one Reference, and its URI is "".
    static func isWholeDocument(_ signature: RIMSignature) -> Bool {
        signature.references.count == 1 && signature.references.first?.uri == ""
    }

    /// Whether `signature` (raw r‖s) verifies over `signedInfo` with the signer's P-384 key.
    static func isSignatureValid(_ signature: [UInt8], over signedInfo: [UInt8]?, by signer: X509Certificate) -> Bool {
        guard let signedInfo, case .p384(let key) = try? signer.publicKey(), signature.count == 96,
            let value = try? P384.Signing.ECDSASignature(rawRepresentation: signature)
        else { return false }
        return key.isValidSignature(value, for: signedInfo)
    }

    /// Every link of the path verifies and it ends at an anchor or at a self-signed root.
    static func isChainSigned(_ result: CertificatePathResult) -> Bool {
        guard result.unverifiedLinks.isEmpty, let last = result.path.last else { return false }
        if result.isAnchored { return true }
        guard last.isSelfIssued, let key = try? last.publicKey() else { return false }
        return last.isSignatureValid(key: key)
    }
}
