/// What taking a pending TPM enrollment found.
public enum TPMEnrollmentStatus: Sendable, Equatable {
    /// Pending and unexpired; removed by this call, so no other caller gets it.
    case taken(TPMEnrollmentRecord)
    /// Pending but expired (and now removed).
    case expired
    /// Never made, already completed (or attempted), or swept after expiry.
    case unknown
}
