import AssayTestSupport
import Foundation
import KeyBroker
import Storage
import Testing
import Tokens
import TPM
@testable import TPMService

/// Pending TPM enrollments (single use, expiring) and activated attestation keys, against both backends; and what a
/// key-encryption-key rotation changes in them.
@Suite struct TPMEnrollmentStoreTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    var now: Date { Self.now }

    static func pending(_ id: String, expiresIn seconds: TimeInterval = 120, sealedSecret: String? = nil) -> TPMEnrollmentRecord {
        TPMEnrollmentRecord(
            id: id, ekPublic: [0x00, 0x01, 0xff], akPublic: [0x00, 0x23, 0x80], ekCertificate: Array("cert-\(id)".utf8),
            sealedSecret: sealedSecret ?? "sealed-\(id)", kekID: "kek1", createdAt: now, expiresAt: now + seconds)
    }

    func withStore(_ backend: TestBackend, _ body: @Sendable (any TPMEnrollmentStore, Store) async throws -> Void) async throws {
        try await backend.withStore(plugins: [TPMSchema.plugin]) { store in
            try await body(TPMEnrollmentStores.store(on: store.backend), store)
        }
    }

    @Test(arguments: TestBackend.allCases)
    func aPendingEnrollmentIsTakenOnceAndExpires(_ backend: TestBackend) async throws {
        try await withStore(backend) { store, _ in
            let now = Self.now
            try await store.insertEnrollment(Self.pending("e1"))
            try await store.insertEnrollment(Self.pending("e2", expiresIn: 10))
            try await store.insertEnrollment(Self.pending("e3", expiresIn: 10))
            #expect(try await store.enrollments().map(\.id) == ["e1", "e2", "e3"])
            #expect(try await store.takeEnrollment(id: "e1", at: now + 60) == .taken(Self.pending("e1")))
            #expect(try await store.takeEnrollment(id: "e1", at: now + 60) == .unknown, "single use")
            #expect(try await store.takeEnrollment(id: "e2", at: now + 11) == .expired)
            #expect(try await store.takeEnrollment(id: "e2", at: now) == .unknown, "an expired enrollment is gone")
            #expect(try await store.takeEnrollment(id: "never", at: now) == .unknown)
            try await store.insertEnrollment(Self.pending("e4", expiresIn: 300))
            #expect(try await store.deleteExpiredEnrollments(before: now + 60) == 1)
            #expect(try await store.enrollments().map(\.id) == ["e4"])
        }
    }

    @Test(arguments: TestBackend.allCases)
    func concurrentAnswersTakeAnEnrollmentExactlyOnce(_ backend: TestBackend) async throws {
        try await withStore(backend) { store, _ in
            try await store.insertEnrollment(Self.pending("race"))
            let statuses = try await withThrowingTaskGroup(of: TPMEnrollmentStatus.self) { group in
                for _ in 0..<16 { group.addTask { try await store.takeEnrollment(id: "race", at: Self.now) } }
                return try await group.reduce(into: [TPMEnrollmentStatus]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .taken(Self.pending("race")) }.count == 1)
            #expect(statuses.filter { $0 == .unknown }.count == 15)
        }
    }

    @Test(arguments: TestBackend.allCases)
    func activationsAreAuditedRenewedNeverReboundAndSwept(_ backend: TestBackend) async throws {
        try await withStore(backend) { (store: any TPMEnrollmentStore, core: Store) async throws in
            let now = Self.now
            let tagger = TestRowTagger()
            let first = TPMAttestationKeyRecord(
                akName: "000b01", akPublic: [1, 2, 3], ekPublic: [4, 5], ekCertificate: [0x30, 0x82], activatedAt: now
            ).tagged(by: tagger)
            #expect(try await store.activateKey(first, audit: testAudit("tpm-activate", outcome: "activated"))?.outcome == "activated")
            #expect(try await store.key(name: "000b01") == first)
            #expect(try await store.key(name: "000b02") == nil)

            let renewed = TPMAttestationKeyRecord(
                akName: "000b01", akPublic: [1, 2, 3], ekPublic: [4, 5], ekCertificate: [0x30, 0x83], activatedAt: now + 5
            ).tagged(by: tagger)
            #expect(try await store.activateKey(renewed, audit: testAudit("tpm-activate", outcome: "renewed")) != nil)
            #expect(try await store.key(name: "000b01") == renewed)

            let otherEK = TPMAttestationKeyRecord(
                akName: "000b01", akPublic: [1, 2, 3], ekPublic: [9, 9], ekCertificate: [0x30, 0x84], activatedAt: now + 9)
            #expect(try await store.activateKey(otherEK, audit: testAudit("tpm-activate", outcome: "rebound")) == nil)
            #expect(try await store.key(name: "000b01") == renewed)
            #expect(try await core.core.auditRecords(after: 0, limit: 10).map(\.outcome) == ["activated", "renewed"])

            #expect(try await store.deleteKeys(activatedBefore: now + 5) == 0)
            #expect(try await store.deleteKeys(activatedBefore: now + 6) == 1)
            #expect(try await store.key(name: "000b01") == nil)
        }
    }

    @Test(arguments: TestBackend.allCases)
    func aKEKRotationReWrapsPendingEnrollmentsAndReTagsKeys(_ backend: TestBackend) async throws {
        try await withStore(backend) { store, core in
            let old = KeyEncryptionKey.generate()
            let new = KeyEncryptionKey.generate()
            for id in ["a", "b"] {
                let record = Self.pending(id)
                let request = EnrollmentRequest(ekCertificate: record.ekCertificate, ekPublic: record.ekPublic, akPublic: record.akPublic)
                try await store.insertEnrollment(
                    Self.pending(id, sealedSecret: try old.seal([7, 7], context: TPMEnrollmentService.sealingContext(request, id: id))))
            }
            let key = TPMAttestationKeyRecord(
                akName: "000b01", akPublic: [1], ekPublic: [2], ekCertificate: [3], activatedAt: Self.now
            ).tagged(by: RowIntegrityKey(kek: old))
            _ = try await store.activateKey(key, audit: testAudit("tpm-activate"))

            await #expect(throws: KeyBrokerError.self, "a value that does not open with the old KEK changes nothing") {
                _ = try await KEKRotation.rotate(
                    store: core.core, participants: [TPMKEKRotation(store: store)], from: KeyEncryptionKey.generate(), to: new)
            }
            let counts = try await KEKRotation.rotate(store: core.core, participants: [TPMKEKRotation(store: store)], from: old, to: new)
            #expect(counts.contains(KEKRotation.Count(2, "pending TPM enrollments")))
            for record in try await store.enrollments() {
                let request = EnrollmentRequest(ekCertificate: record.ekCertificate, ekPublic: record.ekPublic, akPublic: record.akPublic)
                #expect(try new.open(record.sealedSecret, context: TPMEnrollmentService.sealingContext(request, id: record.id)) == [7, 7])
                #expect(record.kekID == new.identifier)
            }
            let retagged = try #require(try await store.key(name: "000b01"))
            #expect(RowIntegrityKey(kek: new).isAuthentic(retagged.content, tag: retagged.mac))
        }
    }
}
