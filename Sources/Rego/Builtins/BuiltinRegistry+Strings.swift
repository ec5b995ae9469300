import BigInt

/// String functions: concat, split, replace, trim*, sprintf, format_int, strings.*, …
extension BuiltinRegistry {
    /// Strings from a string or an array/set of strings (for the `any_*_match` functions).
    private static func stringList(_ a: Operands, _ i: Int) throws(RegoError) -> [String] {
        if case .string(let s) = a[i] { return [s] }
        guard a[i].arrayValue != nil || a[i].setValue != nil else { throw a.typeError(i, "one of {string, set, array}") }
        var out: [String] = []
        for v in try a.arrayOrSet(i) {
            guard case .string(let s) = v else {
                throw RegoError.evalType(message: "\(a.name): operand \(i + 1) must be \(a[i].typeName) of strings but got \(a[i].typeName) containing \(v.typeName)")
            }
            out.append(s)
        }
        return out
    }

    private static func trimSet(_ s: String, _ cutset: String, left: Bool, right: Bool) -> String {
        let cut = Set(cutset.unicodeScalars)
        var scalars = Array(s.unicodeScalars)[...]
        if left { while let f = scalars.first, cut.contains(f) { scalars = scalars.dropFirst() } }
        if right { while let l = scalars.last, cut.contains(l) { scalars = scalars.dropLast() } }
        var out = ""
        out.unicodeScalars.append(contentsOf: scalars)
        return out
    }

    /// Go's `strings.Split`: an empty separator splits into characters. The parts are counted and reserved before
    /// they are built.
    static func split(_ s: String, _ separator: String, _ context: BuiltinContext) throws(RegoError) -> [String] {
        if separator.isEmpty {
            try context.reserve(members: s.unicodeScalars.count)
            return s.unicodeScalars.map { String($0) }
        }
        try context.reserve(members: s.utf8Count(of: separator).saturatingSum(1))
        return s.utf8Split(by: separator)
    }

    /// Go's `strings.ReplaceAll` (an empty `old` inserts `new` between characters), with the result's size
    /// computed and reserved before it is built.
    static func replaceAll(_ s: String, _ old: String, _ new: String, _ context: BuiltinContext) throws(RegoError) -> String {
        let inserted = new.utf8.count
        if old.isEmpty {
            let slots = s.unicodeScalars.count + 1
            try context.reserve(bytes: s.utf8.count.saturatingSum(slots.saturatingProduct(inserted)))
            var out = new
            for c in s.unicodeScalars {
                out.unicodeScalars.append(c)
                out += new
            }
            return out
        }
        let count = s.utf8Count(of: old)
        try context.reserve(bytes: (s.utf8.count - count * old.utf8.count).saturatingSum(count.saturatingProduct(inserted)))
        return s.utf8ReplacingAll(old, with: new)
    }

