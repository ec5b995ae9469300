import Foundation

extension BenchmarkSuite {
    /// The shared vectors folder: `$ASSAY_VECTORS`, or `../shared/vectors`.
    static var vectorsRoot: URL {
        URL(
            fileURLWithPath: ProcessInfo.processInfo.environment["ASSAY_VECTORS"].flatMap { $0.isEmpty ? nil : $0 }
                ?? "../shared/vectors")
    }

    /// The bytes of a shared vector file, by its path relative to ``vectorsRoot``.
    static func vector(_ path: String) throws -> [UInt8] {
        let url = vectorsRoot.appendingPathComponent(path)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw BenchmarkError.missingVector(path: url.path)
        }
        return Array(data)
    }
}
