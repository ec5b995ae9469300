/// Substring (or subarray) search in linear time (Knuth–Morris–Pratt), so that a hostile needle cannot make a
/// built-in take time proportional to the product of two lengths.
struct SubstringSearch<Element: Equatable> {
    let needle: [Element]
    /// For each prefix of the needle, the length of its longest proper border.
    private let borders: [Int]

    init(_ needle: [Element]) {
        self.needle = needle
        var borders = [Int](repeating: 0, count: needle.count)
        var k = 0
        var i = 1
        while i < needle.count {
            while k > 0, needle[i] != needle[k] { k = borders[k - 1] }
            if needle[i] == needle[k] { k += 1 }
            borders[i] = k
            i += 1
        }
        self.borders = borders
    }

    /// Calls `found` with the start of each occurrence in `haystack` from `start` on, non-overlapping (the search
    /// resumes after an occurrence) unless `overlapping`; `found` returns false to stop. An empty needle finds
    /// nothing.
    func forEach(in haystack: [Element], from start: Int = 0, overlapping: Bool = false, _ found: (Int) -> Bool) {
        guard !needle.isEmpty else { return }
        var k = 0
        var i = start
        while i < haystack.count {
            while k > 0, haystack[i] != needle[k] { k = borders[k - 1] }
            if haystack[i] == needle[k] { k += 1 }
            i += 1
            if k == needle.count {
                if !found(i - k) { return }
                k = overlapping ? borders[k - 1] : 0
            }
        }
    }

    /// The start of the first occurrence, if any.
    func first(in haystack: [Element]) -> Int? {
        var result: Int?
        forEach(in: haystack) { index in
            result = index
            return false
        }
        return result
    }
}