    static let strings: [Builtin] = [
        define("concat", 2) { a, ctx in
            let sep = try a.string(0)
            let parts = try a.strings(1)
            var size = sep.utf8.count.saturatingProduct(max(parts.count - 1, 0))
            for p in parts { size = size.saturatingSum(p.utf8.count) }
            try ctx.reserve(bytes: size)
            return .string(parts.joined(separator: sep))
        },
        define("contains", 2) { a, _ in
            let s = try a.string(0)
            let t = try a.string(1)
            return .bool(t.isEmpty || s.utf8Range(of: t) != nil)
        },
        define("startswith", 2) { a, _ in .bool(try a.string(0).utf8.starts(with: try a.string(1).utf8)) },
        define("endswith", 2) { a, _ in .bool(try a.string(0).utf8.reversed().starts(with: try a.string(1).utf8.reversed())) },
        define("lower", 1) { a, ctx in try ctx.string(try a.string(0).lowercased()) },
        define("upper", 1) { a, ctx in try ctx.string(try a.string(0).uppercased()) },
        define("split", 2) { a, ctx in .array(try split(try a.string(0), try a.string(1), ctx).map(Value.string)) },
        define("replace", 3) { a, ctx in .string(try replaceAll(try a.string(0), try a.string(1), try a.string(2), ctx)) },
        define("strings.replace_n", 2) { a, ctx in
            let patterns = try a.object(0)
            var pairs: [(String, String)] = []
            for (k, v) in patterns.pairs {
                guard case .string(let ks) = k else { throw a.typeError(0, "object[string: string]") }
                guard case .string(let vs) = v else { throw a.typeError(0, "object[string: string]") }
                pairs.append((ks, vs))
            }
            let s = try a.string(1)
            var out = BoundedOutput(ctx)
            var rest = Substring(s)
            outer: while !rest.isEmpty {
                for (old, new) in pairs {
                    // Every key is tried at every character: time grows with their product.
                    try ctx.budget.tick()
                    guard !old.isEmpty, rest.hasPrefix(old) else { continue }
                    try out.append(new)
                    rest = rest.dropFirst(old.count)
                    continue outer
                }
                try out.append(String(rest.removeFirst()))
            }
            return .string(out.string)
        },
        define("strings.reverse", 1) { a, ctx in
            var out = ""
            out.unicodeScalars.append(contentsOf: try a.string(0).unicodeScalars.reversed())
            return try ctx.string(out)
        },
        define("strings.count", 2) { a, _ in
            let s = try a.string(0)
            let t = try a.string(1)
            if t.isEmpty { return .int(s.unicodeScalars.count + 1) }
            return .int(s.utf8Count(of: t))
        },
        define("strings.any_prefix_match", 2) { a, _ in
            let subjects = try stringList(a, 0)
            let prefixes = try stringList(a, 1)
            return .bool(subjects.contains { s in prefixes.contains { s.utf8.starts(with: $0.utf8) } })
        },
        define("strings.any_suffix_match", 2) { a, _ in
            let subjects = try stringList(a, 0)
            let suffixes = try stringList(a, 1)
            return .bool(subjects.contains { s in suffixes.contains { s.utf8.reversed().starts(with: $0.utf8.reversed()) } })
        },
        define("indexof", 2) { a, _ in
            let s = try a.string(0)
            let t = try a.string(1)
            guard let r = s.utf8Range(of: t) else { return .int(-1) }
            return .int(s.unicodeScalars[..<r.lowerBound].count)
        },
        define("indexof_n", 2) { a, ctx in
            let s = Array(try a.string(0).unicodeScalars)
            var out: [Value] = []
            SubstringSearch(Array(try a.string(1).unicodeScalars)).forEach(in: s, overlapping: true) { i in
                out.append(.int(i))
                return true
            }
            return try ctx.array(out)
        },
        define("substring", 3) { a, ctx in
            let s = Array(try a.string(0).unicodeScalars)
            let start = try integer(a, 1)
            let length = try integer(a, 2)
            guard start >= 0 else { throw a.failure("negative offset") }
            guard start < s.count else { return .string("") }
            let end = length < 0 ? s.count : min(s.count, start.saturatingSum(length))
            var out = ""
            out.unicodeScalars.append(contentsOf: s[start..<end])
            return try ctx.string(out)
        },
        define("trim", 2) { a, ctx in try ctx.string(trimSet(try a.string(0), try a.string(1), left: true, right: true)) },
        define("trim_left", 2) { a, ctx in try ctx.string(trimSet(try a.string(0), try a.string(1), left: true, right: false)) },
        define("trim_right", 2) { a, ctx in try ctx.string(trimSet(try a.string(0), try a.string(1), left: false, right: true)) },
        define("trim_prefix", 2) { a, ctx in
            let s = try a.string(0)
            let p = try a.string(1)
            return s.utf8.starts(with: p.utf8) ? try ctx.string(String(decoding: Array(s.utf8.dropFirst(p.utf8.count)), as: UTF8.self)) : a[0]
        },
        define("trim_suffix", 2) { a, ctx in
            let s = try a.string(0)
            let p = try a.string(1)
            return s.utf8.reversed().starts(with: p.utf8.reversed()) ? try ctx.string(String(decoding: Array(s.utf8.dropLast(p.utf8.count)), as: UTF8.self)) : a[0]
        },
        define("trim_space", 1) { a, ctx in
            let s = try a.string(0)
            var scalars = Array(s.unicodeScalars)[...]
            while let f = scalars.first, f.properties.isWhitespace { scalars = scalars.dropFirst() }
            while let l = scalars.last, l.properties.isWhitespace { scalars = scalars.dropLast() }
            var out = ""
            out.unicodeScalars.append(contentsOf: scalars)
            return try ctx.string(out)
        },
        define("sprintf", 2) { a, ctx in
            var out = BoundedOutput(ctx)
            try Sprintf.format(try a.string(0), try a.array(1), into: &out)
            return .string(out.string)
        },
        define("format_int", 2) { a, _ in
            let n = try a.number(0)
            let base = try a.number(1)
            guard let b = base.intValue, [2, 8, 10, 16].contains(b) else {
                throw RegoError.evalType(message: "format_int: operand 2 must be one of {2, 8, 10, 16}")
            }
            let i = n.signum < 0 ? n.ceiling : n.floor
            guard let big = i.bigIntValue else { throw a.failure("invalid number") }
            return .string(String(big, radix: b))
        },
        define("strings.repeat", 2) { a, ctx in
            let s = try a.string(0)
            let n = try integer(a, 1)
            guard n >= 0 else { throw a.failure("count must be non-negative") }
            let size = s.utf8.count.saturatingProduct(n)
            try ctx.reserve(bytes: size)
            // Doubling copies: a few block copies instead of one append per repetition.
            var bytes = Array(s.utf8)
            guard !bytes.isEmpty, n > 0 else { return .string("") }
            bytes.reserveCapacity(size)
            while bytes.count * 2 <= size { bytes.append(contentsOf: bytes) }
            bytes.append(contentsOf: bytes[..<(size - bytes.count)])
            return .string(String(decoding: bytes, as: UTF8.self))
        },
    ]
}

