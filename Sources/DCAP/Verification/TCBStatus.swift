/// A platform's TCB status as Intel's Quote Verification Library reports it.
///
/// The first seven values appear in TCB info levels; `TDRelaunchAdvised…` come from the TD relaunch check of
/// TDX 1.5 quotes, and `NotSupported` means no TCB level of the collateral matches the platform.
public enum TCBStatus: String, Sendable, Hashable, CaseIterable {
    case upToDate = "UpToDate"
    case swHardeningNeeded = "SWHardeningNeeded"
    case configurationNeeded = "ConfigurationNeeded"
    case configurationAndSWHardeningNeeded = "ConfigurationAndSWHardeningNeeded"
    case outOfDate = "OutOfDate"
    case outOfDateConfigurationNeeded = "OutOfDateConfigurationNeeded"
    case tdRelaunchAdvised = "TDRelaunchAdvised"
    case tdRelaunchAdvisedConfigurationNeeded = "TDRelaunchAdvisedConfigurationNeeded"
    case revoked = "Revoked"
    case notSupported = "NotSupported"

    /// The statuses a TCB info level may carry (QVL `VALID_TCB_INFO_STATUSES`).
    public static let levelStatuses: Set<TCBStatus> = [
        .upToDate, .swHardeningNeeded, .configurationNeeded, .configurationAndSWHardeningNeeded, .outOfDate,
        .outOfDateConfigurationNeeded, .revoked,
    ]
    /// The statuses a TDX module identity level or a QE identity level may carry.
    public static let identityStatuses: Set<TCBStatus> = [.upToDate, .outOfDate, .revoked]

    /// Whether the status says the platform's configuration needs attention (QVL `isConfigurationNeeded`).
    public var needsConfiguration: Bool {
        switch self {
        case .configurationNeeded, .outOfDateConfigurationNeeded, .configurationAndSWHardeningNeeded,
            .tdRelaunchAdvisedConfigurationNeeded:
            return true
        default:
            return false
        }
    }

    /// Folds an `OutOfDate`/`Revoked` component status (TDX module, QE) into a TCB level status, as QVL's
    /// `convergeTcbStatusWithTdxModuleStatus` and `convergeTcbStatusWithQeTcbStatus` do.
    public func converged(withComponent component: TCBStatus) -> TCBStatus {
        switch component {
        case .outOfDate:
            switch self {
            case .upToDate, .swHardeningNeeded: return .outOfDate
            case .configurationNeeded, .configurationAndSWHardeningNeeded: return .outOfDateConfigurationNeeded
            default: return self
            }
        case .revoked:
            return .revoked
        case .notSupported:
            return .notSupported
        default:
            return self
        }
    }
}
