import BigInt

/// net.cidr_* built-ins over IPv4 and IPv6 networks.
extension BuiltinRegistry {
    private static func network(_ a: Operands, _ i: Int) throws(RegoError) -> IPNetwork {
        let s = try a.string(i)
        guard let n = IPNetwork(cidr: s) else { throw a.failure("invalid CIDR address: \(s)") }
        return n
    }

    /// A CIDR or a bare address (as a full-length network).
    private static func networkOrAddress(_ s: String) -> IPNetwork? {
        if let n = IPNetwork(cidr: s) { return n }
        if let address = IPNetwork.parseAddress(s) { return IPNetwork(address: address, prefix: address.count * 8) }
        return nil
    }

    /// Keyed operands of cidr_contains_matches: (key, cidr string).
    private static func keyed(_ a: Operands, _ i: Int) throws(RegoError) -> [(Value, String)] {
        func element(_ key: Value, _ v: Value) throws(RegoError) -> (Value, String) {
            switch v {
            case .string(let s): return (key, s)
            case .array(let items):
                guard case .string(let s)? = items.first else {
                    throw a.failure("operand \(i + 1): element must be string or non-empty array")
                }
                return (key, s)
            default:
                throw a.failure("operand \(i + 1): element must be string or non-empty array")
            }
        }
        switch a[i] {
        case .string(let s): return [(a[i], s)]
        case .array(let items):
            var out: [(Value, String)] = []
            for (index, v) in items.enumerated() { out.append(try element(.int(index), v)) }
            return out
        case .set(let s):
            var out: [(Value, String)] = []
            for v in s.elements { out.append(try element(v, v)) }
            return out
        case .object(let o):
            var out: [(Value, String)] = []
            for (k, v) in o.pairs { out.append(try element(k, v)) }
            return out
        default:
            throw a.typeError(i, "one of {string, array, set, object}")
        }
    }

    static let net: [Builtin] = [
        define("net.cidr_is_valid", 1) { a, _ in
            guard case .string(let s) = a[0] else { return .bool(false) }
            return .bool(IPNetwork(cidr: s) != nil)
        },
        define("net.cidr_contains", 2) { a, _ in
            let outer = try network(a, 0)
            let s = try a.string(1)
            guard let inner = networkOrAddress(s) else { throw a.failure("invalid CIDR address: \(s)") }
            return .bool(outer.contains(inner))
        },
        define("net.cidr_intersects", 2) { a, _ in
            let x = try network(a, 0)
            let y = try network(a, 1)
            return .bool(x.contains(y.bytes) || y.contains(x.bytes))
        },
        define("net.cidr_expand", 1) { a, ctx in
            let n = try network(a, 0)
            let size = n.size
            try ctx.reserve(members: Int(exactly: size) ?? Int.max)
            let start = n.first
            var out: [Value] = []
            var offset = BigInt(0)
            while offset < size {
                out.append(.string(IPNetwork.format(IPNetwork.bytes(of: start + offset, count: n.bytes.count))))
                offset += 1
            }
            return .set(SetValue(out))
        },
        define("net.cidr_contains_matches", 2) { a, ctx in
            let cidrs = try keyed(a, 0)
            let items = try keyed(a, 1)
            var out: [Value] = []
            for (ck, c) in cidrs {
                guard let n = IPNetwork(cidr: c) else { throw a.failure("invalid CIDR address: \(c)") }
                for (ik, s) in items {
                    try ctx.budget.tick()
                    guard let inner = networkOrAddress(s) else { throw a.failure("invalid CIDR address: \(s)") }
                    if n.contains(inner) {
                        // Every cidr may match every item: the output grows with their product.
                        try ctx.budget.grow(members: out.count, adding: 3)
                        out.append(.array([ck, ik]))
                    }
                }
            }
            return .set(SetValue(out))
        },
        define("net.cidr_merge", 1) { a, _ in
            var networks: [IPNetwork] = []
            for v in try a.arrayOrSet(0) {
                guard case .string(let s) = v else { throw a.typeError(0, "one of {array, set} of strings") }
                if let n = IPNetwork(cidr: s) {
                    networks.append(n)
                } else if let address = IPNetwork.parseAddress(s) {
                    guard address.count == 4 else { throw a.failure("IPv6 invalid: needs prefix length") }
                    // A bare IPv4 address stands for its classful network (Go's IP.DefaultMask): 10.1.2.3 is
                    // 10.0.0.0/8, 172.16.1.1 is 172.16.0.0/16, 192.0.2.1 is 192.0.2.0/24.
                    let prefix = address[0] < 0x80 ? 8 : address[0] < 0xC0 ? 16 : 24
                    networks.append(IPNetwork(address: address, prefix: prefix))
                } else {
                    throw a.failure("invalid CIDR address: \(s)")
                }
            }
            return .set(SetValue(merge(networks).map { .string($0.description) }))
        },
    ]

    /// Merges networks into the fewest CIDRs covering the same addresses.
    static func merge(_ networks: [IPNetwork]) -> [IPNetwork] {
        var result: [IPNetwork] = []
        for family in [4, 16] {
            var ranges = networks.filter { $0.bytes.count == family }.map { ($0.first, $0.first + $0.size) }
                .sorted { $0.0 < $1.0 }
            var merged: [(BigInt, BigInt)] = []
            for r in ranges {
                if let last = merged.last, r.0 <= last.1 {
                    merged[merged.count - 1].1 = max(last.1, r.1)
                } else {
                    merged.append(r)
                }
            }
            ranges = merged
            let bits = family * 8
            for (start, end) in ranges {
                var current = start
                while current < end {
                    var prefix = bits
                    while prefix > 0 {
                        let size = BigInt(1) << (bits - prefix + 1)
                        if current % size != 0 || current + size > end { break }
                        prefix -= 1
                    }
                    result.append(IPNetwork(address: IPNetwork.bytes(of: current, count: family), prefix: prefix))
                    current += BigInt(1) << (bits - prefix)
                }
            }
        }
        return result
    }
}