extension String {
    /// All non-overlapping occurrences of `target` replaced, comparing UTF-8 bytes.
    func utf8ReplacingAll(_ target: String, with replacement: String) -> String {
        let bytes = Array(utf8)
        let r = Array(replacement.utf8)
        let step = target.utf8.count
        guard step > 0 else { return self }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var last = 0
        SubstringSearch(Array(target.utf8)).forEach(in: bytes) { i in
            out.append(contentsOf: bytes[last..<i])
            out.append(contentsOf: r)
            last = i + step
            return true
        }
        out.append(contentsOf: bytes[last...])
        return String(decoding: out, as: UTF8.self)
    }

    /// The number of non-overlapping occurrences of a non-empty `target` (UTF-8 comparison).
    func utf8Count(of target: String) -> Int {
        var count = 0
        SubstringSearch(Array(target.utf8)).forEach(in: Array(utf8)) { _ in
            count += 1
            return true
        }
        return count
    }

    /// The parts between occurrences of `separator` (UTF-8 comparison), like Go's `strings.Split`.
    func utf8Split(by separator: String) -> [String] {
        let bytes = Array(utf8)
        let step = separator.utf8.count
        var parts: [String] = []
        var start = 0
        SubstringSearch(Array(separator.utf8)).forEach(in: bytes) { i in
            parts.append(String(decoding: bytes[start..<i], as: UTF8.self))
            start = i + step
            return true
        }
        parts.append(String(decoding: bytes[start...], as: UTF8.self))
        return parts
    }

    /// The first occurrence of `target` (UTF-8 comparison).
    func utf8Range(of target: String) -> Range<String.Index>? {
        let t = Array(target.utf8)
        guard !t.isEmpty else { return startIndex..<startIndex }
        guard let offset = SubstringSearch(t).first(in: Array(utf8)) else { return nil }
        let start = utf8.index(utf8.startIndex, offsetBy: offset)
        return start..<utf8.index(start, offsetBy: t.count)
    }
}
