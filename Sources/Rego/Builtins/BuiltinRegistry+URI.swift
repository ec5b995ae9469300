/// uri.is_valid: whether a string is an absolute URI or an absolute path, as RFC 3986 and Go's request-URI parser
/// read them.
extension BuiltinRegistry {
    /// Whether `s` has a valid scheme (`ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"`) or is an absolute path, no
    /// control characters or spaces, well-formed percent escapes, and an authority whose host is a name or a
    /// bracketed IPv6 address and whose port is decimal.
    static func isValidURI(_ s: String) -> Bool {
        let bytes = Array(s.utf8)
        guard !bytes.isEmpty, !bytes.contains(where: { $0 <= 0x20 || $0 == 0x7F }) else { return false }
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%") {
                guard i + 2 < bytes.count, bytes[i + 1].isHexDigit, bytes[i + 2].isHexDigit else { return false }
                i += 3
            } else {
                i += 1
            }
        }
        var rest = Substring(s)
        if s.hasPrefix("/") {
            return true
        }
        guard let colon = rest.firstIndex(of: ":"), let first = rest.first, first.isASCII, first.isLetter,
            rest[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
        else { return false }
        rest = rest[rest.index(after: colon)...]
        guard rest.hasPrefix("//") else { return true }
        rest = rest.dropFirst(2)
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let hostPort = authority.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).last ?? authority
        var port: Substring = ""
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else { return false }
            let literal = hostPort[hostPort.index(after: hostPort.startIndex)..<close]
            let address = literal.split(separator: "%", maxSplits: 1).first ?? literal
            guard IPNetwork.parseAddress(String(address))?.count == 16 else { return false }
            let after = hostPort[hostPort.index(after: close)...]
            guard after.isEmpty || after.hasPrefix(":") else { return false }
            port = after.dropFirst()
        } else if let portColon = hostPort.lastIndex(of: ":") {
            port = hostPort[hostPort.index(after: portColon)...]
            guard !hostPort[..<portColon].contains(where: { "[]".contains($0) }) else { return false }
        } else if hostPort.contains(where: { "[]".contains($0) }) {
            return false
        }
        return port.allSatisfy { $0.isASCII && $0.isNumber }
    }

    static let uri: [Builtin] = [
        define("uri.is_valid", 1) { a, _ in
            guard case .string(let s) = a[0] else { return .bool(false) }
            return .bool(isValidURI(s))
        },
    ]
}

extension UInt8 {
    /// Whether this ASCII byte is a hexadecimal digit.
    fileprivate var isHexDigit: Bool {
        (0x30...0x39).contains(self) || (0x41...0x46).contains(self) || (0x61...0x66).contains(self)
    }
}
