import AttestationCore

/// Bytes 0, 1, 2, … in place of randomness, so that a fuzz input replays the same way every time.
struct CountingRandomSource: RandomSource {
    func bytes(count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0) }
    }
}
