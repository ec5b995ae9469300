/// The built-in functions a policy may call: OPA's standard library plus host functions.
public struct BuiltinRegistry: Sendable {
    /// The functions by dotted name.
    public private(set) var builtins: [String: Builtin]

    /// OPA's standard built-ins implemented by this module.
    public static let standard = BuiltinRegistry(builtins: Dictionary(
        (BuiltinRegistry.comparison + BuiltinRegistry.arithmetic + BuiltinRegistry.aggregates
            + BuiltinRegistry.types + BuiltinRegistry.strings + BuiltinRegistry.collections
            + BuiltinRegistry.encoding + BuiltinRegistry.bits + BuiltinRegistry.time
            + BuiltinRegistry.semver + BuiltinRegistry.regex
            + BuiltinRegistry.net + BuiltinRegistry.crypto + BuiltinRegistry.jwt + BuiltinRegistry.x509
            + BuiltinRegistry.providers + BuiltinRegistry.units + BuiltinRegistry.miscellaneous
            + BuiltinRegistry.graph + BuiltinRegistry.jsonPatch + BuiltinRegistry.network + BuiltinRegistry.uri
            + BuiltinRegistry.template + BuiltinRegistry.globs + BuiltinRegistry.jsonSchema + BuiltinRegistry.yaml).map { ($0.name, $0) },
        uniquingKeysWith: { first, _ in first }))

    /// Registers a host function; throws when its name is taken (use `replace` to override).
    public mutating func register(_ builtin: Builtin) throws(RegoError) {
        guard builtins[builtin.name] == nil else {
            throw .compile(message: "built-in \(builtin.name) is already registered", location: SourceLocation(file: "<registry>", line: 1, column: 1))
        }
        guard builtin.arity >= 0, !builtin.name.isEmpty else {
            throw .compile(message: "built-in \(builtin.name) needs a name and a non-negative arity", location: SourceLocation(file: "<registry>", line: 1, column: 1))
        }
        builtins[builtin.name] = builtin
    }

    /// Registers a function, replacing any built-in of the same name.
    public mutating func replace(_ builtin: Builtin) {
        builtins[builtin.name] = builtin
    }

    /// A built-in whose implementation gets typed operands.
    static func define(
        _ name: String, _ arity: Int, nondeterministic: Bool = false,
        _ body: @escaping @Sendable (Operands, BuiltinContext) throws -> Value?
    ) -> Builtin {
        Builtin(name: name, arity: arity, isNondeterministic: nondeterministic) { args, context in
            try body(Operands(name: name, values: args), context)
        }
    }
}
