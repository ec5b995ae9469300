import BigInt

/// An IPv4 or IPv6 network (address bytes masked to the prefix), as Go's net.ParseCIDR reads it.
struct IPNetwork: Hashable {
    var bytes: [UInt8]
    var prefix: Int

    var bitCount: Int { bytes.count * 8 }

    /// Parses a dotted IPv4 or colon IPv6 address.
    static func parseAddress(_ s: String) -> [UInt8]? {
        if s.contains(":") { return parseIPv6(s) }
        return parseIPv4(s)
    }

    private static func parseIPv4(_ s: String) -> [UInt8]? {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var out: [UInt8] = []
        for p in parts {
            guard !p.isEmpty, p.count <= 3, p.allSatisfy({ $0.isASCII && $0.isNumber }), let v = UInt8(p),
                !(p.count > 1 && p.first == "0")
            else { return nil }
            out.append(v)
        }
        return out
    }

    private static func parseIPv6(_ s: String) -> [UInt8]? {
        var text = Substring(s)
        var tail: [UInt8] = []
        if let lastColon = text.lastIndex(of: ":"), text[text.index(after: lastColon)...].contains(".") {
            guard let v4 = parseIPv4(String(text[text.index(after: lastColon)...])) else { return nil }
            tail = v4
            text = text[...lastColon]
            if text.hasSuffix(":"), !text.hasSuffix("::") { text = text.dropLast() }
        }
        let halves = text.components(separatedByString: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: Substring) -> [UInt16]? {
            if part.isEmpty { return [] }
            var out: [UInt16] = []
            for g in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard !g.isEmpty, g.count <= 4, let v = UInt16(g, radix: 16) else { return nil }
                out.append(v)
            }
            return out
        }
        guard let head = groups(halves[0]) else { return nil }
        let tailGroups = tail.count / 2
        var all: [UInt16]
        if halves.count == 2 {
            guard let rest = groups(halves[1]) else { return nil }
            let missing = 8 - tailGroups - head.count - rest.count
            guard missing >= 1 else { return nil }
            all = head + Array(repeating: 0, count: missing) + rest
        } else {
            all = head
            guard all.count + tailGroups == 8 else { return nil }
        }
        var out: [UInt8] = []
        for g in all {
            out.append(UInt8(g >> 8))
            out.append(UInt8(g & 0xFF))
        }
        return out + tail
    }

    /// Parses `address/prefix`.
    init?(cidr s: String) {
        let parts = s.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let address = IPNetwork.parseAddress(String(parts[0])),
            parts[1].allSatisfy({ $0.isASCII && $0.isNumber }), let prefix = Int(parts[1]), prefix <= address.count * 8
        else { return nil }
        self.init(address: address, prefix: prefix)
    }

    init(address: [UInt8], prefix: Int) {
        self.prefix = prefix
        bytes = address
        for i in 0..<bytes.count {
            let keep = max(0, min(8, prefix - i * 8))
            bytes[i] &= keep == 0 ? 0 : ~UInt8((1 << (8 - keep)) - 1)
        }
    }

    /// Whether the address lies in this network.
    func contains(_ address: [UInt8]) -> Bool {
        guard address.count == bytes.count else { return false }
        return IPNetwork(address: address, prefix: prefix).bytes == bytes
    }

    /// Whether `other` lies entirely in this network.
    func contains(_ other: IPNetwork) -> Bool {
        other.prefix >= prefix && contains(other.bytes)
    }

    var first: BigInt { bytes.reduce(BigInt(0)) { $0 << 8 | BigInt($1) } }

    var size: BigInt { BigInt(1) << (bitCount - prefix) }

    static func bytes(of value: BigInt, count: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var v = value
        for i in stride(from: count - 1, through: 0, by: -1) {
            out[i] = UInt8(truncatingIfNeeded: v & 0xFF)
            v >>= 8
        }
        return out
    }

    static func format(_ address: [UInt8]) -> String {
        if address.count == 4 { return address.map(String.init).joined(separator: ".") }
        let groups = stride(from: 0, to: 16, by: 2).map { UInt16(address[$0]) << 8 | UInt16(address[$0 + 1]) }
        var bestStart = -1
        var bestLength = 1
        var i = 0
        while i < 8 {
            if groups[i] == 0 {
                var j = i
                while j < 8, groups[j] == 0 { j += 1 }
                if j - i > bestLength {
                    bestStart = i
                    bestLength = j - i
                }
                i = j
            } else {
                i += 1
            }
        }
        let hex = groups.map { String($0, radix: 16) }
        if bestStart < 0 { return hex.joined(separator: ":") }
        return hex[..<bestStart].joined(separator: ":") + "::" + hex[(bestStart + bestLength)...].joined(separator: ":")
    }

    var description: String { IPNetwork.format(bytes) + "/" + String(prefix) }
}

extension Substring {
    /// Splits on a multi-character separator.
    func components(separatedByString separator: String) -> [Substring] {
        var parts: [Substring] = []
        var rest = self
        while let r = rest.utf8Range(of: separator) {
            parts.append(rest[..<r.lowerBound])
            rest = rest[r.upperBound...]
        }
        parts.append(rest)
        return parts
    }

    /// The first occurrence of `target`.
    func utf8Range(of target: String) -> Range<Substring.Index>? {
        let t = Array(target.utf8)
        guard !t.isEmpty else { return nil }
        var index = startIndex
        while index < endIndex {
            if self[index...].utf8.starts(with: t) {
                return index..<utf8.index(index, offsetBy: t.count)
            }
            index = utf8.index(after: index)
        }
        return nil
    }
}
