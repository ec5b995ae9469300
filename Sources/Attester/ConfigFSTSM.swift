public import Foundation

/// Linux's configfs-tsm report interface (`/sys/kernel/config/tsm/report`, kernel 6.7+), shared by SEV-SNP and
/// TDX guests: write up to 64 bytes to `inblob`, read the signed report from `outblob` and optional certificates
/// from `auxblob`, and check `generation` so a concurrent writer cannot hand us a report over other data.
public struct ConfigFSTSM: Sendable {
    /// Largest `inblob` the kernel accepts (`TSM_INBLOB_MAX`).
    public static let maxInblob = 64
    /// Largest `outblob`/`auxblob` read (`TSM_OUTBLOB_MAX` is 32 KiB; certificate tables can be larger).
    public static let maxBlob = 1024 * 1024

    /// What one report request produced.
    public struct Report: Sendable, Hashable {
        /// The TSM provider (`sev_guest`, `tdx_guest`, …), which names the outblob format.
        public let provider: String
        /// The signed report or quote.
        public let outblob: [UInt8]
        /// Supplemental data (SEV-SNP: the extended-report certificate table), if the provider emits any.
        public let auxblob: [UInt8]?
    }

    /// The report directory root (`/sys/kernel/config/tsm/report`; tests point this at a fake tree).
    public let root: URL

    public init(root: URL = URL(fileURLWithPath: "/sys/kernel/config/tsm/report")) {
        self.root = root
    }

    /// Whether the interface exists here.
    public var isAvailable: Bool { FileManager.default.fileExists(atPath: root.path) }

    /// Requests a report over `inblob` through the entry `name` (created if absent, removed afterwards).
    ///
    /// - Parameters:
    ///   - privilegeLevel: SEV-SNP VMPL to request (`privlevel`), if any.
    ///   - provider: the provider the caller expects; a different one is an error.
    public func report(inblob: [UInt8], name: String = "assay-\(UUID().uuidString)", privilegeLevel: Int? = nil,
                       provider expected: String? = nil) throws -> Report {
        guard inblob.count <= Self.maxInblob else {
            throw AttesterError.reportDataTooLong(inblob.count, limit: Self.maxInblob)
        }
        guard isAvailable else {
            throw AttesterError.interfaceUnavailable("\(root.path) does not exist (needs Linux 6.7+ inside a TEE guest)")
        }
        let entry = root.appendingPathComponent(name)
        let created = !FileManager.default.fileExists(atPath: entry.path)
        if created {
            do { try FileManager.default.createDirectory(at: entry, withIntermediateDirectories: false) } catch {
                throw AttesterError.interfaceFailed(path: entry.path, reason: "cannot create the report entry (\(error.localizedDescription))")
            }
        }
        defer { if created { try? FileManager.default.removeItem(at: entry) } }

        let provider = try text(entry.appendingPathComponent("provider"))
        if let expected, provider != expected {
            throw AttesterError.wrongProvider(expected: expected, actual: provider)
        }
        if let privilegeLevel {
            try write(Array(String(privilegeLevel).utf8), to: entry.appendingPathComponent("privlevel"))
        }
        try write(inblob, to: entry.appendingPathComponent("inblob"))
        let before = try text(entry.appendingPathComponent("generation"))
        let outblob = try read(entry.appendingPathComponent("outblob"))
        let auxPath = entry.appendingPathComponent("auxblob")
        let auxblob = FileManager.default.fileExists(atPath: auxPath.path) ? try read(auxPath) : nil
        guard try text(entry.appendingPathComponent("generation")) == before else {
            throw AttesterError.concurrentUpdate(path: entry.path)
        }
        return Report(provider: provider, outblob: outblob, auxblob: auxblob?.isEmpty == true ? nil : auxblob)
    }

    func read(_ url: URL) throws -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw AttesterError.interfaceFailed(path: url.path, reason: "cannot open for reading")
        }
        defer { try? handle.close() }
        do {
            let data = try handle.read(upToCount: Self.maxBlob + 1) ?? Data()
            guard data.count <= Self.maxBlob else {
                throw AttesterError.interfaceFailed(path: url.path, reason: "larger than \(Self.maxBlob) bytes")
            }
            return Array(data)
        } catch let error as AttesterError {
            throw error
        } catch {
            throw AttesterError.interfaceFailed(path: url.path, reason: "read failed: \(error.localizedDescription)")
        }
    }

    func text(_ url: URL) throws -> String {
        String(decoding: try read(url), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func write(_ bytes: [UInt8], to url: URL) throws {
        guard let handle = FileHandle(forWritingAtPath: url.path) else {
            throw AttesterError.interfaceFailed(path: url.path, reason: "cannot open for writing")
        }
        defer { try? handle.close() }
        do {
            try handle.truncate(atOffset: 0)
            try handle.write(contentsOf: Data(bytes))
        } catch {
            throw AttesterError.interfaceFailed(path: url.path, reason: "write failed: \(error.localizedDescription)")
        }
    }
}
