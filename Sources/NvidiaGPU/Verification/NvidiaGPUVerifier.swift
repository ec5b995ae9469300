public import AttestationCore
import Crypto
import Foundation
import PKI

/// Verifies NVIDIA GPU and NVSwitch evidence: one SPDM GET_MEASUREMENTS request ‖ MEASUREMENTS response with the
/// device's certificate chain as collateral, or nvtrust's evidence list of several devices (valid only if every
/// device is; claims per device under `devices`).
///
/// For each device: the exchange is a signed GET_MEASUREMENTS; the ECDSA P-384/SHA-384 signature (raw r‖s) over
/// request ‖ response-up-to-the-signature verifies with the leaf's key; the chain links the leaf to the pinned NVIDIA
/// Device Identity CA (bounded search, validity at the instant, CA constraints); the leaf's DICE FWID equals the
/// report's; the measurement record is consistent; and the request nonce is SHA-256 of the runtime data
/// (ARCHITECTURE.md §1). Certificates, keys, FWIDs and certificate signatures are cached by their bytes, so a report
/// from a known device costs one P-384 verification. Revocation (NVIDIA's OCSP) is not checked: the verdict says so.
public struct NvidiaGPUVerifier: EvidenceVerifier {
    public let tee = TEEKind.nvidia
    public let binding = ReportDataBinding.sha256

    let cache: NvidiaVerificationCache
    /// The OCSP responder asked about device certificates when the context has a collateral provider.
    public let ocspURL: String

    /// NVIDIA's OCSP responder for device and RIM certificates.
    public static let defaultOCSPURL = "https://ocsp.ndis.nvidia.com/"

    /// A verifier that remembers up to `cacheCapacity` certificates (and four times as many signatures), asking
    /// `ocspURL` about revocation when the context can fetch collateral.
    public init(cacheCapacity: Int = 256, ocspURL: String = defaultOCSPURL) {
        cache = NvidiaVerificationCache(capacity: cacheCapacity)
        self.ocspURL = ocspURL
    }

    /// The note a verdict carries when device revocation was not checked (no collateral provider: offline
    /// verification without --fetch-collateral or a collateral cache).
    public static let revocationNote =
        "revocation of the device certificates was not checked (NVIDIA's OCSP responder is asked with --fetch-collateral)"

    public func verify(_ evidence: Evidence, context: VerificationContext) async throws -> Verdict {
        var verdict = Verdict(tee: tee)
        if EvidenceList.isEvidenceList(evidence.bytes) {
            let devices = try EvidenceList.parse(evidence.bytes)
            var claims: [JSONValue] = []
            for (position, device) in devices.enumerated() {
                let part = try await verify(device, position: position, context: context)
                claims.append(.object(part.claims))
                verdict.append(part.prefixingChecks(NvidiaGPUVerifier.checkPrefix(position)))
            }
            verdict.claims = [
                "tee": .string(tee.rawValue), "devices": .array(claims), "device_count": .integer(Int64(devices.count)),
                "report_data": claims.first?["report_data"] ?? .null,
            ]
        } else {
            let chain = try Self.chain(from: context.collateral)
            verdict.append(try await verify(DeviceEvidence(report: evidence.bytes, chain: chain), position: nil, context: context))
        }
        if context.collateralProvider == nil { verdict.notes.append(Self.revocationNote) }
        return verdict
    }

    /// The prefix of a listed device's check names: `devices[3].`.
    public static func checkPrefix(_ position: Int) -> String { "devices[\(position)]." }

    /// The device chain given as collateral: every certificate of every item (PEM, or one DER certificate each), in
    /// order, leaf first.
    static func chain(from collateral: [CollateralItem]) throws -> [[UInt8]] {
        var chain: [[UInt8]] = []
        for item in collateral {
            chain += PEM.isPEM(item.bytes) ? try DeviceEvidence.chain(pem: item.bytes, what: item.source) : [item.bytes]
        }
        guard !chain.isEmpty else { throw NvidiaGPUError.missingCertificateChain }
        guard chain.count <= DeviceEvidence.maxChainCertificates else {
            throw NvidiaGPUError.core(
                .boundExceeded(field: "device chain certificates", value: chain.count, limit: DeviceEvidence.maxChainCertificates))
        }
        return chain
    }

