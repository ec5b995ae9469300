import AssayTestSupport
import Foundation
import Testing

/// The RIM vectors of `../shared/vectors` (platform `nvidia`, with a `rim` file) and what each is verified as of.
enum RIMVectors {
    /// NVIDIA's signed VBIOS RIM for GH100 96.00.5E.00.01 (production).
    static let vbios = "nvidia-rim-nvtrust-vbios-1010-0200-882-96005e0001-prod"
    /// NVIDIA's test VBIOS RIM (same measurements, another signature).
    static let vbiosTest = "nvidia-rim-nvtrust-vbios-rim-test-no-gpu"
    /// NVIDIA's test driver RIM (545.00).
    static let driverTest = "nvidia-rim-nvtrust-driver-rim-test-no-gpu"
    /// The production VBIOS RIM with one hex digit of a measurement edited.
    static let tamperedVBIOS = "nvidia-rim-nvtrust-vbios-1010-0200-882-96005e0001-prod__hash"

    /// Every RIM vector.
    static func all() throws -> [SharedVectors.Vector] {
        try SharedVectors.platform("nvidia").filter { $0.file("rim") != nil }
    }

    /// The RIM's bytes.
    static func bytes(_ vector: SharedVectors.Vector) throws -> [UInt8] {
        try #require(try vector.bytes("rim"), "\(vector.id) has no rim file")
    }

    /// The bytes of the vector with this id.
    static func bytes(_ id: String) throws -> [UInt8] {
        try bytes(try SharedVectors.vector(id))
    }

    /// `suggested_as_of`, or that of the vector a tampered copy was made from.
    static func asOf(_ vector: SharedVectors.Vector) throws -> Date {
        if let date = vector.suggestedAsOf { return date }
        let origin = try SharedVectors.vector(try #require(vector.tamperedFrom))
        return try #require(origin.suggestedAsOf)
    }

    /// The instant to verify the vector with this id as of.
    static func asOf(_ id: String) throws -> Date {
        try asOf(try SharedVectors.vector(id))
    }
}
