extension BuiltinRegistry {
    static let regex: [Builtin] = []
    static let glob: [Builtin] = []
    static let net: [Builtin] = []
    static let crypto: [Builtin] = []
}
