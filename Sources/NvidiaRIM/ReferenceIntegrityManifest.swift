import AttestationCore

/// An NVIDIA Reference Integrity Manifest: a TCG RIM as an ISO/IEC 19770-2 SWID tag whose Payload lists the golden
/// measurements of a GPU's driver or VBIOS, signed with an enveloped XML signature. Parsed from the exact bytes,
/// which it keeps; nothing is judged here (``RIMVerifier`` does).
///
/// ```
/// <SoftwareIdentity tagId="…">
///   <Meta product="GH100" colloquialVersion="96.00.5E.00.01" …/>
///   <Payload><Resource type="Measurement" index="0" active="True" alternatives="1" ns2:Hash0="…" size="48"/>…</Payload>
///   <ds:Signature>…</ds:Signature>
/// </SoftwareIdentity>
/// ```
public struct ReferenceIntegrityManifest: Sendable, Hashable {
    /// The SWID tag namespace (ISO/IEC 19770-2:2015).
    public static let swidNamespace = "http://standards.iso.org/iso/19770/-2/2015/schema.xsd"
    /// The namespace of the measurement hashes (`Hash0`, …): SHA-384.
    public static let hashNamespace = "http://www.w3.org/2001/04/xmlenc#sha384"
    /// Largest document accepted, in bytes.
    public static var maxBytes: Int { XMLDocument.maxBytes }
    /// Most child elements of SoftwareIdentity.
    public static let maxTopLevelElements = 32
    /// Most measurements (one per index).
    public static let maxMeasurements = RIMMeasurement.maxIndex + 1
    /// Longest tag id, product or version accepted.
    public static let maxTextLength = 256

    /// The document as given.
    public let bytes: [UInt8]
    /// SoftwareIdentity `tagId`.
    public let tagID: String
    /// Meta `product` (the chip: `GH100`).
    public let product: String
    /// Meta `colloquialVersion` (the driver or VBIOS version).
    public let colloquialVersion: String
    /// The golden measurements, in document order, one per index.
    public let measurements: [RIMMeasurement]
    /// The enveloped signature.
    public let signature: RIMSignature

    /// Parses a RIM (XML, at most ``maxBytes``; no DTD, no network).
    public init(parsing bytes: [UInt8]) throws(NvidiaRIMError) {
        self = try XMLSecurityLibrary.shared.withDocument(bytes) { document throws(NvidiaRIMError) in
            try ReferenceIntegrityManifest.read(document, bytes: bytes).manifest
        }
    }

    /// Reads a parsed document: the manifest, and where its signature's parts are for xmlsec.
    static func read(
        _ document: XMLDocument, bytes: [UInt8]
    ) throws(NvidiaRIMError) -> (manifest: ReferenceIntegrityManifest, signature: XMLSignatureElements) {
        let root = try document.root()
        guard root.is("SoftwareIdentity", in: swidNamespace) else {
            throw NvidiaRIMError.invalidField(
                field: "document element", reason: "\(root.name.prefix(64)), expected SoftwareIdentity in the SWID namespace")
        }
        let signature = try XMLSignatureElements(
            signature: try root.child("Signature", in: RIMSignature.namespace, limit: maxTopLevelElements, field: "Signature"))
        return (try ReferenceIntegrityManifest(root: root, signature: signature, bytes: bytes), signature)
    }

    /// Reads the SoftwareIdentity element `root`, whose signature's parts are `signature`.
    init(root: XMLElement, signature: XMLSignatureElements, bytes: [UInt8]) throws(NvidiaRIMError) {
        self.bytes = bytes
        tagID = try Self.text(root.attribute("tagId"), field: "SoftwareIdentity@tagId")
        let meta = try root.child("Meta", in: Self.swidNamespace, limit: Self.maxTopLevelElements, field: "Meta")
        product = try Self.text(meta.attribute("product"), field: "Meta@product")
        colloquialVersion = try Self.text(meta.attribute("colloquialVersion"), field: "Meta@colloquialVersion")
        let payload = try root.child("Payload", in: Self.swidNamespace, limit: Self.maxTopLevelElements, field: "Payload")
        var measurements: [RIMMeasurement] = []
        var indices = Set<Int>()
        for (position, element) in try payload.children(limit: Self.maxMeasurements, field: "Payload").enumerated() {
            let field = "Payload/Resource[\(position)]"
            guard element.is("Resource", in: Self.swidNamespace) else {
                throw NvidiaRIMError.invalidField(field: field, reason: "\(element.name.prefix(64)) is not a Resource")
            }
            let measurement = try RIMMeasurement(element: element, field: field)
            guard indices.insert(measurement.index).inserted else {
                throw NvidiaRIMError.invalidField(field: field, reason: "index \(measurement.index) appears twice")
            }
            measurements.append(measurement)
        }
        guard !measurements.isEmpty else { throw NvidiaRIMError.invalidField(field: "Payload", reason: "no measurements") }
        self.measurements = measurements
        self.signature = try RIMSignature(elements: signature)
    }

    /// The measurements the GPU's are compared with.
    public var activeMeasurements: [RIMMeasurement] { measurements.filter(\.isActive) }

    /// A required, non-empty attribute of at most ``maxTextLength`` characters.
    static func text(_ value: String?, field: String) throws(NvidiaRIMError) -> String {
        guard let value, !value.isEmpty else { throw NvidiaRIMError.invalidField(field: field, reason: "missing or empty") }
        guard value.count <= maxTextLength else {
            throw NvidiaRIMError.invalidField(field: field, reason: "\(value.count) characters, above \(maxTextLength)")
        }
        return value
    }
}
