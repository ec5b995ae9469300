import AssayTestSupport
import AttestationCore
import Foundation
import NvidiaGPU
import Testing

/// The real NVIDIA GPU and NVSwitch reports of `../shared/vectors` (platform `nvidia`): genuine ones verify as of their
/// `suggested_as_of` with the fields `expected.jsonl` lists, tampered and bad-chain ones fail the checks it names.
@Suite(.sharedVectors)
struct NvidiaVectorTests {
    /// The checks of `expected.jsonl` this verifier emits.
    static let sharedChecks: Set<String> = [
        "spdm_request_is_get_measurements", "measurement_count_matches", "chain_has_leaf_and_root", "report_signature",
        "chain_root_equals_pinned_root", "device_root_pinned", "device_chain_signatures", "validity_window_nonempty",
        "leaf_cert_fwid_matches_opaque_fwid",
    ]
    /// Claims compared with `expected.jsonl`'s fields as they are.
    static let comparedFields = [
        "cert_chain", "measurements", "number_of_blocks", "request_nonce", "response_nonce", "slot_id", "spdm_version",
        "trailing_bytes_after_signature", "arch", "declared_nonce", "declared_driver_version", "declared_vbios_version",
    ]

    static func reports() throws -> [SharedVectors.Vector] {
        try SharedVectors.platform("nvidia").filter { $0.file("report") != nil }
    }

    static func listed() throws -> [SharedVectors.Vector] {
        try SharedVectors.platform("nvidia").filter { $0.file("evidence_list") != nil }
    }

