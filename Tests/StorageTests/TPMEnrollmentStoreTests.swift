import Foundation
import Storage
import Testing

/// Pending TPM enrollments (single use, expiring, re-wrapped with the KEK) and activated attestation keys, against
/// both backends.
@Suite struct TPMEnrollmentStoreTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func pending(_ id: String, expiresIn seconds: TimeInterval = 120) -> TPMEnrollmentRecord {
        TPMEnrollmentRecord(
            id: id, ekPublic: [0x00, 0x01, 0xff], akPublic: [0x00, 0x23, 0x80], ekCertificate: Array("cert-\(id)".utf8),
            sealedSecret: "sealed-\(id)", kekID: "kek1", createdAt: now, expiresAt: now + seconds)
    }

    @Test(arguments: StoreBackend.allCases)
    func aPendingEnrollmentIsTakenOnceAndExpires(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.insertTPMEnrollment(pending("e1"))
            try await store.insertTPMEnrollment(pending("e2", expiresIn: 10))
            try await store.insertTPMEnrollment(pending("e3", expiresIn: 10))
            #expect(try await store.tpmEnrollments().map(\.id) == ["e1", "e2", "e3"])
            #expect(try await store.takeTPMEnrollment(id: "e1", at: now + 60) == .taken(pending("e1")))
            #expect(try await store.takeTPMEnrollment(id: "e1", at: now + 60) == .unknown, "single use")
            #expect(try await store.takeTPMEnrollment(id: "e2", at: now + 11) == .expired)
            #expect(try await store.takeTPMEnrollment(id: "e2", at: now) == .unknown, "an expired enrollment is gone")
            #expect(try await store.takeTPMEnrollment(id: "never", at: now) == .unknown)
            try await store.insertTPMEnrollment(pending("e4", expiresIn: 300))
            #expect(try await store.deleteExpiredTPMEnrollments(before: now + 60) == 1)
            #expect(try await store.tpmEnrollments().map(\.id) == ["e4"])
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func concurrentAnswersTakeAnEnrollmentExactlyOnce(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.insertTPMEnrollment(pending("race"))
            let statuses = try await withThrowingTaskGroup(of: TPMEnrollmentStatus.self) { group in
                for _ in 0..<16 { group.addTask { try await store.takeTPMEnrollment(id: "race", at: now) } }
                return try await group.reduce(into: [TPMEnrollmentStatus]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .taken(pending("race")) }.count == 1)
            #expect(statuses.filter { $0 == .unknown }.count == 15)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func activationsAreAuditedRenewedNeverReboundAndSwept(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            func audit(_ outcome: String) -> AuditRecord {
                AuditRecord(
                    at: now, kind: "tpm-activate", client: "c", tee: "tpm", nonce: nil, outcome: outcome, claimsSHA256: "",
                    policyID: "", policySHA256: "", detail: "{}")
            }
            let first = TPMAttestationKeyRecord(
                akName: "000b01", akPublic: [1, 2, 3], ekPublic: [4, 5], ekCertificate: [0x30, 0x82], activatedAt: now)
            let recorded = try await store.activateTPMAttestationKey(first, audit: audit("activated"))
            #expect(recorded?.outcome == "activated")
            #expect(try await store.tpmAttestationKey(name: "000b01") == first)
            #expect(try await store.tpmAttestationKey(name: "000b02") == nil)

            let renewed = TPMAttestationKeyRecord(
                akName: "000b01", akPublic: [1, 2, 3], ekPublic: [4, 5], ekCertificate: [0x30, 0x83], activatedAt: now + 5)
            #expect(try await store.activateTPMAttestationKey(renewed, audit: audit("renewed")) != nil)
            #expect(try await store.tpmAttestationKey(name: "000b01") == renewed)

            let otherEK = TPMAttestationKeyRecord(
                akName: "000b01", akPublic: [1, 2, 3], ekPublic: [9, 9], ekCertificate: [0x30, 0x84], activatedAt: now + 9)
            #expect(try await store.activateTPMAttestationKey(otherEK, audit: audit("rebound")) == nil)
            #expect(try await store.tpmAttestationKey(name: "000b01") == renewed)
            let outcomes = try await store.auditRecords(after: 0, limit: 10).map(\.outcome)
            #expect(outcomes == ["activated", "renewed"])

            #expect(try await store.deleteTPMAttestationKeys(activatedBefore: now + 5) == 0)
            #expect(try await store.deleteTPMAttestationKeys(activatedBefore: now + 6) == 1)
            #expect(try await store.tpmAttestationKey(name: "000b01") == nil)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aKEKRewrapCoversPendingEnrollmentsAllOrNothing(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.insertTPMEnrollment(pending("a"))
            try await store.insertTPMEnrollment(pending("b"))
            let stale = SealedKeyRewrap(
                signingKeys: [], secretKeys: [],
                enrollmentSecrets: [
                    .init(id: "a", old: "sealed-a", new: "resealed-a", kekID: "kek2"),
                    .init(id: "b", old: "sealed-changed-meanwhile", new: "resealed-b", kekID: "kek2"),
                ])
            await #expect(throws: StoreError.self) { try await store.rewrapSealedKeys(stale) }
            #expect(try await store.tpmEnrollments().map(\.sealedSecret) == ["sealed-a", "sealed-b"])
            let current = SealedKeyRewrap(
                signingKeys: [], secretKeys: [],
                enrollmentSecrets: [
                    .init(id: "a", old: "sealed-a", new: "resealed-a", kekID: "kek2"),
                    .init(id: "b", old: "sealed-b", new: "resealed-b", kekID: "kek2"),
                ])
            try await store.rewrapSealedKeys(current)
            let rewrapped = try await store.tpmEnrollments()
            #expect(rewrapped.map(\.sealedSecret) == ["resealed-a", "resealed-b"])
            #expect(rewrapped.allSatisfy { $0.kekID == "kek2" && $0.ekCertificate.starts(with: Array("cert-".utf8)) })
        }
    }
}
