import AssayTestSupport
import AttestationCore
import Foundation
import SEVSNP
import Testing

/// AMD KDS URLs and fetching through an injected provider, online and from the on-disk cache when AMD is down.
@Suite struct KDSCollateralTests {
    /// Serves fixed documents by URL and records what was asked.
    final class FakeKDS: CollateralProvider, @unchecked Sendable {
        let documents: [String: [UInt8]]
        private let lock = NSLock()
        private var asked: [String] = []

        init(_ documents: [String: [UInt8]]) { self.documents = documents }

        var requests: [String] { lock.withLock { asked } }

        func fetch(_ request: CollateralRequest) async throws -> CollateralResponse {
            lock.withLock { asked.append(request.url) }
            guard let body = documents[request.url] else {
                throw AttestationCoreError.collateralUnavailable(url: request.url, reason: "HTTP 404 Not Found")
            }
            return CollateralResponse(body: body)
        }
    }

    /// An AMD outage: every request fails.
    struct Unreachable: CollateralProvider {
        func fetch(_ request: CollateralRequest) async throws -> CollateralResponse {
            throw AttestationCoreError.collateralUnavailable(url: request.url, reason: "connection refused")
        }
    }

    @Test func urlsFollowTheKDSSpecification() throws {
        let kds = AMDKDS()
        let chip = (0..<64).map { UInt8($0) }
        let milan = TCBVersion(bootloader: 3, tee: 0, snp: 8, microcode: 115)
        #expect(
            kds.vcekURL(generation: .milan, chipID: chip, tcb: milan)
                == "https://kdsintf.amd.com/vcek/v1/Milan/\(Hex.encode(chip))?blSPL=03&teeSPL=00&snpSPL=08&ucodeSPL=115")
        let turin = TCBVersion(bootloader: 1, tee: 2, snp: 3, microcode: 4, fmc: 5)
        #expect(
            kds.vcekURL(generation: .turin, chipID: chip, tcb: turin)
                == "https://kdsintf.amd.com/vcek/v1/Turin/0001020304050607?fmcSPL=05&blSPL=01&teeSPL=02&snpSPL=03&ucodeSPL=04")
        #expect(kds.certificateChainURL(generation: .genoa, signer: .vcek) == "https://kdsintf.amd.com/vcek/v1/Genoa/cert_chain")
        #expect(kds.certificateChainURL(generation: .milan, signer: .vlek) == "https://kdsintf.amd.com/vlek/v1/Milan/cert_chain")
        #expect(kds.crlURL(generation: .turin, signer: .vlek) == "https://kdsintf.amd.com/vlek/v1/Turin/crl")
    }

    /// The go-sev-guest Milan vector with its VCEK and chain served as KDS would (the CRL is not available).
    static func milanDocuments() throws -> (Evidence, Date, [String: [UInt8]]) {
        let vector = try SharedVectors.vector("snp-milan-gosevguest")
        let evidence = try SharedVectorTests.evidence(vector)
        let report = try SNPEvidence(parsing: evidence).report
        let kds = AMDKDS()
        let documents = [
            kds.vcekURL(generation: .milan, chipID: report.chipID, tcb: report.reportedTCB): try #require(try vector.bytes("vcek")),
            kds.certificateChainURL(generation: .milan, signer: .vcek): try #require(try vector.bytes("ca")),
        ]
        return (evidence, try #require(vector.suggestedAsOf), documents)
    }

    @Test(.sharedVectors) func fetchesTheVCEKAndChainOnline() async throws {
        let (evidence, asOf, documents) = try Self.milanDocuments()
        let kds = FakeKDS(documents)
        let verdict = try await SEVSNPVerifier().verify(
            evidence, context: VerificationContext(asOf: asOf, collateralProvider: kds))
        #expect(verdict.isValid, "\(verdict.failures)")
        #expect(verdict.notes.contains { $0.contains("CRL could not be fetched") })
        #expect(kds.requests.count == 3)
        #expect(kds.requests.last == "https://kdsintf.amd.com/vcek/v1/Milan/crl")
    }

    @Test(.sharedVectors) func keepsVerifyingFromTheCacheWhenAMDIsUnreachable() async throws {
        let (evidence, asOf, documents) = try Self.milanDocuments()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("assay-kds-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }

        // Online once, through the cache (which fills it), then with AMD down and the entries stale.
        let online = CachedCollateralProvider(upstream: FakeKDS(documents), directory: directory)
        #expect(try await SEVSNPVerifier().verify(evidence, context: VerificationContext(asOf: asOf, collateralProvider: online)).isValid)
        let outage = CachedCollateralProvider(upstream: Unreachable(), directory: directory, maxAge: 0)
        let verdict = try await SEVSNPVerifier().verify(evidence, context: VerificationContext(asOf: asOf, collateralProvider: outage))
        #expect(verdict.isValid, "\(verdict.failures)")

        // An empty cache and AMD down: collateral is missing, which cannot be evaluated; the error names the URL tried.
        let empty = CachedCollateralProvider(
            upstream: Unreachable(), directory: directory.appendingPathComponent("empty"))
        do {
            _ = try await SEVSNPVerifier().verify(evidence, context: VerificationContext(asOf: asOf, collateralProvider: empty))
            Issue.record("verified without its VCEK")
        } catch let SEVSNPError.missingCollateral(what) {
            #expect(what.contains("kdsintf.amd.com/vcek/v1/"), "\(what)")
        }
    }

    @Test(.sharedVectors) func offlineImportServesAPurelyOfflineCache() async throws {
        let (evidence, asOf, documents) = try Self.milanDocuments()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("assay-kds-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let offline = CachedCollateralProvider(upstream: nil, directory: directory)
        for (url, body) in documents { try offline.store(CollateralResponse(body: body), for: url) }
        let verdict = try await SEVSNPVerifier().verify(evidence, context: VerificationContext(asOf: asOf, collateralProvider: offline))
        #expect(verdict.isValid, "\(verdict.failures)")
    }
}
