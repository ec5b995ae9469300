#if canImport(Glibc)
import Glibc
#endif

/// How `assay serve` sets up glibc's allocator for its threads.
///
/// Requests are read on the network threads and verified on the workers, so memory allocated on one thread is
/// freed on another, into per-thread arenas whose top glibc trims back to the kernel once it passes 128 KiB. Each
/// trim is an `madvise` that flushes the TLBs of every core (measured: 2 % of the server's CPU under load, and it
/// runs again when the next request grows the arena). A trim threshold of ``trimThreshold`` keeps that much free
/// memory per arena instead; memory beyond it is still returned.
enum AllocatorTuning {
    /// Free memory kept at the top of an arena before glibc returns it to the kernel.
    static let trimThreshold: Int32 = 32 << 20
    /// `M_TRIM_THRESHOLD` from glibc's malloc.h (which Swift's Glibc module does not import).
    static let trimThresholdOption: Int32 = -1

    static func apply() {
        #if canImport(Glibc)
        // `mallopt` is looked up at run time: its header is not part of the Glibc module.
        guard let symbol = dlsym(nil, "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
        _ = mallopt(trimThresholdOption, trimThreshold)
        #endif
    }
}
