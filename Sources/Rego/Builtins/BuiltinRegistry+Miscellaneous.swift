/// rand.intn, uuid.*, print/trace, strings.split_n, array.flatten, walk and test helpers.
extension BuiltinRegistry {
    private static func flatten(_ items: [Value], into out: inout [Value]) {
        for v in items {
            if case .array(let inner) = v { out.append(contentsOf: inner) } else { out.append(v) }
        }
    }

    /// Every `[path, value]` pair under `value`; each pair and its path are counted before they are added (paths
    /// make the output grow with depth times size).
    private static func walk(_ value: Value, _ path: [Value], into out: inout [Value], _ context: BuiltinContext) throws(RegoError) {
        try context.budget.grow(members: out.count, adding: path.count + 3)
        out.append(.array([.array(path), value]))
        switch value {
        case .array(let items):
            for (i, v) in items.enumerated() { try walk(v, path + [.int(i)], into: &out, context) }
        case .object(let o):
            for (k, v) in o.pairs { try walk(v, path + [k], into: &out, context) }
        case .set(let s):
            for v in s.elements { try walk(v, path + [v], into: &out, context) }
        default:
            break
        }
    }

    static let miscellaneous: [Builtin] = [
        define("rand.intn", 2, nondeterministic: true) { a, ctx in
            let key = try a.string(0)
            let n = abs(try integer(a, 1))
            return ctx.remembered(.array([.string("rand.intn"), .string(key), .int(n)])) {
                .int(n == 0 ? 0 : ctx.randomness.next(below: n))
            }
        },
        define("uuid.rfc4122", 1, nondeterministic: true) { a, ctx in
            let key = try a.string(0)
            return ctx.remembered(.array([.string("uuid.rfc4122"), .string(key)])) {
                var bytes = (0..<16).map { _ in UInt8(ctx.randomness.next(below: 256)) }
                bytes[6] = bytes[6] & 0x0F | 0x40
                bytes[8] = bytes[8] & 0x3F | 0x80
                return .string(UUIDText.format(bytes))
            }
        },
        define("uuid.parse", 1) { a, _ in
            guard case .string(let s) = a[0], let bytes = UUIDText.parse(s) else { return nil }
            return .object(UUIDText.describe(bytes))
        },
        define("print", 1) { _, _ in .bool(true) },
        define("trace", 1) { _, _ in .bool(true) },
        define("test.sleep", 1) { _, _ in .null },
        define("opa.runtime", 0) { _, _ in .emptyObject },
        define("strings.split_n", 3) { a, ctx in
            let parts = try split(try a.string(0), try a.string(1), ctx)
            let n = try integer(a, 2)
            if n >= 0 { return .array(parts.prefix(n).map(Value.string)) }
            return .array(parts.suffix(-n).map(Value.string))
        },
        define("array.flatten", 1) { a, ctx in
            let items = try a.array(0)
            try ctx.reserve(members: items.reduce(0) { $0.saturatingSum($1.arrayValue?.count ?? 1) })
            var out: [Value] = []
            flatten(items, into: &out)
            return .array(out)
        },
        Builtin(name: "walk", arity: 1, isRelation: true) { args, ctx in
            var out: [Value] = []
            try walk(args[0], [], into: &out, ctx)
            return .array(out)
        },
    ]
}

/// Text forms of UUIDs and the fields `uuid.parse` reports.
enum UUIDText {
    static func format(_ b: [UInt8]) -> String {
        let hex = BuiltinRegistry.hexEncode(b)
        let chars = Array(hex)
        return String(chars[0..<8]) + "-" + String(chars[8..<12]) + "-" + String(chars[12..<16]) + "-"
            + String(chars[16..<20]) + "-" + String(chars[20..<32])
    }

    static func parse(_ text: String) -> [UInt8]? {
        var s = Substring(text)
        if s.count == 45, s.prefix(9).lowercased() == "urn:uuid:" { s = s.dropFirst(9) }
        if s.count == 38 { s = s.dropFirst().dropLast() }
        var hex: Substring
        if s.count == 36 {
            let chars = Array(s)
            guard chars[8] == "-", chars[13] == "-", chars[18] == "-", chars[23] == "-" else { return nil }
            hex = Substring(s.filter { $0 != "-" })
        } else if s.count == 32 {
            hex = s
        } else {
            return nil
        }
        var out: [UInt8] = []
        while !hex.isEmpty {
            guard let b = UInt8(hex.prefix(2), radix: 16) else { return nil }
            out.append(b)
            hex = hex.dropFirst(2)
        }
        return out.count == 16 ? out : nil
    }

    static func describe(_ b: [UInt8]) -> ObjectValue {
        var fields: [(Value, Value)] = []
        let variant: String
        switch b[8] {
        case 0xC0...0xDF: variant = "Microsoft"
        case 0xE0...0xFF: variant = "Future"
        case 0x80...0xBF: variant = "RFC4122"
        default: variant = "Reserved"
        }
        let version = Int(b[6] >> 4)
        fields.append((.string("variant"), .string(variant)))
        fields.append((.string("version"), .int(version)))
        if version == 1 || version == 2 {
            let low = Int(b[0]) << 24 | Int(b[1]) << 16 | Int(b[2]) << 8 | Int(b[3])
            let mid = Int(b[4]) << 8 | Int(b[5])
            let high = (Int(b[6]) << 8 | Int(b[7])) & 0x0FFF
            let ticks = low | mid << 32 | high << 48
            // Go's int64 arithmetic: a timestamp past 2^63 ns wraps, as OPA's does, instead of trapping.
            fields.append((.string("time"), .int((ticks &- 0x01B2_1DD2_1381_4000) &* 100)))
            fields.append((.string("clocksequence"), .int((Int(b[8]) & 0x3F) << 8 | Int(b[9]))))
            let node = b[10..<16].map { BuiltinRegistry.hexEncode([$0]) }.joined(separator: "-")
            fields.append((.string("nodeid"), .string(node)))
            let mac = (b[10] & 2 != 0 ? "local" : "global") + ":" + (b[10] & 1 != 0 ? "multicast" : "unicast")
            fields.append((.string("macvariables"), .string(mac)))
            if version == 2 {
                let domains = ["Person", "Group", "Org"]
                fields.append((.string("domain"), .string(Int(b[9]) < domains.count ? domains[Int(b[9])] : "Domain\(b[9])")))
                fields.append((.string("id"), .int(low)))
            }
        }
        return ObjectValue(fields)
    }
}
