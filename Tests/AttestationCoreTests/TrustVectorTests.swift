import Testing
@testable import AttestationCore

@Suite struct TrustVectorTests {
    @Test(arguments: [
        (Int8(0), TrustTier.none), (-1, .none), (1, .none), (2, .affirming), (31, .affirming), (32, .warning),
        (95, .warning), (96, .contraindicated), (127, .contraindicated), (-2, .affirming), (-128, .contraindicated),
    ])
    func claimTiers(_ value: Int8, _ tier: TrustTier) {
        #expect(TrustClaim(rawValue: value).tier == tier)
    }

    @Test func statusIsTheWorstTierClaimed() {
        var vector = TrustworthinessVector()
        #expect(vector.status == .none)
        vector[.hardware] = .noClaim
        vector[.executables] = .approvedRuntime
        #expect(vector.status == .affirming)
        vector[.configuration] = .unsafeConfig
        #expect(vector.status == .warning)
        vector[.hardware] = .cryptoValidationFailed
        #expect(vector.status == .contraindicated)
    }

    @Test func jsonRoundTripAcceptsPolicyNames() throws {
        let vector = TrustworthinessVector([.instanceIdentity: .trustworthyInstance, .fileSystem: .noClaim])
        #expect(try TrustworthinessVector(json: vector.json) == vector)
        let fromPolicy = try TrustworthinessVector(json: ["instance_identity": 2, "file_system": 0])
        #expect(fromPolicy == vector)
        #expect(throws: AttestationCoreError.self) { try TrustworthinessVector(json: ["hardware": 300]) }
        #expect(throws: AttestationCoreError.self) { try TrustworthinessVector(json: ["firmware": 2]) }
    }
}