    /// Verifies one device; `position` is its place in an evidence list (nil for a single report).
    func verify(_ device: DeviceEvidence, position: Int?, context: VerificationContext) async throws -> Verdict {
        let report: DeviceReport
        let chain: [X509Certificate]
        do {
            report = try DeviceReport(bytes: device.report)
            chain = try device.chain.map(cache.certificate)
        } catch let error as NvidiaGPUError {
            guard let position else { throw error }
            throw NvidiaGPUError.malformedEvidenceList("entry \(position): \(error)")
        }
        var verdict = Verdict(tee: tee, claims: claims(report, device: device, chain: chain))
        let response = report.response
        verdict.check(
            NvidiaCheck.requestIsGetMeasurements, report.isMeasurementExchange,
            expected: "a signed GET_MEASUREMENTS request (0xE0, Param1 bit 0) answered by MEASUREMENTS (0x60) in the same SPDM version",
            observed: "request code 0x\(Hex.encode([report.request.code])) Param1 0x\(Hex.encode([report.request.attributes])) "
                + "version 0x\(Hex.encode([report.request.version])), response code 0x\(Hex.encode([response.code])) "
                + "version 0x\(Hex.encode([response.version]))")
        verdict.check(
            NvidiaCheck.measurementCountMatches, response.isRecordConsistent,
            expected: "\(response.declaredBlockCount) DMTF measurement blocks with consistent sizes and distinct indices",
            observed: "\(response.blocks.count) blocks, \(response.blocks.filter { !$0.isWellFormed }.count) malformed, "
                + "\(Set(response.blocks.map(\.index)).count) distinct indices")
        verdict.check(
            NvidiaCheck.chainHasLeafAndRoot, chain.count >= 2,
            expected: "a device chain of at least a leaf and the root", observed: "\(chain.count) certificate(s)")
        guard let leaf = chain.first else { return verdict }
        verdict.check(
            NvidiaCheck.reportSignature, Self.isSignatureValid(report, key: cache.key(of: leaf)),
            expected: "ECDSA P-384/SHA-384 signature (96 bytes r‖s) by '\(leaf.subjectCommonName ?? "the leaf")' over request ‖ response",
            observed: "the signature does not verify (report altered, or signed by another device)")
        if let path = checkChain(chain, context: context, into: &verdict), let provider = context.collateralProvider {
            try await checkRevocation(path, provider: provider, context: context, into: &verdict)
        }
        if let fwid = response.opaqueData.fwid {
            let leafFWIDs = cache.fwids(of: leaf)
            verdict.check(
                NvidiaCheck.leafFWIDMatchesOpaqueFWID, leafFWIDs.contains(fwid),
                expected: "the leaf's DICE TcbInfo FWID = the report's FWID \(Hex.encode(fwid))",
                observed: leafFWIDs.isEmpty ? "the leaf has no TcbInfo FWID" : "leaf FWID \(leafFWIDs.map { Hex.encode($0) }.joined(separator: ", "))")
        }
        if let declared = device.declaredNonce {
            verdict.check(
                NvidiaCheck.declaredNonceMatchesRequest, declared == Hex.encode(report.request.nonce),
                expected: "the list's nonce = the request's nonce \(Hex.encode(report.request.nonce))", observed: declared)
        }
        if response.trailingBytes > 0 {
            verdict.notes.append(
                "\(position.map { "device \($0): " } ?? "")\(response.trailingBytes) byte(s) after the signature (not signed, ignored)")
        }
        verdict.checkReportData(report.request.nonce, binding: binding, context: context)
        return verdict
    }

    /// The chain checks: pinned root, signatures along a bounded path, validity, CA constraints; returns the path
    /// found (leaf to anchor), if any.
    @discardableResult
    func checkChain(_ chain: [X509Certificate], context: VerificationContext, into verdict: inout Verdict) -> [X509Certificate]? {
        guard let leaf = chain.first, let root = chain.last else { return nil }
        let rootDigest = Hex.encode(SHA256.hash(data: root.derBytes))
        let anchors: [X509Certificate]
        if let configured = context.trustAnchors {
            anchors = configured.compactMap { try? cache.certificate($0.derBytes) }
        } else {
            anchors = rootDigest == NvidiaDeviceIdentityCA.sha256 ? [root] : []
        }
        verdict.check(
            NvidiaCheck.chainRootEqualsPinnedRoot, rootDigest == NvidiaDeviceIdentityCA.sha256,
            expected: "the chain's last certificate = the NVIDIA Device Identity CA (sha256 \(NvidiaDeviceIdentityCA.sha256))",
            observed: "'\(root.subjectCommonName ?? "?")' sha256 \(rootDigest)")
        verdict.check(
            NvidiaCheck.deviceRootPinned, anchors.contains { $0.derBytes == root.derBytes },
            expected: "the chain's root is a trusted anchor (by default the pinned NVIDIA Device Identity CA)",
            observed: "'\(root.subjectCommonName ?? "?")' is not")
        let result = CertificatePathBuilder(
            anchors: anchors, candidates: Array(chain.dropFirst().dropLast()), signatureCache: cache.signatures
        ).build(from: leaf, at: context.asOf)
        verdict.check(
            NvidiaCheck.deviceChainSignatures, result.isFound && result.isAnchored && result.unverifiedLinks.isEmpty,
            expected: "every certificate signed by the next, up to the root",
            observed: "the chain does not link the leaf to the root (\(result.outcome))")
        let path = result.isFound ? result.path : chain
        let invalid = path.filter { !$0.isValid(at: context.asOf) }
        verdict.check(
            NvidiaCheck.deviceChainValidity, invalid.isEmpty,
            expected: "every certificate valid at \(RFC3339.format(context.asOf))",
            observed: invalid.map {
                "'\($0.subjectCommonName ?? "?")' valid \(RFC3339.format($0.notBefore)) to \(RFC3339.format($0.notAfter))"
            }.joined(separator: "; "))
        let notBefore = chain.map(\.notBefore).max() ?? .distantPast
        let notAfter = chain.map(\.notAfter).min() ?? .distantFuture
        verdict.check(
            NvidiaCheck.validityWindowNonempty, notBefore <= notAfter,
            expected: "the chain's validity windows overlap",
            observed: "latest start \(RFC3339.format(notBefore)) after earliest end \(RFC3339.format(notAfter))")
        let policy = RFC5280PathPolicy()
        let problems = path.enumerated().dropFirst().flatMap { index, certificate in
            policy.problems(with: certificate, at: index, instant: context.asOf).filter { !$0.contains("is not valid at") }
        }
        verdict.check(
            NvidiaCheck.deviceCAConstraints, problems.isEmpty,
            expected: "the chain's issuers are CAs that may sign certificates", observed: problems.joined(separator: "; "))
        return result.isFound ? result.path : nil
    }

    /// Whether the raw r‖s signature verifies over the signed bytes with the leaf's P-384 key.
    static func isSignatureValid(_ report: DeviceReport, key: VerificationKey?) -> Bool {
        guard case .p384(let key) = key,
            let signature = try? P384.Signing.ECDSASignature(rawRepresentation: report.response.signature)
        else { return false }
        return key.isValidSignature(signature, for: report.signedBytes)
    }
}
