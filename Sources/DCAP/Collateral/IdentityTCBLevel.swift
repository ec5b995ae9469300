public import Foundation
import AttestationCore

/// A TCB level of a QE identity or a TDX module identity: a minimum ISV SVN and the status of that SVN.
public struct IdentityTCBLevel: Sendable, Hashable {
    /// `tcb.isvsvn`.
    public let isvSVN: UInt16
    /// `tcbDate`.
    public let tcbDate: Date
    /// `tcbDate` as written.
    public let tcbDateText: String
    /// `tcbStatus` (UpToDate, OutOfDate or Revoked).
    public let status: TCBStatus
    /// `advisoryIDs`.
    public let advisoryIDs: [String]

    init(json: JSONValue, source: String) throws {
        isvSVN = UInt16(try json.member("tcb", in: source).integer("isvsvn", in: source, range: 0...65535))
        tcbDateText = try json.string("tcbDate", in: source)
        tcbDate = try json.date("tcbDate", in: source)
        status = try TCBLevel.status(json, allowed: TCBStatus.identityStatuses, source: source)
        advisoryIDs = try json.stringArray("advisoryIDs", in: source, limit: TCBLevel.maxAdvisories)
    }

    /// The level that applies to `isvSVN`: the first, in descending ISV SVN order, that it meets.
    static func matching(_ isvSVN: UInt16, in levels: [IdentityTCBLevel]) -> IdentityTCBLevel? {
        levels.sorted { $0.isvSVN > $1.isvSVN }.first { isvSVN >= $0.isvSVN }
    }
}
