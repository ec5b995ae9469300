public import AttestationCore

/// nvtrust's evidence list: the JSON array NVIDIA's attestation SDK produces for several GPUs or NVSwitches,
/// `[{"arch", "certificate": base64(PEM chain), "evidence": base64(report), "nonce": hex, …}]`.
public enum EvidenceList {
    /// Most devices in one list (an HGX system has 8 GPUs and 4 NVSwitches).
    public static let maxDevices = 64

    /// Whether `bytes` look like a JSON array rather than a binary report.
    public static func isEvidenceList(_ bytes: [UInt8]) -> Bool {
        bytes.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) } == UInt8(ascii: "[")
    }

    /// Parses the list into one ``DeviceEvidence`` per entry, in order.
    public static func parse(_ bytes: [UInt8]) throws -> [DeviceEvidence] {
        let document: JSONValue
        do { document = try JSONValue(parsing: bytes) } catch {
            throw NvidiaGPUError.malformedEvidenceList("not JSON (\(error))")
        }
        guard let entries = document.arrayValue, !entries.isEmpty else {
            throw NvidiaGPUError.malformedEvidenceList("expected a non-empty JSON array of device entries")
        }
        guard entries.count <= maxDevices else {
            throw NvidiaGPUError.core(.boundExceeded(field: "evidence list entries", value: entries.count, limit: maxDevices))
        }
        return try entries.enumerated().map { index, entry in try device(entry, index: index) }
    }

    static func device(_ entry: JSONValue, index: Int) throws -> DeviceEvidence {
        func member(_ name: String) throws -> String {
            guard let value = entry[name]?.stringValue else {
                throw NvidiaGPUError.malformedEvidenceList("entry \(index) has no string member \"\(name)\"")
            }
            return value
        }
        func base64(_ name: String) throws -> [UInt8] {
            do { return try Base64.decode(try member(name)) } catch let error as NvidiaGPUError { throw error } catch {
                throw NvidiaGPUError.malformedEvidenceList("entry \(index) member \"\(name)\" is not base64 (\(error))")
            }
        }
        var declared: [String: String] = [:]
        for name in ["driver_version", "vbios_version", "version"] {
            if let value = entry[name]?.stringValue { declared[name] = value }
        }
        return DeviceEvidence(
            report: try base64("evidence"), chain: try DeviceEvidence.chain(pem: try base64("certificate"), what: "entry \(index) certificate"),
            arch: entry["arch"]?.stringValue, declaredNonce: entry["nonce"]?.stringValue?.lowercased(), declared: declared)
    }
}
