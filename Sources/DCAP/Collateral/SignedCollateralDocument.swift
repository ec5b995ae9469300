import AttestationCore

/// A JSON document Intel signs (TCB info, QE identity): the exact bytes of the inner object and the signature.
///
/// PCS serves `{"tcbInfo": {…}, "signature": "<r‖s hex>"}`; the signature covers the bytes of the inner object as
/// served. ``signedBytes`` are those bytes sliced from the input; ``compactBytes`` is Intel's compact form, kept
/// only when someone pretty-printed the document (the signature then verifies over that form instead).
public struct SignedCollateralDocument: Sendable, Hashable {
    /// Where the document came from (file, URL, bundle member), for messages.
    public let source: String
    /// The exact bytes of the signed object.
    public let signedBytes: [UInt8]
    /// The object without whitespace between tokens, when that differs from ``signedBytes``.
    public let compactBytes: [UInt8]?
    /// The ECDSA P-256 signature, raw r‖s.
    public let signature: [UInt8]
    /// The parsed object (ranges relative to ``signedBytes``).
    public let object: OrderedJSON

    /// A document whose signed object is `signedBytes` and whose signature is the hex text `signatureHex`.
    init(source: String, signedBytes: [UInt8], signatureHex: String) throws {
        guard let signature = try? Hex.decode(signatureHex), signature.count == 64 else {
            throw DCAPError.malformedCollateral(source: source, reason: "the signature must be 64 bytes of hex (raw r‖s)")
        }
        let object: OrderedJSON
        do { object = try OrderedJSON(parsing: signedBytes) } catch {
            throw DCAPError.malformedCollateral(source: source, reason: "\(error)")
        }
        guard object.members != nil else {
            throw DCAPError.malformedCollateral(source: source, reason: "the signed document is not a JSON object")
        }
        let compact = OrderedJSON.compact(signedBytes[...])
        self.source = source
        self.signedBytes = signedBytes
        self.compactBytes = compact == signedBytes ? nil : compact
        self.signature = signature
        self.object = object
    }

    /// Reads a PCS envelope `{"<member>": {…}, "signature": "…"}` from its exact bytes.
    init(envelope: OrderedJSON, bytes: [UInt8], member: String, source: String) throws {
        let inner = try envelope.member(member, in: source)
        try self.init(
            source: source, signedBytes: Array(bytes[inner.range]),
            signatureHex: try envelope.string("signature", in: source))
    }

    /// The byte forms the signature may cover: as given, then Intel's compact form.
    public var candidateSignedForms: [[UInt8]] { [signedBytes] + (compactBytes.map { [$0] } ?? []) }
}
