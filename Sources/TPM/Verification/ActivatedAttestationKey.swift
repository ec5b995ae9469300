import AttestationCore
public import Foundation

/// An attestation key the verifier has bound to an EK by credential activation: quotes signed by it come from
/// the TPM that holds that EK.
public struct ActivatedAttestationKey: Sendable, Hashable {
    /// The AK's public area.
    public let akPublic: TPMTPublic
    /// The AK's name (what the credential was bound to).
    public let akName: [UInt8]
    /// The EK's public area.
    public let ekPublic: TPMTPublic
    /// The EK certificate (DER) that chained to a trusted root at enrollment.
    public let ekCertificate: [UInt8]
    /// When the activation succeeded.
    public let activatedAt: Date

    public init(akPublic: TPMTPublic, ekPublic: TPMTPublic, ekCertificate: [UInt8], activatedAt: Date) throws {
        self.akPublic = akPublic
        self.akName = try akPublic.name()
        self.ekPublic = ekPublic
        self.ekCertificate = ekCertificate
        self.activatedAt = activatedAt
    }
}

/// Where a verifier looks up the attestation keys it has activated (in memory here; a database in a server).
public protocol AttestationKeyRegistry: Sendable {
    /// The activated key with this TPM name, if any (and still trusted).
    func activatedKey(named name: [UInt8]) async throws -> ActivatedAttestationKey?
}

/// An ``AttestationKeyRegistry`` held in memory.
public actor InMemoryAttestationKeyRegistry: AttestationKeyRegistry {
    var keys: [[UInt8]: ActivatedAttestationKey] = [:]

    public init() {}

    public func activatedKey(named name: [UInt8]) -> ActivatedAttestationKey? { keys[name] }

    /// Records an activated key (replacing one with the same name).
    public func register(_ key: ActivatedAttestationKey) { keys[key.akName] = key }
}
