import AttestationCore
import PKI

/// Typed, bounded access to the members of trustee's JSON report.
struct TrusteeFields {
    let object: JSONValue

    init(_ object: JSONValue) { self.object = object }

    func value(_ path: String) throws -> JSONValue {
        guard let value = object.value(atPath: path), value != .null else {
            throw SEVSNPError.malformedEvidenceJSON("missing member \(path)")
        }
        return value
    }

    func integer<T: FixedWidthInteger>(_ path: String, _ type: T.Type) throws -> T {
        guard let number = try value(path).integerValue, let exact = T(exactly: number) else {
            throw SEVSNPError.malformedEvidenceJSON("\(path) is not an integer that fits \(T.bitWidth) bits")
        }
        return exact
    }

    /// An array of byte values; `length` nil means any length up to ``X509Certificate/maxBytes`` (a certificate).
    func bytes(_ path: String, _ length: Int?) throws -> [UInt8] {
        guard let array = try value(path).arrayValue else {
            throw SEVSNPError.malformedEvidenceJSON("\(path) is not an array of bytes")
        }
        let limit = length ?? X509Certificate.maxBytes
        guard array.count <= limit, length.map({ array.count == $0 }) ?? true else {
            throw SEVSNPError.malformedEvidenceJSON("\(path) has \(array.count) bytes, expected \(length.map(String.init) ?? "at most \(limit)")")
        }
        return try array.map { element in
            guard let number = element.integerValue, let byte = UInt8(exactly: number) else {
                throw SEVSNPError.malformedEvidenceJSON("\(path) holds a value that is not a byte")
            }
            return byte
        }
    }

    func tcb(_ path: String, _ layout: TCBVersion.Layout) throws -> UInt64 {
        let components = TrusteeFields(try value(path))
        let fmc: UInt8? = layout == .turin ? try components.integer("fmc", UInt8.self) : nil
        return TCBVersion(
            bootloader: try components.integer("bootloader", UInt8.self), tee: try components.integer("tee", UInt8.self),
            snp: try components.integer("snp", UInt8.self), microcode: try components.integer("microcode", UInt8.self),
            fmc: fmc
        ).raw
    }

    func version(_ path: String) throws -> FirmwareVersion {
        let parts = TrusteeFields(try value(path))
        return FirmwareVersion(
            major: try parts.integer("major", UInt8.self), minor: try parts.integer("minor", UInt8.self),
            build: try parts.integer("build", UInt8.self))
    }
}
