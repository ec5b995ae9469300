import AttestationCore

/// TCG_EfiSpecIDEvent: the header event of a crypto-agile log, naming its banks and digest sizes
/// (TCG PC Client Platform Firmware Profile, §10.4.5.1).
public struct TCGSpecIDEvent: Sendable, Hashable {
    /// The signature of a crypto-agile (TCG 2.0) log header: `Spec ID Event03` and a NUL.
    public static let signature: [UInt8] = Array("Spec ID Event03".utf8) + [0]
    /// Bound on numberOfAlgorithms.
    public static let maxAlgorithms = 16

    /// One entry of digestSizes.
    public struct AlgorithmSize: Sendable, Hashable {
        /// algorithmId.
        public let algorithm: TPMAlgorithmID
        /// digestSize in bytes.
        public let digestSize: Int
    }

    /// platformClass (UINT32).
    public let platformClass: UInt32
    /// specVersionMajor.
    public let specVersionMajor: UInt8
    /// specVersionMinor.
    public let specVersionMinor: UInt8
    /// specErrata.
    public let specErrata: UInt8
    /// uintnSize: 1 for 32-bit UINTN, 2 for 64-bit.
    public let uintnSize: UInt8
    /// digestSizes: the banks every TCG_PCR_EVENT2 may carry and their digest sizes.
    public let algorithms: [AlgorithmSize]
    /// vendorInfo.
    public let vendorInfo: [UInt8]

    /// Reads the event data of the header: signature[16], platformClass, version bytes, uintnSize,
    /// numberOfAlgorithms (UINT32), digestSizes[] (algorithmId UINT16, digestSize UINT16), vendorInfoSize (UINT8),
    /// vendorInfo. All integers little-endian.
    public init(parsing data: [UInt8]) throws {
        var reader = ByteReader(data)
        let signature = try reader.readArray(16, field: "TCG_EfiSpecIDEvent.signature")
        guard signature == Self.signature else {
            throw TPMError.invalidField(structure: "TCG_EfiSpecIDEvent", field: "signature", value: Hex.encode(signature))
        }
        platformClass = try reader.readLittleEndian(UInt32.self, field: "TCG_EfiSpecIDEvent.platformClass")
        specVersionMinor = try reader.readLittleEndian(UInt8.self, field: "TCG_EfiSpecIDEvent.specVersionMinor")
        specVersionMajor = try reader.readLittleEndian(UInt8.self, field: "TCG_EfiSpecIDEvent.specVersionMajor")
        specErrata = try reader.readLittleEndian(UInt8.self, field: "TCG_EfiSpecIDEvent.specErrata")
        uintnSize = try reader.readLittleEndian(UInt8.self, field: "TCG_EfiSpecIDEvent.uintnSize")
        let count = try ByteReader.bounded(
            try reader.readLittleEndian(UInt32.self, field: "TCG_EfiSpecIDEvent.numberOfAlgorithms"),
            limit: Self.maxAlgorithms, field: "TCG_EfiSpecIDEvent.numberOfAlgorithms")
        var algorithms: [AlgorithmSize] = []
        for index in 0..<count {
            let algorithm = TPMAlgorithmID(
                rawValue: try reader.readLittleEndian(UInt16.self, field: "TCG_EfiSpecIDEvent.digestSizes[\(index)].algorithmId"))
            let size = Int(try reader.readLittleEndian(UInt16.self, field: "TCG_EfiSpecIDEvent.digestSizes[\(index)].digestSize"))
            if let known = algorithm.digestSize, known != size {
                throw TPMError.invalidField(
                    structure: "TCG_EfiSpecIDEvent", field: "digestSizes[\(index)]", value: "\(algorithm.name) of \(size) bytes")
            }
            guard size > 0, size <= TPMSAttest.maxDigestBytes else {
                throw TPMError.invalidField(
                    structure: "TCG_EfiSpecIDEvent", field: "digestSizes[\(index)].digestSize", value: "\(size)")
            }
            algorithms.append(AlgorithmSize(algorithm: algorithm, digestSize: size))
        }
        self.algorithms = algorithms
        let vendorSize = Int(try reader.readLittleEndian(UInt8.self, field: "TCG_EfiSpecIDEvent.vendorInfoSize"))
        vendorInfo = try reader.readArray(vendorSize, field: "TCG_EfiSpecIDEvent.vendorInfo")
        try reader.expectEnd(of: "TCG_EfiSpecIDEvent")
    }
}
