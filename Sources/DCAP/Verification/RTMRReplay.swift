import Crypto

/// Replays a CC event log into RTMR values: for every event of MR index 1…4 that is not `EV_NO_ACTION`,
/// RTMR[index − 1] = SHA-384(RTMR[index − 1] ‖ event's SHA-384 digest), starting from zero.
public struct RTMRReplay: Sendable, Hashable {
    /// The replayed RTMR0…RTMR3.
    public let rtmrs: [[UInt8]]
    /// The extended events per RTMR.
    public let events: [[CCEventLog.Event]]

    /// Replays `log`; events without a SHA-384 digest cannot be replayed and throw.
    public init(log: CCEventLog) throws {
        var rtmrs = [[UInt8]](repeating: [UInt8](repeating: 0, count: 48), count: 4)
        var events = [[CCEventLog.Event]](repeating: [], count: 4)
        for (position, event) in log.events.enumerated()
        where (1...4).contains(event.mrIndex) && event.eventType != CCEventLog.noActionEventType {
            guard let digest = event.digests[CCEventLog.sha384AlgorithmID], digest.count == 48 else {
                throw DCAPError.malformedEventLog("event \(position) extends RTMR\(event.mrIndex - 1) without a SHA-384 digest")
            }
            let index = Int(event.mrIndex) - 1
            rtmrs[index] = Array(SHA384.hash(data: rtmrs[index] + digest))
            events[index].append(event)
        }
        self.rtmrs = rtmrs
        self.events = events
    }
}
