/// The AR4SI trust tier of a trustworthiness claim, and the EAR `ear.status` (draft-ietf-rats-ear).
///
/// Ordered from best to worst: `affirming < warning < contraindicated`; `none` says nothing and sorts first.
public enum TrustTier: String, Sendable, Hashable, CaseIterable, Comparable {
    case none
    case affirming
    case warning
    case contraindicated

    var rank: Int {
        switch self {
        case .none: return 0
        case .affirming: return 1
        case .warning: return 2
        case .contraindicated: return 3
        }
    }

    public static func < (lhs: TrustTier, rhs: TrustTier) -> Bool { lhs.rank < rhs.rank }
}
