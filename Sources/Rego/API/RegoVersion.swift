/// The Rego syntax a module is written in.
public enum RegoVersion: Sendable, Hashable {
    /// OPA 1.x syntax: `if` and `contains` required, future keywords always on.
    case v1
    /// OPA 0.x syntax: keywords only after `import future.keywords` or `import rego.v1`.
    case v0
}
