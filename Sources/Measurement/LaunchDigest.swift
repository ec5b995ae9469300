import Foundation
import Crypto

/// The SEV-SNP launch digest as the firmware computes it during SNP_LAUNCH_UPDATE: each page folds into the running
/// SHA-384 digest through a PAGE_INFO structure (SEV-SNP ABI, "PAGE_INFO": digest so far ‖ contents digest ‖
/// length 0x70 ‖ page type ‖ IMI ‖ VMPL permissions ‖ GPA).
public struct LaunchDigest: Sendable, Hashable {
    /// The page types of PAGE_INFO.
    public enum PageType: UInt8, Sendable {
        case normal = 1
        case vmsa = 2
        case zero = 3
        case unmeasured = 4
        case secrets = 5
        case cpuid = 6
    }

    /// Size of a page.
    public static let pageSize = 4096
    /// The GPA recorded for VMSA pages ((u64)-1, page-aligned, bits above 51 clear).
    public static let vmsaGPA: UInt64 = 0xFFFF_FFFF_F000

    /// The digest so far (48 bytes; zero at the start, or a precomputed firmware digest).
    public private(set) var value: [UInt8]

    public init(seed: [UInt8] = [UInt8](repeating: 0, count: 48)) { value = seed }

    /// Folds one page in: `contents` is the SHA-384 of the page (zero for zero, secrets and CPUID pages).
    mutating func update(_ type: PageType, gpa: UInt64, contents: some ContiguousBytes) {
        // PAGE_INFO on the stack: 48 + 48 + 16 bytes, no allocation per page.
        var info = (
            UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0),
            UInt64(0), UInt64(0), UInt64(0), UInt64(0)
        )
        let next = withUnsafeMutableBytes(of: &info) { raw -> SHA384.Digest in
            value.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: raw[0..<48]).copyMemory(from: $0) }
            contents.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: raw[48..<96]).copyMemory(from: $0) }
            raw[96] = 0x70
            raw[98] = type.rawValue
            raw.storeBytes(of: gpa.littleEndian, toByteOffset: 104, as: UInt64.self)
            return SHA384.hash(data: UnsafeRawBufferPointer(raw))
        }
        value = Array(next)
    }

    /// Measures `data` (a multiple of the page size) as normal pages from `gpa`.
    public mutating func updateNormalPages(gpa: UInt64, data: [UInt8]) {
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let page = UnsafeRawBufferPointer(rebasing: raw[offset..<min(offset + Self.pageSize, raw.count)])
                update(.normal, gpa: gpa + UInt64(offset), contents: SHA384.hash(data: page))
                offset += Self.pageSize
            }
        }
    }

    /// Records `length` bytes from `gpa` as pages of `type` whose contents are not hashed (zero, unmeasured).
    mutating func updateEmptyPages(_ type: PageType, gpa: UInt64, length: UInt64) {
        let zero = [UInt8](repeating: 0, count: 48)
        var offset: UInt64 = 0
        while offset < length {
            update(type, gpa: gpa + offset, contents: zero)
            offset += UInt64(Self.pageSize)
        }
    }

    /// Measures one VMSA page.
    mutating func updateVMSA(_ page: [UInt8]) {
        update(.vmsa, gpa: Self.vmsaGPA, contents: SHA384.hash(data: page))
    }
}
