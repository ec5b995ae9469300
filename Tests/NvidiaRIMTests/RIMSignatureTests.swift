import AssayTestSupport
import AttestationCore
import Foundation
import NvidiaRIM
import Testing

/// The XML signature's checks one at a time, on NVIDIA's genuine RIM edited in SignedInfo or re-signed with a
/// chain made in the test.
@Suite(.sharedVectors)
struct RIMSignatureTests {
    /// One edit of the genuine RIM and the checks it must fail, nothing else.
    struct Edit: Sendable, CustomTestStringConvertible {
        let name: String
        let original: String
        let replacement: String
        let failures: Set<String>
        var testDescription: String { name }
    }

    static let edits: [Edit] = [
        Edit(
            name: "a Reference to a fragment", original: "<ds:Reference URI=\"\">", replacement: "<ds:Reference URI=\"#x\">",
            failures: ["reference_is_whole_document", "document_digest", "signed_info_signature"]),
        Edit(
            name: "a Reference without URI", original: "<ds:Reference URI=\"\">", replacement: "<ds:Reference>",
            failures: ["reference_is_whole_document", "document_digest", "signed_info_signature"]),
        Edit(
            name: "SHA-1 digest", original: "xmldsig-more#sha384\"", replacement: "xmldsig#sha1\"",
            failures: ["dsig_algorithms_supported", "document_digest", "signed_info_signature"]),
        Edit(
            name: "an XSLT transform", original: "http://www.w3.org/2000/09/xmldsig#enveloped-signature",
            replacement: "http://www.w3.org/TR/1999/REC-xslt-19991116",
            failures: ["dsig_algorithms_supported", "document_digest", "signed_info_signature"]),
        Edit(
            name: "RSA signature method", original: "xmldsig-more#ecdsa-sha384", replacement: "xmldsig-more#rsa-sha384",
            failures: ["dsig_algorithms_supported", "signed_info_signature"]),
        Edit(
            name: "C14N 1.0 for SignedInfo",
            original: "<ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/2006/12/xml-c14n11\"/>",
            replacement: "<ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/TR/2001/REC-xml-c14n-20010315\"/>",
            failures: ["dsig_algorithms_supported", "signed_info_signature"]),
        Edit(
            name: "one bit of the signature", original: "<ds:SignatureValue>s5JY", replacement: "<ds:SignatureValue>s5JZ",
            failures: ["signed_info_signature"]),
        Edit(
            name: "another DigestValue", original: "<ds:DigestValue>D3Bc", replacement: "<ds:DigestValue>D3Bd",
            failures: ["document_digest", "signed_info_signature"]),
        Edit(
            name: "an attribute outside the signature", original: "revision=\"r1\"", replacement: "revision=\"r2\"",
            failures: ["document_digest"]),
        Edit(
            name: "whitespace inside the signature (excluded by the enveloped transform)",
            original: "</ds:X509Data></ds:KeyInfo>", replacement: "</ds:X509Data>\n</ds:KeyInfo>", failures: []),
    ]

    @Test(arguments: edits)
    func eachEditFailsExactlyItsChecks(edit: Edit) throws {
        let text = String(decoding: try RIMVectors.bytes(RIMVectors.vbios), as: UTF8.self)
        try #require(text.components(separatedBy: edit.original).count == 2, "the edit applies once")
        let edited = Array(text.replacingOccurrences(of: edit.original, with: edit.replacement).utf8)
        let verdict = try RIMVerifier().verify(edited, at: try RIMVectors.asOf(RIMVectors.vbios)).verdict
        #expect(Set(verdict.failures.map(\.check)) == edit.failures, "\(verdict.failures)")
        #expect(verdict.passedChecks.count + verdict.failures.count == 9)
    }

    /// Re-signed by a key that is not NVIDIA's (its own chain in X509Data, SignedInfo untouched): the digest and
    /// the signature verify, the chain links, but it does not end at the pinned root. Trusting the test root
    /// instead, the same RIM verifies — which also shows the canonical SignedInfo is what a signer signs.
    @Test func aRIMResignedByAnotherKeyFailsTheRootPin() throws {
        let instant = try RIMVectors.asOf(RIMVectors.vbios)
        let genuine = try RIMVectors.bytes(RIMVectors.vbios)
        let signedInfo = try #require(try RIMVerifier().verify(genuine, at: instant).canonicalSignedInfo)
        #expect(String(decoding: signedInfo, as: UTF8.self).hasPrefix(
            "<ds:SignedInfo xmlns=\"http://standards.iso.org/iso/19770/-2/2015/schema.xsd\" "
                + "xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\""))
        let signer = try TestRIMSigner(notBefore: instant.addingTimeInterval(-3600), notAfter: instant.addingTimeInterval(3600))
        let resigned = try signer.resign(genuine, signedInfo: signedInfo)

        let verification = try RIMVerifier().verify(resigned, at: instant)
        #expect(verification.verdict.failures.map(\.check) == ["rim_root_pinned"])
        #expect(verification.verdict.failures.first?.observed.contains("'Test RIM Root CA'") == true)
        #expect(verification.verdict.claims["signing_chain"] == .array(["Test RIM Signer", "Test RIM CA", "Test RIM Root CA"]))
        #expect(throws: NvidiaRIMError.self) { try verification.referenceValues() }

        let trusted = try RIMVerifier(trustAnchors: [signer.anchor]).verify(resigned, at: instant)
        #expect(trusted.isValid, "\(trusted.verdict.failures)")
        #expect(try trusted.referenceValues().first?.provenance.contains("'Test RIM Signer'") == true)
        // The genuine RIM is not signed by a chain to the test root.
        let other = try RIMVerifier(trustAnchors: [signer.anchor]).verify(genuine, at: instant)
        #expect(other.verdict.failures.map(\.check) == ["rim_root_pinned"])
    }

    /// A chain in the wrong order still links (the builder finds the issuers); one missing its intermediate does not.
    @Test func theChainIsBuiltFromX509DataWhateverItsOrder() throws {
        let instant = try RIMVectors.asOf(RIMVectors.vbios)
        let text = String(decoding: try RIMVectors.bytes(RIMVectors.vbios), as: UTF8.self)
        var certificates = text.components(separatedBy: "<ds:X509Certificate>").dropFirst().map {
            "<ds:X509Certificate>" + ($0.components(separatedBy: "</ds:X509Certificate>").first ?? "") + "</ds:X509Certificate>"
        }
        try #require(certificates.count == 4)
        let signer = certificates.removeFirst()
        let shuffled = try TestRIMSigner.replacing(
            in: text, between: "<ds:X509Data>", and: "</ds:X509Data>", with: signer + certificates.reversed().joined())
        #expect(try RIMVerifier().verify(Array(shuffled.utf8), at: instant).isValid)
        let gap = try TestRIMSigner.replacing(
            in: text, between: "<ds:X509Data>", and: "</ds:X509Data>", with: signer + certificates[1] + certificates[2])
        let verdict = try RIMVerifier().verify(Array(gap.utf8), at: instant).verdict
        #expect(Set(verdict.failures.map(\.check)) == ["rim_chain_signatures", "rim_root_pinned"])
    }
}
