public import Testing

/// A suite trait that manufactures and starts one swtpm for the whole suite (its own state and CA in a
/// temporary directory) and stops it afterwards; tests reach it through ``Swtpm/current``.
public struct SwtpmTrait: SuiteTrait, TestScoping {
    /// Whether swtpm starts powered on (`--flags not-need-init,startup-clear`).
    public let powered: Bool

    public var isRecursive: Bool { false }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let tpm = try Swtpm.start(powered: powered) { Issue.record(Comment(rawValue: $0)) }
        defer { tpm?.stop() }
        try await Swtpm.$current.withValue(tpm) { try await function() }
    }
}

extension Trait where Self == SwtpmTrait {
    /// One swtpm for the suite, powered on.
    public static var swtpm: Self { SwtpmTrait(powered: true) }
    /// One swtpm for the suite, waiting for CMD_INIT on its control channel.
    public static var unpoweredSwtpm: Self { SwtpmTrait(powered: false) }
}

extension Trait where Self == ConditionTrait {
    /// Runs a test that drives swtpm with tpm2-tools when they are installed, and always in CI (where
    /// ``Swtpm/requireTPM2Tools(sourceLocation:)`` then fails it); elsewhere it is skipped with the reason.
    public static var tpm2Tools: Self {
        .enabled(if: Swtpm.hasTPM2Tools || SharedVectors.isCI, "tpm2-tools is not installed (scripts/test.sh installs it)")
    }
}

extension Swtpm {
    /// The suite's swtpm (see ``SwtpmTrait``); nil when swtpm is not installed.
    @TaskLocal public static var current: Swtpm?
}
