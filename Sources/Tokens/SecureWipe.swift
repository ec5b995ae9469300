#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Overwrites key material in memory once it is no longer needed, where Swift lets us reach the bytes.
public enum SecureWipe {
    /// Zeroes every byte of `bytes` with a write the compiler may not elide.
    public static func wipe(_ bytes: inout [UInt8]) {
        bytes.withUnsafeMutableBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            #if canImport(Glibc)
            explicit_bzero(base, buffer.count)
            #else
            memset_s(base, buffer.count, 0, buffer.count)
            #endif
        }
    }
}
