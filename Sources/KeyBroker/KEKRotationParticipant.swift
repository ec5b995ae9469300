public import Storage
public import Tokens

/// Something beyond the core tables that holds values sealed by, or tags made with, the key-encryption key (a
/// service plug-in's pending enrollments and trusted keys): it says how to re-wrap and re-tag them for a rotation.
public protocol KEKRotationParticipant: Sendable {
    /// The guarded rewrites that move this participant's rows from `old` to `new`, and a count per kind for the
    /// summary; throws, before anything is written, when a value does not open with `old`.
    func rewrites(from old: KeyEncryptionKey, to new: KeyEncryptionKey) async throws
        -> (changes: [ColumnRewrite], counts: [KEKRotation.Count])
}
