public import Testing

extension Trait where Self == ConditionTrait {
    /// Runs a test or suite that needs PostgreSQL when `ASSAY_TEST_POSTGRES_URL` is set, and always in CI; elsewhere
    /// it is skipped with the reason. Inside, ``PostgresScratch/withDatabase(sourceLocation:_:)`` fails it in CI when
    /// the URL is missing.
    public static var postgresServer: Self {
        .enabled(if: PostgresScratch.runnable, Comment(rawValue: PostgresScratch.missingReason))
    }
}
