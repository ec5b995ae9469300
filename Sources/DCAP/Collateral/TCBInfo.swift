public import Foundation
import AttestationCore

/// Intel's TCB info for one FMSPC (PCS `/sgx|tdx/certification/v4/tcb`): the TCB levels that decide a platform's
/// TCB status, valid from `issueDate` to `nextUpdate`, signed by the Intel SGX TCB Signing certificate.
public struct TCBInfo: Sendable, Hashable {
    /// Bound on TCB levels.
    static let maxLevels = 1024

    /// The signed document.
    public let document: SignedCollateralDocument
    /// `id`: `SGX` or `TDX` (version 2 documents have no id and are SGX).
    public let id: String
    /// `version` (2 or 3).
    public let version: Int
    /// `issueDate`.
    public let issueDate: Date
    /// `nextUpdate`: the document must not be used after it.
    public let nextUpdate: Date
    /// `fmspc` (6 bytes).
    public let fmspc: [UInt8]
    /// `pceId` (2 bytes).
    public let pceID: [UInt8]
    /// `tcbType`.
    public let tcbType: Int64
    /// `tcbEvaluationDataNumber`.
    public let tcbEvaluationDataNumber: Int64
    /// `tdxModule` (TDX only).
    public let tdxModule: TDXModuleIdentity?
    /// `tdxModuleIdentities` (TDX only, may be empty).
    public let tdxModuleIdentities: [TDXModuleIdentity]
    /// `tcbLevels`, as listed.
    public let tcbLevels: [TCBLevel]

    /// Identifier of SGX TCB info.
    public static let sgxID = "SGX"
    /// Identifier of TDX TCB info.
    public static let tdxID = "TDX"

    /// Reads the fields of a signed TCB info object.
    public init(document: SignedCollateralDocument) throws {
        let json = document.object
        let source = document.source
        self.document = document
        let version = Int(try json.integer("version", in: source, range: 2...3))
        self.version = version
        id = version == 2 ? (json["id"]?.stringValue ?? Self.sgxID) : try json.string("id", in: source)
        guard id == Self.sgxID || id == Self.tdxID else {
            throw DCAPError.malformedCollateral(source: source, reason: "TCB info id '\(id.prefix(20))' is neither SGX nor TDX")
        }
        issueDate = try json.date("issueDate", in: source)
        nextUpdate = try json.date("nextUpdate", in: source)
        fmspc = try json.hex("fmspc", in: source, length: 6)
        pceID = try json.hex("pceId", in: source, length: 2)
        tcbType = json["tcbType"] == nil ? 0 : try json.integer("tcbType", in: source, range: 0...255)
        tcbEvaluationDataNumber = try json.integer("tcbEvaluationDataNumber", in: source, range: 0...Int64(UInt32.max))
        let tdx = self.id == Self.tdxID
        tdxModule = tdx && json["tdxModule"] != nil
            ? try TDXModuleIdentity(json: try json.member("tdxModule", in: source), withLevels: false, source: source) : nil
        tdxModuleIdentities = tdx && json["tdxModuleIdentities"] != nil
            ? try json.array("tdxModuleIdentities", in: source, limit: TDXModuleIdentity.maxEntries).map {
                try TDXModuleIdentity(json: $0, withLevels: true, source: source)
            } : []
        tcbLevels = try json.array("tcbLevels", in: source, limit: Self.maxLevels).map {
            try TCBLevel(json: $0, version: version, tdx: tdx, source: source)
        }
        guard !tcbLevels.isEmpty else {
            throw DCAPError.malformedCollateral(source: source, reason: "TCB info has no TCB levels")
        }
    }

    /// The levels in QVL's evaluation order (highest first, stable for equal levels).
    public var orderedLevels: [TCBLevel] {
        tcbLevels.enumerated().sorted { lhs, rhs in
            if TCBLevel.precedes(lhs.element, rhs.element) { return true }
            if TCBLevel.precedes(rhs.element, lhs.element) { return false }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }

    /// Whether the document is in force at `instant` (issueDate ≤ instant ≤ nextUpdate).
    public func isCurrent(at instant: Date) -> Bool { issueDate <= instant && instant <= nextUpdate }
}
