public import Foundation
import AttestationCore

/// One level of a TCB info document: the minimum SVNs it requires and the status of platforms that meet them.
public struct TCBLevel: Sendable, Hashable {
    /// Bound on advisory IDs per level.
    static let maxAdvisories = 256

    /// The 16 SGX TCB component SVNs.
    public let sgxComponents: [UInt8]
    /// The PCE SVN.
    public let pceSVN: UInt16
    /// The 16 TDX TCB component SVNs (TDX TCB info only).
    public let tdxComponents: [UInt8]?
    /// `tcbDate`.
    public let tcbDate: Date
    /// `tcbDate` as written.
    public let tcbDateText: String
    /// `tcbStatus`.
    public let status: TCBStatus
    /// `advisoryIDs`.
    public let advisoryIDs: [String]

    /// Reads a level of a version 2 (`sgxtcbcompNNsvn` members) or version 3 (`sgxtcbcomponents` arrays) document.
    init(json: JSONValue, version: Int, tdx: Bool, source: String) throws {
        let tcb = try json.member("tcb", in: source)
        if version == 2 {
            sgxComponents = try (1...16).map {
                UInt8(try tcb.integer(String(format: "sgxtcbcomp%02dsvn", $0), in: source, range: 0...255))
            }
            tdxComponents = nil
        } else {
            sgxComponents = try Self.components(tcb, "sgxtcbcomponents", source: source)
            tdxComponents = tdx ? try Self.components(tcb, "tdxtcbcomponents", source: source) : nil
        }
        pceSVN = UInt16(try tcb.integer("pcesvn", in: source, range: 0...65535))
        tcbDateText = try json.string("tcbDate", in: source)
        tcbDate = try json.date("tcbDate", in: source)
        status = try Self.status(json, allowed: TCBStatus.levelStatuses, source: source)
        advisoryIDs = try json.stringArray("advisoryIDs", in: source, limit: Self.maxAdvisories)
    }

    static func components(_ tcb: JSONValue, _ key: String, source: String) throws -> [UInt8] {
        let elements = try tcb.array(key, in: source, limit: 16)
        guard elements.count == 16 else {
            throw DCAPError.malformedCollateral(source: source, reason: "'\(key)' must list 16 components, not \(elements.count)")
        }
        return try elements.map { UInt8(try $0.integer("svn", in: source, range: 0...255)) }
    }

    static func status(_ json: JSONValue, allowed: Set<TCBStatus>, source: String) throws -> TCBStatus {
        let text = try json.string("tcbStatus", in: source)
        guard let status = TCBStatus(rawValue: text), allowed.contains(status) else {
            throw DCAPError.malformedCollateral(source: source, reason: "unrecognised tcbStatus '\(text.prefix(60))'")
        }
        return status
    }

    /// QVL's order of levels (`TcbLevel::operator>`): SGX components, then PCE SVN, then (TDX) TDX components,
    /// each compared lexicographically, highest first.
    static func precedes(_ lhs: TCBLevel, _ rhs: TCBLevel) -> Bool {
        if lhs.sgxComponents != rhs.sgxComponents {
            return lhs.sgxComponents.lexicographicallyPrecedes(rhs.sgxComponents, by: >)
        }
        if lhs.pceSVN != rhs.pceSVN { return lhs.pceSVN > rhs.pceSVN }
        if let left = lhs.tdxComponents, let right = rhs.tdxComponents, left != right {
            return left.lexicographicallyPrecedes(right, by: >)
        }
        return false
    }
}
