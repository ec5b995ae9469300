#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps evaluation from overflowing the native stack: deep recursion fails with a limit
/// error while a safety margin of the current thread's stack remains.
enum StackGuard {
    /// Stack kept free for built-ins and the unwinding path.
    static let margin: UInt = 256 * 1024

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// The lowest usable stack address of the current thread plus the margin (cached per
    /// thread), or 0 when the platform does not tell.
    static func floor() -> UInt {
        if let cached = pthread_getspecific(key) { return UInt(bitPattern: cached) }
        var low: UInt = 0
        #if canImport(Darwin)
        let top = UInt(bitPattern: pthread_get_stackaddr_np(pthread_self()))
        low = top - UInt(pthread_get_stacksize_np(pthread_self()))
        #else
        var attr = pthread_attr_t()
        if let getAttributes = threadAttributes, getAttributes(pthread_self(), &attr) == 0 {
            var address: UnsafeMutableRawPointer?
            var size = 0
            if pthread_attr_getstack(&attr, &address, &size) == 0 {
                low = UInt(bitPattern: address)
            }
            pthread_attr_destroy(&attr)
        }
        #endif
        let value = low == 0 ? 0 : low + margin
        pthread_setspecific(key, UnsafeRawPointer(bitPattern: value))
        return value
    }

    #if !canImport(Darwin)
    private typealias GetAttributes = @convention(c) (pthread_t, UnsafeMutablePointer<pthread_attr_t>) -> Int32

    /// glibc's `pthread_getattr_np`, which Swift's module map does not export.
    private static let threadAttributes: GetAttributes? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "pthread_getattr_np") else { return nil }
        return unsafeBitCast(symbol, to: GetAttributes.self)
    }()
    #endif

    /// The address of a local of the caller's frame.
    @inline(never)
    static func currentAddress() -> UInt {
        var marker = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }
}
