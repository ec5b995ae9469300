import Foundation

/// The eight AR4SI trustworthiness components, with their EAR JSON names.
public enum TrustComponent: String, Sendable, Hashable, CaseIterable, Comparable {
    case instanceIdentity = "instance-identity"
    case configuration
    case executables
    case fileSystem = "file-system"
    case hardware
    case runtimeOpaque = "runtime-opaque"
    case storageOpaque = "storage-opaque"
    case sourcedData = "sourced-data"

    /// The snake_case name used in Rego policies and claims (`instance_identity`, `file_system`, …).
    public var policyName: String { rawValue.replacingOccurrences(of: "-", with: "_") }

    /// Looks a component up by its EAR name or its policy name.
    public init?(name: String) {
        self.init(rawValue: name.replacingOccurrences(of: "_", with: "-"))
    }

    public static func < (lhs: TrustComponent, rhs: TrustComponent) -> Bool {
        let order = allCases
        return (order.firstIndex(of: lhs) ?? 0) < (order.firstIndex(of: rhs) ?? 0)
    }
}

/// An AR4SI trustworthiness vector: a claim per component; absent components make no claim.
public struct TrustworthinessVector: Sendable, Hashable {
    /// The claims made.
    public var claims: [TrustComponent: TrustClaim]

    public init(_ claims: [TrustComponent: TrustClaim] = [:]) { self.claims = claims }

    public subscript(component: TrustComponent) -> TrustClaim? {
        get { claims[component] }
        set { claims[component] = newValue }
    }

    /// The EAR status this vector warrants: the worst tier among the claims made, `none` if none is made.
    public var status: TrustTier {
        claims.values.map(\.tier).filter { $0 != .none }.max() ?? .none
    }

    /// The `ear.trustworthiness-vector` JSON object.
    public var json: JSONValue {
        .object(Dictionary(uniqueKeysWithValues: claims.map { ($0.key.rawValue, .integer(Int64($0.value.rawValue))) }))
    }

    /// Reads an `ear.trustworthiness-vector` object (EAR or policy component names, integer values).
    public init(json: JSONValue) throws {
        guard let members = json.objectValue else {
            throw AttestationCoreError.invalidJSON(offset: 0, reason: "trustworthiness vector must be an object")
        }
        var claims: [TrustComponent: TrustClaim] = [:]
        for (name, value) in members {
            guard let component = TrustComponent(name: name) else {
                throw AttestationCoreError.invalidJSON(offset: 0, reason: "unknown trustworthiness component \"\(name)\"")
            }
            guard let integer = value.integerValue, let claim = Int8(exactly: integer) else {
                throw AttestationCoreError.invalidJSON(offset: 0, reason: "\(name) must be an integer in -128…127")
            }
            claims[component] = TrustClaim(rawValue: claim)
        }
        self.claims = claims
    }
}
