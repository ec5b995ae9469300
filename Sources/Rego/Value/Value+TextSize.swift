/// A bound on how long a value's text is, found without writing it.
extension Value {
    /// Whether this value's JSON or Rego text certainly has more than `limit` bytes, by a lower bound on its size
    /// (each string's bytes and quotes, a byte per number or literal, brackets and separators). It visits at most
    /// about `limit` members, so a value that holds one member many times over (`[x, x]` nested) is not expanded.
    func textSize(exceeds limit: Int) -> Bool {
        var remaining = limit
        return !fits(within: &remaining)
    }

    private func fits(within remaining: inout Int) -> Bool {
        switch self {
        case .string(let s):
            remaining -= s.utf8.count + 2
        case .array(let items):
            remaining -= items.count + 1
            for item in items where remaining >= 0 {
                guard item.fits(within: &remaining) else { return false }
            }
        case .set(let members):
            remaining -= members.count + 1
            for member in members.elements where remaining >= 0 {
                guard member.fits(within: &remaining) else { return false }
            }
        case .object(let object):
            remaining -= 2 * object.count + 1
            for (key, value) in object.pairs where remaining >= 0 {
                guard key.fits(within: &remaining), value.fits(within: &remaining) else { return false }
            }
        case .null, .bool, .number:
            remaining -= 1
        }
        return remaining >= 0
    }
}
