/// A fuzz target: one parser of untrusted bytes (or a few that read the same input), driven by libFuzzer through
/// a FuzzTesting executable and replayed by `FuzzRegressionTests`.
///
/// ``run(_:)`` must not trap for any input: thrown errors are the expected outcome for malformed bytes, and a trap is
/// a bug (in the parser, or an invariant of a successful parse that ``FuzzInput/require(_:_:)`` checks).
public protocol FuzzTarget: SendableMetatype {
    /// The name `scripts/fuzz.sh --list` prints and `Tests/FuzzRegressions/<name>/` holds the regression inputs of.
    static var name: String { get }
    /// Runs the input through the target's parsers.
    static func run(_ bytes: [UInt8])
}
