import AttestationCore
import Foundation
public import TPM
import Server

extension TPMEndorsementRoots {
    /// Largest certificate file read.
    static let maxFileBytes = 256 * 1024
    /// The names read from a directory: certificate files, so that keys or notes kept beside them are not read.
    static let certificateExtensions: Set<String> = ["pem", "crt", "cer", "der"]

    /// Reads a CA setting (`tpm_ek_roots`, `tpm_ak_roots`): a PEM or DER certificate file, or a directory whose
    /// `.pem`, `.crt`, `.cer` and `.der` files are read in name order. Throws ``ConfigurationError`` naming the setting,
    /// the file and the fix.
    public static func load(path: String, setting: String = "tpm_ek_roots") throws -> TPMEndorsementRoots {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ConfigurationError(
                setting: setting, source: path, reason: "no such file or directory; name the PEM file of your TPM CAs")
        }
        var files = [path]
        if isDirectory.boolValue {
            let names: [String]
            do { names = try FileManager.default.contentsOfDirectory(atPath: path).sorted() } catch {
                throw ConfigurationError(setting: setting, source: path, reason: "cannot list the directory: \(error)")
            }
            files = names.filter { certificateExtensions.contains(($0 as NSString).pathExtension.lowercased()) }
                .map { (path as NSString).appendingPathComponent($0) }
        }
        var certificates: [(source: String, der: [UInt8])] = []
        for file in files {
            guard certificates.count <= maxCertificates else { break }
            guard let data = FileManager.default.contents(atPath: file), data.count <= maxFileBytes else {
                throw ConfigurationError(
                    setting: setting, source: file, reason: "cannot read it, or it is larger than \(maxFileBytes) bytes")
            }
            let bytes = Array(data)
            let found: [[UInt8]]
            do { found = PEM.isPEM(bytes) ? try PEM.certificates(in: bytes) : [bytes] } catch {
                throw ConfigurationError(setting: setting, source: file, reason: "\(error)")
            }
            guard !found.isEmpty else {
                throw ConfigurationError(setting: setting, source: file, reason: "holds no CERTIFICATE block")
            }
            certificates += found.map { (file, $0) }
        }
        do { return try TPMEndorsementRoots(certificates: certificates) } catch {
            throw ConfigurationError(setting: setting, source: path, reason: "\(error)")
        }
    }
}
