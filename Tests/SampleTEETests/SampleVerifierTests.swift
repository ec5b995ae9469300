import AttestationCore
import Crypto
import Foundation
import SampleTEE
import SwiftASN1
import Testing
import X509

@Suite struct SampleVerifierTests {
    let verifier = SampleVerifier()

    @Test func genuineReportVerifiesWithItsClaims() async throws {
        let fixture = try SampleFixture()
        let verdict = try await verifier.verify(Evidence(tee: .sample, bytes: fixture.report), context: fixture.context())
        #expect(verdict.isValid, "\(verdict.failures)")
        #expect(verdict.claims["measurement"] == .hex(fixture.measurement))
        #expect(verdict.claims["report_data"] == .hex(fixture.runtimeData.reportData(for: .sha512)))
        #expect(verdict.claims["debug"] == .bool(false))
        #expect(verdict.claims["svn"] == .integer(7))
        #expect(verdict.claims["tee"] == .string("sample"))
        #expect(verdict.passedChecks.contains("report_data_binding"))
    }

    @Test func parseAndSerializeRoundTripIsByteExact() throws {
        let fixture = try SampleFixture(debug: true)
        let report = try SampleReport(parsing: fixture.report)
        #expect(report.serialized == fixture.report)
        #expect(report.debug)
    }

    /// Flipping any bit of any byte of the signed body or the signature must never yield a valid verdict.
    @Test func everySignedByteFlippedIsRejected() async throws {
        let fixture = try SampleFixture()
        for offset in 0..<(SampleReport.signedBodyLength + SampleReport.signatureLength) {
            var tampered = fixture.report
            tampered[offset] ^= 0x01
            do {
                let verdict = try await verifier.verify(
                    Evidence(tee: .sample, bytes: tampered), context: fixture.context(bind: false))
                #expect(!verdict.isValid, "byte \(offset) flipped was accepted")
                if offset >= 0x10 {
                    #expect(verdict.failures.map(\.check).contains("report_signature"), "byte \(offset)")
                }
            } catch is SampleTEEError {
                #expect(offset < 0x10, "only header bytes may make the report unparseable (byte \(offset))")
            }
        }
    }

    @Test func reportFromAnotherRootIsRejected() async throws {
        let fixture = try SampleFixture(issuer: try SampleFixture.freshIssuer())
        let verdict = try await verifier.verify(Evidence(tee: .sample, bytes: fixture.report), context: fixture.context())
        #expect(verdict.failures.map(\.check) == ["device_certificate_chain"])
    }

    @Test func pinnedRootsCanBeReplacedThroughTheContext() async throws {
        let issuer = try SampleFixture.freshIssuer()
        let fixture = try SampleFixture(issuer: issuer)
        var serializer = DER.Serializer()
        try serializer.serialize(issuer.certificate)
        let anchor = TrustAnchor(name: "test root", derBytes: serializer.serializedBytes)
        let verdict = try await verifier.verify(
            Evidence(tee: .sample, bytes: fixture.report), context: fixture.context(anchors: [anchor]))
        #expect(verdict.isValid, "\(verdict.failures)")
        let genuine = try SampleFixture()
        let rejected = try await verifier.verify(
            Evidence(tee: .sample, bytes: genuine.report), context: genuine.context(anchors: [anchor]))
        #expect(rejected.failures.map(\.check) == ["device_certificate_chain"])
    }

    @Test func wrongReportDataIsRejected() async throws {
        let fixture = try SampleFixture()
        var context = fixture.context()
        context.expectedReportData = .runtimeData(RuntimeData(json: ["nonce": "another-nonce"]))
        let verdict = try await verifier.verify(Evidence(tee: .sample, bytes: fixture.report), context: context)
        #expect(verdict.failures.map(\.check) == ["report_data_binding"])
    }

    @Test func expiredAndNotYetValidCertificatesAreRejected() async throws {
        let fixture = try SampleFixture(lifetime: 3600)
        let evidence = Evidence(tee: .sample, bytes: fixture.report)
        let late = try await verifier.verify(evidence, context: fixture.context(at: SampleFixture.issuedAt + 7200))
        #expect(late.failures.map(\.check) == ["device_certificate_validity"])
        let early = try await verifier.verify(evidence, context: fixture.context(at: SampleFixture.issuedAt - 7200))
        #expect(early.failures.map(\.check) == ["device_certificate_validity"])
        let beforeRoot = try await verifier.verify(
            evidence, context: fixture.context(at: Date(timeIntervalSince1970: 1_700_000_000)))
        #expect(beforeRoot.failures.map(\.check).contains("root_certificate_validity"))
    }

    @Test func truncationAtEveryOffsetThrowsATypedError() async throws {
        let fixture = try SampleFixture()
        for length in 0..<fixture.report.count {
            await #expect(throws: SampleTEEError.self, "length \(length)") {
                try await verifier.verify(
                    Evidence(tee: .sample, bytes: Array(fixture.report.prefix(length))), context: fixture.context())
            }
        }
    }

    @Test func oversizedAndTrailingInputThrows() async throws {
        let fixture = try SampleFixture()
        await #expect(throws: SampleTEEError.self) {
            try await verifier.verify(Evidence(tee: .sample, bytes: fixture.report + [0]), context: fixture.context())
        }
        await #expect(throws: SampleTEEError.self) {
            try await verifier.verify(
                Evidence(tee: .sample, bytes: [UInt8](repeating: 0x41, count: 1 << 20)), context: fixture.context())
        }
    }

    @Test func garbageDeviceCertificateThrows() async throws {
        let fixture = try SampleFixture()
        var report = fixture.report
        for index in 0xC2..<report.count { report[index] = 0x5A }
        await #expect(throws: SampleTEEError.self) {
            try await verifier.verify(Evidence(tee: .sample, bytes: report), context: fixture.context())
        }
    }

    @Test func reservedBitsAndFieldsAreChecked() throws {
        let fixture = try SampleFixture()
        for offset in [0x06, 0x07, 0x0C, 0x0F] {
            var report = fixture.report
            report[offset] |= offset == 0x06 ? 0x02 : 0x01
            #expect(throws: SampleTEEError.self, "offset \(offset)") { try SampleReport(parsing: report) }
        }
    }

    /// Thousands of random mutations: any outcome but a crash or an accepted forgery.
    @Test func randomMutationsNeverCrashOrPass() async throws {
        let fixture = try SampleFixture()
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            var mutated = fixture.report
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: mutated[Int.random(in: 0..<mutated.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
                case 1: mutated.removeLast(Int.random(in: 0..<min(8, mutated.count), using: &generator))
                default: mutated.append(UInt8.random(in: 0...255, using: &generator))
                }
                if mutated.isEmpty { break }
            }
            guard mutated != fixture.report else { continue }
            if let verdict = try? await verifier.verify(Evidence(tee: .sample, bytes: mutated), context: fixture.context()) {
                let changedSignedPart = mutated.count < 0xC0 || mutated[0..<0xC0] != fixture.report[0..<0xC0]
                if changedSignedPart { #expect(!verdict.isValid) }
            }
        }
    }
}
