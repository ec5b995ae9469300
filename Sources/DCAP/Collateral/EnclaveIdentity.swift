public import Foundation
import AttestationCore

/// Intel's identity of a quoting enclave (PCS `/sgx|tdx/certification/v4/qe/identity`): the expected MRSIGNER,
/// ISVPRODID, MISCSELECT and ATTRIBUTES of the QE, and TCB levels for its ISV SVN.
public struct EnclaveIdentity: Sendable, Hashable {
    /// The signed document.
    public let document: SignedCollateralDocument
    /// `id`: `QE` (SGX), `TD_QE` (TDX) or `QVE`.
    public let id: String
    /// `version`.
    public let version: Int
    /// `issueDate`.
    public let issueDate: Date
    /// `nextUpdate`.
    public let nextUpdate: Date
    /// `tcbEvaluationDataNumber`.
    public let tcbEvaluationDataNumber: Int64
    /// `miscselect` (4 bytes, the little-endian MISCSELECT word).
    public let miscSelect: [UInt8]
    /// `miscselectMask` (4 bytes).
    public let miscSelectMask: [UInt8]
    /// `attributes` (16 bytes).
    public let attributes: [UInt8]
    /// `attributesMask` (16 bytes).
    public let attributesMask: [UInt8]
    /// `mrsigner` (32 bytes).
    public let mrSigner: [UInt8]
    /// `isvprodid`.
    public let isvProdID: UInt16
    /// `tcbLevels`.
    public let tcbLevels: [IdentityTCBLevel]

    /// Identifier of the SGX quoting enclave's identity.
    public static let sgxQEID = "QE"
    /// Identifier of the TDX quoting enclave's identity.
    public static let tdxQEID = "TD_QE"

    /// Reads the fields of a signed enclave identity object.
    public init(document: SignedCollateralDocument) throws {
        let json = document.object
        let source = document.source
        self.document = document
        id = try json.string("id", in: source)
        version = Int(try json.integer("version", in: source, range: 2...3))
        issueDate = try json.date("issueDate", in: source)
        nextUpdate = try json.date("nextUpdate", in: source)
        tcbEvaluationDataNumber = try json.integer("tcbEvaluationDataNumber", in: source, range: 0...Int64(UInt32.max))
        miscSelect = try json.hex("miscselect", in: source, length: 4)
        miscSelectMask = try json.hex("miscselectMask", in: source, length: 4)
        attributes = try json.hex("attributes", in: source, length: 16)
        attributesMask = try json.hex("attributesMask", in: source, length: 16)
        mrSigner = try json.hex("mrsigner", in: source, length: 32)
        isvProdID = UInt16(try json.integer("isvprodid", in: source, range: 0...65535))
        tcbLevels = try json.array("tcbLevels", in: source, limit: TDXModuleIdentity.maxEntries).map {
            try IdentityTCBLevel(json: $0, source: source)
        }
        guard !tcbLevels.isEmpty else {
            throw DCAPError.malformedCollateral(source: source, reason: "enclave identity has no TCB levels")
        }
    }

    /// Whether the document is in force at `instant` (issueDate ≤ instant ≤ nextUpdate).
    public func isCurrent(at instant: Date) -> Bool { issueDate <= instant && instant <= nextUpdate }
}
