extension BuiltinRegistry {
    static let encoding: [Builtin] = []
    static let bits: [Builtin] = []
    static let time: [Builtin] = []
    static let semver: [Builtin] = []
    static let regex: [Builtin] = []
    static let glob: [Builtin] = []
    static let net: [Builtin] = []
    static let crypto: [Builtin] = []
    static let units: [Builtin] = []
    static let miscellaneous: [Builtin] = []
}
