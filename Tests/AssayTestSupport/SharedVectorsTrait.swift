public import Testing

extension Trait where Self == ConditionTrait {
    /// Runs a test or suite that reads the shared vectors when they are present, and always in CI; elsewhere it is
    /// skipped with the reason (where they were looked for and how to point at them). Inside, ``SharedVectors/require(sourceLocation:)``
    /// (or ``SharedVectors/all(sourceLocation:)``) fails the test in CI when they are missing.
    public static var sharedVectors: Self {
        .enabled(if: SharedVectors.runnable, Comment(rawValue: SharedVectors.missingReason))
    }
}
