/// How modules are compiled: syntax version, strictness, bounds and available built-ins.
public struct CompileOptions: Sendable {
    /// The Rego syntax of the modules.
    public var version: RegoVersion = .v1
    /// OPA's strict mode: unused imports and unused local assignments are errors.
    public var strict = false
    /// Bounds on parsing and evaluation.
    public var limits = Limits()
    /// The built-ins policies may call, including host functions.
    public var builtins = BuiltinRegistry.standard

    /// The defaults: Rego v1, not strict, default limits, standard built-ins.
    public init() {}
}
