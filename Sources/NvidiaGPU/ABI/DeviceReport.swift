public import AttestationCore

/// One device's attestation report: the GET_MEASUREMENTS request the verifier sent followed by the device's signed
/// MEASUREMENTS response, keeping the exact signed bytes (request ‖ response up to the signature).
public struct DeviceReport: Sendable, Hashable {
    /// Largest report read (64 blocks and the opaque data take about 4 KiB).
    public static let maxBytes = 512 * 1024

    /// The request.
    public let request: SPDMMeasurementRequest
    /// The response.
    public let response: SPDMMeasurementsResponse
    /// The bytes the device signed.
    public let signedBytes: ArraySlice<UInt8>

    /// Parses request ‖ response.
    public init(bytes: [UInt8]) throws {
        guard bytes.count <= Self.maxBytes else {
            throw NvidiaGPUError.core(.boundExceeded(field: "report", value: bytes.count, limit: Self.maxBytes))
        }
        var reader = ByteReader(bytes)
        request = try NvidiaGPUError.bounds { try SPDMMeasurementRequest(reading: &reader) }
        let responseStart = reader.offset
        response = try NvidiaGPUError.bounds { try SPDMMeasurementsResponse(reading: &reader) }
        signedBytes = bytes[0..<(responseStart + response.signatureOffset)]
    }

    /// The SPDM version as text (`1.1`).
    public var versionText: String { "\(response.version >> 4).\(response.version & 0x0F)" }

    /// Whether the request is a signed GET_MEASUREMENTS and the response answers it in the same SPDM version.
    public var isMeasurementExchange: Bool {
        request.isSignedGetMeasurements && response.code == SPDMMeasurementsResponse.measurementsCode
            && request.version == response.version
    }
}
