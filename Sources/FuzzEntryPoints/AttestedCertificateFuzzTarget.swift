import AttestationCore
import AttestedTLS

/// `attested-certificate`: a TLS peer's certificate as `assay tls verify-cert` and the handshake read it (DER, or PEM
/// text): ``CertificateEvidence`` over every carrier (id-pe-cmw, TCG tagged evidence, the legacy quote extensions, a
/// Nitro document in a subjectAltName); and the CBOR inside, fed directly: ``CMW`` and Assay's collection,
/// ``TaggedEvidence`` and ``KeyBindingClaims``, each of which must read back what it writes.
public enum AttestedCertificateFuzzTarget: FuzzTarget {
    public static let name = "attested-certificate"
    /// Most PEM blocks read from one input.
    static let maxBlocks = 4

    public static func run(_ bytes: [UInt8]) {
        if PEM.isPEM(bytes) {
            for der in ((try? PEM.certificates(in: bytes)) ?? []).prefix(maxBlocks) { certificate(der) }
        } else {
            certificate(bytes)
        }
        wrapper(bytes)
        if let tagged = try? TaggedEvidence(cbor: bytes) {
            FuzzInput.require((try? TaggedEvidence(cbor: tagged.encoded)) == tagged, "TaggedEvidence does not read back")
        }
        if let claims = try? KeyBindingClaims(cbor: bytes) {
            FuzzInput.require((try? KeyBindingClaims(cbor: claims.encoded)) == claims, "KeyBindingClaims do not read back")
        }
    }

    static func certificate(_ der: [UInt8]) {
        guard let found = try? CertificateEvidence(certificateDER: der) else { return }
        FuzzInput.require(found.carriersPresent.first == found.carrier, "the judged carrier is not the first present")
        let hasClaims = found.carrier == .cmw || found.carrier == .tcgTaggedEvidence
        FuzzInput.require((found.claims != nil) == hasClaims, "claims for \(found.carrier) are \(String(describing: found.claims))")
        FuzzInput.require((found.runtimeData != nil) == hasClaims, "runtime data for \(found.carrier)")
        FuzzInput.require(
            found.bindingDescription["carrier"]?.stringValue == found.carrier.description, "bindingDescription names another carrier")
        FuzzInput.require(found.certificate.derBytes == der, "the certificate does not keep its exact bytes")
    }

    static func wrapper(_ bytes: [UInt8]) {
        guard let wrapper = try? CMW(cbor: bytes) else { return }
        FuzzInput.require((try? CMW(cbor: wrapper.encoded)) == wrapper, "CMW does not read back what it writes")
        guard let collection = try? AssayCMW(wrapper) else { return }
        let again = try? AssayCMW(CMW(cbor: collection.wrapper.encoded))
        FuzzInput.require(
            again?.evidence == collection.evidence && again?.claimsBytes == collection.claimsBytes
                && again?.token == collection.token,
            "Assay's CMW collection does not read back what it writes")
    }
}
