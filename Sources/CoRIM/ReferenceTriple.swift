import CBOR

/// A reference-triple-record: `[environment-map, [+ measurement-map]]` — the values an environment's evidence should
/// show.
public struct ReferenceTriple: Sendable, Hashable {
    /// Most measurement-maps in one triple.
    public static let maxMeasurements = 256

    /// The target environment.
    public let environment: EnvironmentMap
    /// Its reference measurements.
    public let measurements: [MeasurementMap]

    init(_ value: CBORValue, location: String) throws {
        let parts = try value.array(at: location, limit: 2)
        guard parts.count == 2 else {
            throw CoRIMError.malformed(location: location, reason: "expected [environment-map, [+ measurement-map]]")
        }
        environment = try EnvironmentMap(parts[0], location: "\(location) environment")
        let list = try parts[1].array(at: "\(location) measurements", limit: Self.maxMeasurements)
        guard !list.isEmpty else { throw CoRIMError.malformed(location: "\(location) measurements", reason: "empty") }
        measurements = try list.enumerated().map { index, item in
            try MeasurementMap(item, location: "\(location) measurements[\(index)]")
        }
    }
}