    static func asOf(_ vector: SharedVectors.Vector) throws -> Date {
        if let date = vector.suggestedAsOf { return date }
        if let origin = vector.tamperedFrom { return try #require(try SharedVectors.vector(origin).suggestedAsOf) }
        return Date()
    }

    static func verify(_ vector: SharedVectors.Vector, expected: ExpectedReportData? = nil) async throws -> Verdict {
        let report = EvidenceEncoding.decode(try #require(try vector.bytes("report"))).bytes
        let chain = CollateralItem(source: "chain", bytes: try #require(try vector.bytes("cert_chain")))
        return try await NvidiaGPUVerifier().verify(
            Evidence(tee: .nvidia, bytes: report),
            context: VerificationContext(asOf: try asOf(vector), collateral: [chain], expectedReportData: expected))
    }

    /// Compares a verdict's checks and one device's claims with a vector's expectation.
    static func compare(_ verdict: Verdict, device claims: Claims, prefix: String, with vector: SharedVectors.Vector) {
        let failed = Set(verdict.failures.map(\.check))
        for (name, value) in vector.checks.objectValue ?? [:] where sharedChecks.contains(name) {
            #expect(failed.contains(prefix + name) == (value == false), "\(vector.id): \(name) \(verdict.failures)")
        }
        let fields = vector.fields
        for name in comparedFields where fields[name] != nil {
            #expect(claims[name] == fields[name], "\(vector.id): \(name)")
        }
        guard let opaque = fields["opaque"]?.objectValue else { return }
        let observed = claims["opaque"]?.objectValue ?? [:]
        for (name, value) in opaque {
            // nvtrust renders an NVSwitch's textual VBIOS version as if it were a GPU's binary one; Assay keeps the text.
            if name == "vbios_version", claims["device_type"] == .string("nvswitch") {
                #expect(observed[name]?.stringValue?.contains(".") == true, "\(vector.id)")
                continue
            }
            #expect(observed[name] == value, "\(vector.id): opaque \(name)")
        }
    }

    @Test func everySingleReportMeetsItsExpectation() async throws {
        let vectors = try Self.reports()
        try #require(vectors.count == 9, "2 genuine, 3 bad-chain and 4 tampered single reports in expected.jsonl")
        for vector in vectors {
            let verdict = try await Self.verify(vector)
            #expect(verdict.isValid == vector.expectedValid, "\(vector.id): \(verdict.failures)")
            Self.compare(verdict, device: verdict.claims, prefix: "", with: vector)
            #expect(verdict.notes.contains(NvidiaGPUVerifier.revocationNote))
        }
    }

    @Test func everyDeviceOfTheEvidenceListsMeetsItsExpectation() async throws {
        let vectors = try Self.listed()
        try #require(vectors.count == 12, "8 GPUs and 4 NVSwitches in expected.jsonl")
        for vector in vectors {
            let list = try #require(try vector.bytes("evidence_list"))
            let position = try #require(Int(vector.id.reversed().prefix { $0.isNumber }.reversed().map(String.init).joined()))
            let verdict = try await NvidiaGPUVerifier().verify(
                Evidence(tee: .nvidia, bytes: list), context: VerificationContext(asOf: try Self.asOf(vector)))
            #expect(verdict.isValid == vector.expectedValid, "\(vector.id): \(verdict.failures)")
            let devices = try #require(verdict.claims["devices"]?.arrayValue)
            let claims = try #require(devices[position].objectValue)
            Self.compare(verdict, device: claims, prefix: "devices[\(position)].", with: vector)
            #expect(claims["device_type"] == .string(vector.id.contains("nvswitch") ? "nvswitch" : "gpu"))
        }
    }

    /// The request nonce is the binding: SHA-256 of the runtime data, or exactly the expected report data.
    @Test func theRequestNonceBindsTheReport() async throws {
        let vector = try SharedVectors.vector("nvidia-hopper-nvtrust-sample")
        let nonce = try Hex.decode(try #require(vector.fields["request_nonce"]?.stringValue))
        #expect(try await Self.verify(vector, expected: .exact(nonce)).isValid)
        let other = try await Self.verify(vector, expected: .runtimeData(RuntimeData(json: ["nonce": .string("other")])))
        #expect(other.failures.map(\.check) == ["report_data_binding"])
    }

    /// A report verified after a genuine one from the same chain is judged afresh: the caches hold certificates,
    /// keys and certificate signatures, never a report's verdict.
    @Test func theCacheNeverCarriesAVerdictOver() async throws {
        let genuine = try SharedVectors.vector("nvidia-hopper-nvtrust-sample")
        let tampered = try SharedVectors.vector("nvidia-hopper-nvtrust-sample__measurement")
        let verifier = NvidiaGPUVerifier()
        let chain = CollateralItem(source: "chain", bytes: try #require(try genuine.bytes("cert_chain")))
        let context = VerificationContext(asOf: try Self.asOf(genuine), collateral: [chain])
        for _ in 0..<3 {
            let good = EvidenceEncoding.decode(try #require(try genuine.bytes("report"))).bytes
            #expect(try await verifier.verify(Evidence(tee: .nvidia, bytes: good), context: context).isValid)
            let bad = EvidenceEncoding.decode(try #require(try tampered.bytes("report"))).bytes
            let verdict = try await verifier.verify(Evidence(tee: .nvidia, bytes: bad), context: context)
            #expect(verdict.failures.map(\.check) == ["report_signature"])
        }
    }

    /// A configured anchor replaces the pinned root: NVIDIA's chain then no longer reaches a trusted root.
    @Test func anotherAnchorIsNotTheDeviceRoot() async throws {
        let vector = try SharedVectors.vector("nvidia-hopper-nvtrust-sample")
        let report = EvidenceEncoding.decode(try #require(try vector.bytes("report"))).bytes
        let chainBytes = try #require(try vector.bytes("cert_chain"))
        let intermediate = try PEM.certificates(in: chainBytes)[2]
        let verdict = try await NvidiaGPUVerifier().verify(
            Evidence(tee: .nvidia, bytes: report),
            context: VerificationContext(
                asOf: try Self.asOf(vector), trustAnchors: [TrustAnchor(name: "not NVIDIA's root", derBytes: intermediate)],
                collateral: [CollateralItem(source: "chain", bytes: chainBytes)]))
        #expect(Set(verdict.failures.map(\.check)).isSuperset(of: ["device_root_pinned"]))
    }

    /// Outside the chain's validity (before the devices' certificates were issued) the chain check fails by name.
    @Test func aReportIsJudgedAsOfTheInstant() async throws {
        let vector = try SharedVectors.vector("nvidia-hopper-nvtrust-sample")
        let report = EvidenceEncoding.decode(try #require(try vector.bytes("report"))).bytes
        let chain = CollateralItem(source: "chain", bytes: try #require(try vector.bytes("cert_chain")))
        let verdict = try await NvidiaGPUVerifier().verify(
            Evidence(tee: .nvidia, bytes: report),
            context: VerificationContext(asOf: Date(timeIntervalSince1970: 1_500_000_000), collateral: [chain]))
        #expect(verdict.failures.map(\.check).contains("device_chain_validity"), "\(verdict.failures)")
    }
}
