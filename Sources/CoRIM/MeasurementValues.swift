import CBOR

/// The measurement-values-map members Assay can turn into reference values: `0: version-map`, `1: svn`,
/// `2: digests`, `4: raw-value`, `14: integrity-registers`; every other member present is named in ``others``.
public struct MeasurementValues: Sendable, Hashable {
    /// An svn-type-choice: a bare unsigned integer or tag 552 is an exact value, tag 553 a minimum.
    public enum SVN: Sendable, Hashable {
        case exact(UInt64)
        case minimum(UInt64)
    }

    /// A raw-value: bytes (tag 560, or a bare byte string in early drafts), an unsigned integer (the SEV-SNP
    /// profile's VMPL), or masked bytes (tag 563), which Assay cannot express.
    public enum RawValue: Sendable, Hashable {
        case bytes([UInt8])
        case number(UInt64)
        case masked
    }

    /// A digest: `[alg, value]`, alg from the IANA Named Information registry (1 = SHA-256, 7 = SHA-384,
    /// 8 = SHA-512) or its name.
    public struct Digest: Sendable, Hashable {
        /// The algorithm's registry number (names are translated; unknown names are 0).
        public let algorithm: Int64
        /// The digest bytes.
        public let value: [UInt8]

        /// Registry numbers of the names accepted in place of numbers.
        static let namedAlgorithms: [String: Int64] = ["sha-256": 1, "sha-384": 7, "sha-512": 8]
    }

    /// Most digests in one digests list, and registers in one integrity-registers map.
    public static let maxDigests = 16
    /// Longest digest or raw value read.
    public static let maxValueBytes = 1024

    /// version-map `version` (label 0 of label 0).
    public let version: String?
    /// svn.
    public let svn: SVN?
    /// digests.
    public let digests: [Digest]
    /// raw-value.
    public let rawValue: RawValue?
    /// integrity-registers: register index (or name) → digests.
    public let integrityRegisters: [String: [Digest]]
    /// Labels of members present that Assay does not read, by CDDL name.
    public let others: [String]

    /// measurement-values-map labels and their CDDL names, for messages.
    static let memberNames: [Int64: String] = [
        3: "flags", 5: "raw-value-mask", 6: "mac-addr", 7: "ip-addr", 8: "serial-number", 9: "ueid", 10: "uuid",
        11: "name", 13: "cryptokeys", 15: "int-range",
    ]

    init(_ value: CBORValue, location: String) throws {
        let entries = try value.map(at: location)
        guard !entries.isEmpty else { throw CoRIMError.malformed(location: location, reason: "empty measurement-values-map") }
        var version: String?
        var svn: SVN?
        var digests: [Digest] = []
        var rawValue: RawValue?
        var registers: [String: [Digest]] = [:]
        var others: [String] = []
        for entry in entries {
            switch entry.key.integerValue {
            case 0:
                _ = try entry.value.map(at: "\(location) version")
                guard let text = entry.value[label: 0] else { throw CoRIMError.malformed(location: "\(location) version", reason: "missing version (0)") }
                version = try text.text(at: "\(location) version", limit: CoRIM.maxTextBytes)
            case 1:
                switch entry.value {
                case .unsigned(let number), .tagged(552, .unsigned(let number)): svn = .exact(number)
                case .tagged(553, .unsigned(let number)): svn = .minimum(number)
                default: throw CoRIMError.malformed(location: "\(location) svn", reason: "expected uint, 552(uint) or 553(uint), found \(entry.value.summary)")
                }
            case 2: digests = try Self.digests(entry.value, at: "\(location) digests")
            case 4:
                switch entry.value {
                case .tagged(560, .bytes(let bytes)), .bytes(let bytes):
                    guard bytes.count <= Self.maxValueBytes else {
                        throw CoRIMError.malformed(location: "\(location) raw-value", reason: "\(bytes.count) bytes, above the limit of \(Self.maxValueBytes)")
                    }
                    rawValue = .bytes(bytes)
                case .unsigned(let number): rawValue = .number(number)
                case .tagged(563, _): rawValue = .masked
                default: throw CoRIMError.malformed(location: "\(location) raw-value", reason: "expected 560(bytes), 563([bytes, mask]) or uint, found \(entry.value.summary)")
                }
            case 14:
                let map = try entry.value.map(at: "\(location) integrity-registers")
                guard map.count <= Self.maxDigests else {
                    throw CoRIMError.tooMany(location: "\(location) integrity-registers", count: map.count, limit: Self.maxDigests)
                }
                for register in map {
                    let name: String
                    switch register.key {
                    case .unsigned(let index): name = String(index)
                    case .text: name = try register.key.text(at: "\(location) integrity-registers key", limit: CoRIM.maxTextBytes)
                    default: throw CoRIMError.malformed(location: "\(location) integrity-registers", reason: "register ids are uint or text, found \(register.key.summary)")
                    }
                    registers[name] = try Self.digests(register.value, at: "\(location) integrity-registers[\(name)]")
                }
            case let label?:
                others.append(Self.memberNames[label] ?? (label < 0 ? "extension \(label)" : "member \(label)"))
            case nil:
                others.append("member \(entry.key.summary)")
            }
        }
        self.version = version
        self.svn = svn
        self.digests = digests
        self.rawValue = rawValue
        self.integrityRegisters = registers
        self.others = others
    }

    static func digests(_ value: CBORValue, at location: String) throws -> [Digest] {
        let list = try value.array(at: location, limit: maxDigests)
        guard !list.isEmpty else { throw CoRIMError.malformed(location: location, reason: "empty digests") }
        return try list.enumerated().map { index, item in
            guard let pair = item.arrayValue, pair.count == 2, let bytes = pair[1].bytesValue, !bytes.isEmpty,
                bytes.count <= maxValueBytes
            else {
                throw CoRIMError.malformed(location: "\(location)[\(index)]", reason: "expected [alg, digest bytes], found \(item.summary)")
            }
            let algorithm: Int64
            switch pair[0] {
            case .unsigned, .negative: algorithm = pair[0].integerValue ?? 0
            case .text(let name): algorithm = Digest.namedAlgorithms[name.lowercased()] ?? 0
            default: throw CoRIMError.malformed(location: "\(location)[\(index)]", reason: "alg must be an integer or a name")
            }
            return Digest(algorithm: algorithm, value: bytes)
        }
    }
}
