/// semver.is_valid and semver.compare (Semantic Versioning 2.0.0).
extension BuiltinRegistry {
    /// A parsed semantic version.
    struct SemanticVersion {
        var major: String
        var minor: String
        var patch: String
        var prerelease: [String]

        init?(_ text: String) {
            var core = Substring(text)
            if let plus = core.firstIndex(of: "+") {
                let build = core[core.index(after: plus)...]
                guard !build.isEmpty, build.split(separator: ".", omittingEmptySubsequences: false).allSatisfy({ SemanticVersion.isIdentifier($0) }) else { return nil }
                core = core[..<plus]
            }
            prerelease = []
            if let dash = core.firstIndex(of: "-") {
                let pre = core[core.index(after: dash)...]
                let parts = pre.split(separator: ".", omittingEmptySubsequences: false)
                guard !pre.isEmpty, parts.allSatisfy({ SemanticVersion.isIdentifier($0) && !($0.count > 1 && $0.first == "0" && $0.allSatisfy(\.isNumber)) }) else {
                    return nil
                }
                prerelease = parts.map(String.init)
                core = core[..<dash]
            }
            let numbers = core.split(separator: ".", omittingEmptySubsequences: false)
            guard numbers.count == 3, numbers.allSatisfy({ n in
                !n.isEmpty && n.allSatisfy { $0.isASCII && $0.isNumber } && !(n.count > 1 && n.first == "0")
            }) else { return nil }
            major = String(numbers[0])
            minor = String(numbers[1])
            patch = String(numbers[2])
        }

        private static func isIdentifier(_ s: Substring) -> Bool {
            !s.isEmpty && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }

        private static func compareNumeric(_ a: String, _ b: String) -> Int {
            if a.count != b.count { return a.count < b.count ? -1 : 1 }
            return a == b ? 0 : (a < b ? -1 : 1)
        }

        static func compare(_ a: SemanticVersion, _ b: SemanticVersion) -> Int {
            for (x, y) in [(a.major, b.major), (a.minor, b.minor), (a.patch, b.patch)] {
                let c = compareNumeric(x, y)
                if c != 0 { return c }
            }
            if a.prerelease.isEmpty || b.prerelease.isEmpty {
                if a.prerelease.isEmpty == b.prerelease.isEmpty { return 0 }
                return a.prerelease.isEmpty ? 1 : -1
            }
            for (x, y) in zip(a.prerelease, b.prerelease) {
                let xn = x.allSatisfy(\.isNumber)
                let yn = y.allSatisfy(\.isNumber)
                let c: Int
                if xn, yn {
                    c = compareNumeric(x, y)
                } else if xn != yn {
                    c = xn ? -1 : 1
                } else {
                    c = x == y ? 0 : (Value.compareStrings(x, y) < 0 ? -1 : 1)
                }
                if c != 0 { return c }
            }
            return a.prerelease.count == b.prerelease.count ? 0 : (a.prerelease.count < b.prerelease.count ? -1 : 1)
        }
    }

    static let semver: [Builtin] = [
        define("semver.is_valid", 1) { a, _ in
            guard case .string(let s) = a[0] else { return .bool(false) }
            return .bool(SemanticVersion(s) != nil)
        },
        define("semver.compare", 2) { a, _ in
            let x = try a.string(0)
            let y = try a.string(1)
            guard let vx = SemanticVersion(x) else { throw a.failure("operand 1: string \"\(x)\" is not a valid SemVer") }
            guard let vy = SemanticVersion(y) else { throw a.failure("operand 2: string \"\(y)\" is not a valid SemVer") }
            return .int(SemanticVersion.compare(vx, vy))
        },
    ]
}
