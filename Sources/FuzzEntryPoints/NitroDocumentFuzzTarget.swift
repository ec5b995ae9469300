import AttestationCore
import CBOR
import Nitro

/// `nitro-document`: a Nitro attestation document as `assay verify --tee nitro` receives it (raw CBOR, hex or
/// base64): the CBOR reader (whatever it reads must encode and read back to the same item), COSE_Sign1 and the
/// attestation document's fields.
public enum NitroDocumentFuzzTarget: FuzzTarget {
    public static let name = "nitro-document"

    public static func run(_ bytes: [UInt8]) {
        let decoded = EvidenceEncoding.decode(bytes).bytes
        if let value = try? CBORReader.decode(decoded) {
            let again = try? CBORReader.decode(CBORWriter.encode(value))
            FuzzInput.require(again == value || containsNaN(value), "CBORWriter's encoding does not read back to the same item")
        }
        guard let message = try? COSESign1(parsing: decoded) else { return }
        _ = message.signedBytes
        _ = try? AttestationDocument(payload: message.payload)
    }

    /// NaN is not equal to itself, so an item holding one cannot compare equal after a round trip.
    static func containsNaN(_ value: CBORValue) -> Bool {
        switch value {
        case .float(let number): return number.isNaN
        case .array(let items): return items.contains(where: containsNaN)
        case .map(let entries): return entries.contains { containsNaN($0.key) || containsNaN($0.value) }
        case .tagged(_, let item): return containsNaN(item)
        default: return false
        }
    }
}
