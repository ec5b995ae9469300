import AssayTestSupport
import AttestationCore
import DCAP
import Foundation
import Testing

/// Intel's signed JSON: the exact bytes of the inner object, and Intel's compact form of a pretty-printed copy.
@Suite struct SignedDocumentTests {
    @Test func compactingAPrettyPrintedDocumentRestoresIntelsBytesAndKeepsWhitespaceInStrings() throws {
        var info = FakeTCBInfo(levels: [.init(sgx: Scenario.sgxComponents, pce: 11, status: "UpToDate", advisories: ["INTEL-SA \\\" , x"])])
        info.id = "TDX"
        let compact = info.json
        let pretty = compact.replacingOccurrences(of: ",\"", with: ",\n    \"").replacingOccurrences(of: ":{", with: ": {")
        #expect(pretty != compact)
        let envelope = "{\"tcbInfo\":  \(pretty) ,\"signature\":\"\(String(repeating: "ab", count: 64))\"}"
        let collateral = try DCAPCollateral(items: [CollateralItem(source: "pretty.json", bytes: Array(envelope.utf8))])
        let document = try #require(collateral.tcbInfos.first?.document)
        #expect(document.signedBytes == Array(pretty.utf8))
        #expect(document.compactBytes == Array(compact.utf8))
        #expect(document.candidateSignedForms == [Array(pretty.utf8), Array(compact.utf8)])
        #expect(collateral.tcbInfos.first?.tcbLevels.first?.advisoryIDs == ["INTEL-SA \" , x"])
    }

    @Test(arguments: [#"{"tcbInfo":{"a":1},"tcbInfo":{}}"#, #"{"tcbInfo":{"a":1"#, #"{"tcbInfo":[1],"signature":"00"}"#, #"{} x"#])
    func malformedEnvelopesNameTheirSource(text: String) {
        #expect(throws: DCAPError.self) { try DCAPCollateral(items: [CollateralItem(source: "bad.json", bytes: Array(text.utf8))]) }
    }
}

/// A collateral provider that serves canned PCS responses and records what was asked.
final class FakePCS: CollateralProvider, @unchecked Sendable {
    var responses: [String: CollateralResponse]
    var requested: [String] = []
    init(_ responses: [String: CollateralResponse]) { self.responses = responses }
    func fetch(_ request: CollateralRequest) async throws -> CollateralResponse {
        requested.append(request.url)
        guard let response = responses[request.url] else {
            throw AttestationCoreError.collateralUnavailable(url: request.url, reason: "HTTP 404")
        }
        return response
    }
}

@Suite struct CollateralSourceTests {
    /// PCS responses for the scenario's documents: bodies, and issuer chains URL-encoded in headers.
    static func responses(_ scenario: Scenario, pcs: IntelPCS) throws -> [String: CollateralResponse] {
        let chain = String(decoding: try scenario.pki.signingChainPEM(), as: UTF8.self)
            .addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let tee = scenario.tee
        return [
            pcs.request(for: .tcbInfo(fmspc: scenario.pki.fmspc, tee: tee)).url: CollateralResponse(
                body: try scenario.pki.envelope("tcbInfo", scenario.tcbInfo.json), headers: ["tcb-info-issuer-chain": chain]),
            pcs.request(for: .qeIdentity(tee: tee)).url: CollateralResponse(
                body: try scenario.pki.envelope("enclaveIdentity", try #require(scenario.qeIdentity?.json)),
                headers: ["sgx-enclave-identity-issuer-chain": chain]),
            pcs.request(for: .pckCRL(ca: "platform")).url: CollateralResponse(body: try scenario.pki.pckCRL()),
            pcs.request(for: .rootCACRL).url: CollateralResponse(body: Array(Hex.encode(try scenario.pki.rootCRL()).utf8)),
        ]
    }

    @Test func pcsURLsFollowTheV4API() {
        let fmspc: [UInt8] = [0x00, 0x80, 0x6f, 0x05, 0, 0]
        #expect(IntelPCS.intel.request(for: .tcbInfo(fmspc: fmspc, tee: .tdx)).url == "https://api.trustedservices.intel.com/tdx/certification/v4/tcb?fmspc=00806f050000")
        #expect(IntelPCS.intel.request(for: .qeIdentity(tee: .sgx)).url == "https://api.trustedservices.intel.com/sgx/certification/v4/qe/identity")
        #expect(IntelPCS.pccs("https://pccs:8081/").request(for: .pckCRL(ca: "processor")).url == "https://pccs:8081/sgx/certification/v4/pckcrl?ca=processor&encoding=der")
        #expect(IntelPCS.pccs("https://pccs:8081").request(for: .rootCACRL).url == "https://pccs:8081/sgx/certification/v4/rootcacrl")
    }

    @Test func missingCollateralIsFetchedFromThePCCSThroughTheProvider() async throws {
        let scenario = try Scenario()
        let pcs = IntelPCS.pccs("https://pccs.test")
        let provider = FakePCS(try Self.responses(scenario, pcs: pcs))
        let context = VerificationContext(asOf: scenario.asOf, trustAnchors: [scenario.pki.anchor], collateralProvider: provider)
        let verdict = try await DCAPVerifier(tee: .tdx, pcs: pcs).verify(
            Evidence(tee: .tdx, bytes: try scenario.quote.bytes(pki: scenario.pki)), context: context)
        #expect(verdict.failures.isEmpty, "\(verdict.failures)")
        #expect(verdict.claims["tcb_status"] == "UpToDate")
        #expect(provider.requested.count == 4)
    }

    @Test func anOfflineCacheServesImportedCollateral() async throws {
        let scenario = try Scenario()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dcap-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let cache = CachedCollateralProvider(upstream: nil, directory: directory, clock: FixedTimeSource(scenario.asOf))
        for (url, response) in try Self.responses(scenario, pcs: .intel) { try cache.store(response, for: url) }
        let context = VerificationContext(asOf: scenario.asOf, trustAnchors: [scenario.pki.anchor], collateralProvider: cache)
        let verdict = try await DCAPVerifier(tee: .tdx).verify(
            Evidence(tee: .tdx, bytes: try scenario.quote.bytes(pki: scenario.pki)), context: context)
        #expect(verdict.failures.isEmpty, "\(verdict.failures)")
    }

    @Test func anUnreachableProviderLeavesCollateralMissing() async throws {
        let scenario = try Scenario()
        let context = VerificationContext(asOf: scenario.asOf, trustAnchors: [scenario.pki.anchor], collateralProvider: FakePCS([:]))
        await #expect(throws: DCAPError.self) {
            try await DCAPVerifier(tee: .tdx).verify(Evidence(tee: .tdx, bytes: try scenario.quote.bytes(pki: scenario.pki)), context: context)
        }
    }

    @Test(.sharedVectors) func bundlesAndLooseFilesAreRecognisedByContent() throws {
        try SharedVectors.require()
        let directory = SharedVectors.root.appendingPathComponent("tdx/collateral")
        let items = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted().map {
            CollateralItem(source: $0, bytes: Array(try Data(contentsOf: directory.appendingPathComponent($0))))
        }
        let collateral = try DCAPCollateral(items: items)
        #expect(collateral.tcbInfos.count == 5)
        #expect(collateral.enclaveIdentities.count == 4)
        #expect(collateral.crls.count == 6)
        #expect(collateral.ignored.isEmpty)
        let pretty = try #require(collateral.tcbInfos.first { $0.document.source.contains("dcapqvl_tdx_quote_collateral") })
        #expect(pretty.document.compactBytes == nil)  // bundle strings hold Intel's compact text
    }

    @Test func malformedCollateralNamesItsSource() {
        let item = CollateralItem(source: "broken.json", bytes: Array(#"{"tcbInfo":{"id":"TDX"},"signature":"00"}"#.utf8))
        #expect(throws: DCAPError.malformedCollateral(source: "broken.json", reason: "the signature must be 64 bytes of hex (raw r‖s)")) {
            try DCAPCollateral(items: [item])
        }
    }
}
