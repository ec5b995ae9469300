public import AttestationCore
import Crypto
import Foundation
import PKI

/// Verifies SEV-SNP evidence: the report's ECDSA P-384 signature by its VCEK or VLEK, the VCEK/VLEK → ASK/ASVK →
/// ARK chain (RSASSA-PSS) up to a pinned ARK, validity of every certificate at the context's instant, the VCEK's
/// hwID and TCB against the report, the generation, CRLs when given, and the report-data binding.
///
/// Certificates come from the context's collateral, the evidence's certificate table, or — when the context has a
/// ``CollateralProvider`` — from AMD KDS. Check names match `expected.jsonl` in the shared vectors where they exist
/// (`report_signature`, `amd_chain_signatures`, `vcek_hwid_matches_chip_id`, …). Chains already seen are cached by
/// their bytes, so a report against a known chain costs one P-384 verification.
public struct SEVSNPVerifier: EvidenceVerifier {
    public let tee = TEEKind.snp
    public let binding = ReportDataBinding.sha512

    /// Where certificates are fetched when the context has a provider.
    public let kds: AMDKDS
    let cache: VerificationCache

    public init(kds: AMDKDS = AMDKDS(), cacheCapacity: Int = 256) {
        self.kds = kds
        self.cache = VerificationCache(capacity: cacheCapacity)
    }

    /// The three certificates a report is checked against, and everything else the collateral held.
    struct Chain {
        var leaf: AMDCertificate
        var intermediate: AMDCertificate
        var root: AMDCertificate
        var collateral: SNPCollateral
        /// What could not be fetched but did not stop verification (a CRL).
        var notes: [String] = []
    }

    public func verify(_ evidence: Evidence, context: VerificationContext) async throws -> Verdict {
        let parsed = try SNPEvidence(parsing: evidence)
        let report = parsed.report
        let roots = try cache.collateral((context.trustAnchors ?? AMDRootKeys.anchors).map { ($0.name, $0.derBytes) })
            .certificates
        guard !roots.isEmpty else { throw SEVSNPError.invalidTrustAnchor("no usable root certificate") }
        let chain = try await resolve(report, parsed.certificates, roots: roots, context: context)

        var verdict = Verdict(tee: tee, claims: report.claims)
        verdict.notes += chain.notes
        if let note = report.reservedFields.note { verdict.notes.append(note) }
        let generation = report.cpuidGeneration ?? chain.leaf.generation
        checkReport(report, chain: chain, generation: generation, into: &verdict)
        let signatures = cache.signatures(leaf: chain.leaf, intermediate: chain.intermediate, root: chain.root)
        checkChain(chain, signatures, roots: roots, generation: generation, into: &verdict)
        checkValidity(chain, at: context.asOf, into: &verdict)
        checkRevocation(chain, at: context.asOf, allowsPartial: context.allowsPartialCollateral, into: &verdict)
        verdict.checkReportData(report.reportData, binding: binding, context: context)

        if let generation { verdict.claims["generation"] = .string(generation.rawValue) }
        verdict.claims["endorsement"] = signatures.endorsementClaims
        return verdict
    }

    // MARK: - Checks

    func checkReport(_ report: AttestationReport, chain: Chain, generation: ProductGeneration?, into verdict: inout Verdict) {
        let leaf = chain.leaf
        let signer = report.keyInfo.signingKey
        verdict.check(
            SEVSNPCheck.signatureAlgoIsEcdsaP384Sha384, report.signatureAlgorithm == AttestationReport.ecdsaP384SHA384,
            expected: "SIGNATURE_ALGO 1 (ECDSA P-384 with SHA-384)", observed: "SIGNATURE_ALGO \(report.signatureAlgorithm)")
        verdict.check(
            SEVSNPCheck.signingKeyMatchesCertKind, leaf.role.rawValue == signer.rawValue,
            expected: "a \(signer) certificate (report KEY_INFO.SIGNING_KEY)", observed: "\(leaf.role) certificate '\(leaf.name)'")
        var isP384 = false
        if case .p384 = leaf.publicKey { isP384 = true }
        verdict.check(
            SEVSNPCheck.vcekIsP384, isP384, expected: "an EC P-384 endorsement key",
            observed: leaf.publicKey?.name ?? "an unsupported key")
        verdict.check(
            SEVSNPCheck.reportSignature, Self.isSignatureValid(report, key: leaf.publicKey),
            expected: "ECDSA P-384/SHA-384 signature over bytes 0x000..<0x2A0 by the \(leaf.role) of '\(leaf.name)'",
            observed: "signature does not verify (report altered, or the certificate belongs to another chip or TCB)")
        if leaf.role == .vcek {
            let length = generation?.hardwareIDLength ?? 64
            let chipID = Array(report.chipID.prefix(length))
            if report.keyInfo.maskChipKey {
                verdict.notes.append("MASK_CHIP_KEY is set: CHIP_ID is zero, so the VCEK hwID cannot be compared")
            } else {
                verdict.check(
                    SEVSNPCheck.vcekHwidMatchesChipId, leaf.extensions.hardwareID == chipID,
                    expected: "VCEK hwID = CHIP_ID \(Hex.encode(chipID))",
                    observed: leaf.extensions.hardwareID.map { "hwID \(Hex.encode($0)): fetch the VCEK for this chip" }
                        ?? "no hwID extension")
            }
        }
        let layout = generation?.tcbLayout ?? report.reportedTCB.layout
        let certified = leaf.extensions.tcb(layout: layout)
        let reported = TCBVersion(raw: report.reportedTCB.raw, layout: layout)
        verdict.check(
            SEVSNPCheck.vcekTcbMatchesReportedTcb, certified == reported,
            expected: "certificate SPLs = REPORTED_TCB (\(reported))",
            observed: certified.map { "certificate for \($0): fetch the certificate for the reported TCB" }
                ?? "certificate lacks SPL extensions")
        if let reportGeneration = report.cpuidGeneration ?? leaf.generation {
            verdict.check(
                SEVSNPCheck.reportGenerationMatchesCert, leaf.generation == reportGeneration,
                expected: "certificate productName of \(reportGeneration)",
                observed: "productName '\(leaf.extensions.productName ?? "absent")'")
        } else if let cpuid = report.cpuid {
            verdict.fail(
                SEVSNPCheck.reportGenerationKnown, expected: "a CPUID of a known SEV-SNP generation (Milan, Genoa, Turin)",
                observed: cpuid.description)
        }
    }

    func checkChain(
        _ chain: Chain, _ signatures: VerificationCache.ChainSignatures, roots: [AMDCertificate],
        generation: ProductGeneration?, into verdict: inout Verdict
    ) {
        let (leaf, intermediate, root) = (chain.leaf, chain.intermediate, chain.root)
        let supplied = chain.collateral.certificates(.ark)
        let unpinned = supplied.filter { ark in !roots.contains { $0.certificate.derBytes == ark.certificate.derBytes } }
        verdict.check(
            SEVSNPCheck.amdRootPinned, unpinned.isEmpty,
            expected: "ARK certificates equal to a pinned root (\(roots.map(\.name).joined(separator: ", ")))",
            observed: unpinned.map { "'\($0.name)' sha256 \(Hex.encode(SHA256.hash(data: $0.certificate.derBytes)))" }
                .joined(separator: ", "))

        var broken: [String] = []
        if !signatures.rootSelfSigned { broken.append("'\(root.name)' is not validly self-signed") }
        if !signatures.intermediateByRoot { broken.append("'\(intermediate.name)' is not signed by '\(root.name)'") }
        if !signatures.leafByIntermediate { broken.append("'\(leaf.name)' is not signed by '\(intermediate.name)'") }
        verdict.check(
            SEVSNPCheck.amdChainSignatures, broken.isEmpty,
            expected: "RSASSA-PSS signatures \(root.name) → \(intermediate.name) → \(leaf.name)",
            observed: broken.joined(separator: "; "))

        verdict.check(
            SEVSNPCheck.arkAskProductMatches, intermediate.generation != nil && intermediate.generation == root.generation,
            expected: "'\(intermediate.name)' of the same product as '\(root.name)'",
            observed: "'\(intermediate.name)' under '\(root.name)'")
        if let generation {
            verdict.check(
                SEVSNPCheck.rootGenerationMatchesReport, root.generation == generation,
                expected: "\(generation.arkCommonName) for a \(generation) report", observed: "'\(root.name)'")
        }
        let expectedRole: AMDCertificate.Role = leaf.role == .vlek ? .asvk : .ask
        verdict.check(
            SEVSNPCheck.intermediateMatchesSigner, intermediate.role == expectedRole,
            expected: "an \(expectedRole) issuing the \(leaf.role)", observed: "\(intermediate.role) '\(intermediate.name)'")

        var constraints: [String] = []
        for ca in [root, intermediate] {
            let basic = try? ca.certificate.basicConstraints()
            let usage = try? ca.certificate.keyUsage()
            if basic?.isCA != true { constraints.append("'\(ca.name)' is not a CA (basicConstraints)") }
            if usage?.keyCertSign != true { constraints.append("'\(ca.name)' lacks keyUsage keyCertSign") }
        }
        if (try? leaf.certificate.basicConstraints())?.isCA == true {
            constraints.append("'\(leaf.name)' claims to be a CA")
        }
        verdict.check(
            SEVSNPCheck.amdCaConstraints, constraints.isEmpty,
            expected: "ARK and ASK are CAs allowed to sign certificates; the endorsement key is not a CA",
            observed: constraints.joined(separator: "; "))
    }

    func checkValidity(_ chain: Chain, at instant: Date, into verdict: inout Verdict) {
        for certificate in [chain.root, chain.intermediate, chain.leaf] {
            let x509 = certificate.certificate
            verdict.check(
                SEVSNPCheck.validity(of: certificate.role), x509.isValid(at: instant),
                expected: "'\(certificate.name)' valid at \(RFC3339.format(instant))",
                observed: "valid \(RFC3339.format(x509.notBefore)) to \(RFC3339.format(x509.notAfter))")
        }
    }

    /// Each issuer's CRL, chosen from however many were given: the newest in force at the instant, else the nearest
    /// (whose currency check then fails naming its window); with partial collateral a CRL that is not in force is
    /// skipped with a note, as a missing one would be.
    func checkRevocation(_ chain: Chain, at instant: Date, allowsPartial: Bool, into verdict: inout Verdict) {
        let crls = chain.collateral.crls
        let issuers = [(chain.root, chain.intermediate), (chain.intermediate, chain.leaf)]
        if crls.contains(where: { crl in !issuers.contains { $0.0.certificate.subjectBytes == crl.issuerBytes } }) {
            verdict.notes.append("a CRL from an issuer outside this chain was ignored")
        }
        for (issuer, subject) in issuers {
            guard
                let choice = CollateralChoice.choose(
                    crls.filter { $0.issuerBytes == issuer.certificate.subjectBytes }, at: instant,
                    window: { ($0.thisUpdate, $0.nextUpdate) }, newer: { $0.thisUpdate > $1.thisUpdate })
            else { continue }
            let crl = choice.document
            if !choice.inForce && allowsPartial {
                verdict.notes.append(
                    "the CRL of '\(issuer.name)': none of the \(choice.candidates) supplied is current at the verification instant: revocation of '\(subject.name)' not checked")
                continue
            }
            if choice.candidates > 1 {
                verdict.notes.append(
                    "the CRL of '\(issuer.name)': chose the one of thisUpdate \(RFC3339.format(crl.thisUpdate)) among \(choice.candidates)")
            }
            verdict.check(
                SEVSNPCheck.crlSignature, issuer.publicKey.map(crl.isSignatureValid(key:)) ?? false,
                expected: "CRL signed by '\(issuer.name)'", observed: "the signature does not verify")
            verdict.check(
                SEVSNPCheck.crlCurrent, crl.isCurrent(at: instant),
                expected: "CRL of '\(issuer.name)' current at \(RFC3339.format(instant))",
                observed: "thisUpdate \(RFC3339.format(crl.thisUpdate)), nextUpdate \(crl.nextUpdate.map(RFC3339.format) ?? "none")")
            verdict.check(
                SEVSNPCheck.notRevoked(subject.role), !crl.isRevoked(serialNumber: subject.certificate.serialNumber),
                expected: "'\(subject.name)' not on the CRL of '\(issuer.name)'",
                observed: "serial \(Hex.encode(subject.certificate.serialNumber)) is revoked")
        }
    }

    /// Checks the report signature: R and S are little-endian and zero-padded to 72 bytes.
    static func isSignatureValid(_ report: AttestationReport, key: VerificationKey?) -> Bool {
        guard case .p384(let key) = key else { return false }
        let width = 48
        let r = Array(report.signatureR.reversed())
        let s = Array(report.signatureS.reversed())
        let padding = AttestationReport.signatureComponentLength - width
        guard r.prefix(padding).allSatisfy({ $0 == 0 }), s.prefix(padding).allSatisfy({ $0 == 0 }),
            let signature = try? P384.Signing.ECDSASignature(rawRepresentation: r.suffix(width) + s.suffix(width))
        else { return false }
        return key.isValidSignature(signature, for: SHA384.hash(data: report.signedBytes))
    }

    // MARK: - Collateral

    /// Picks the endorsement certificate, its issuer and the root; fetches from KDS what is missing when the
    /// context has a provider, and throws when something is missing without one.
    func resolve(
        _ report: AttestationReport, _ table: CertificateTable, roots: [AMDCertificate], context: VerificationContext
    ) async throws -> Chain {
        var blobs = context.collateral.map { (source: $0.source, bytes: $0.bytes) }
        blobs += table.entries.filter { $0.kind != nil }.map { ("certificate table entry \($0.guidText)", $0.data) }
        var collateral = try cache.collateral(blobs)
        let signer = report.keyInfo.signingKey

        if collateral.certificates.allSatisfy({ $0.role != .vcek && $0.role != .vlek }) {
            guard let provider = context.collateralProvider, signer == .vcek else {
                throw SEVSNPError.missingCollateral(
                    signer == .vlek
                        ? "the VLEK certificate (cloud providers issue it; AMD KDS serves only its chain)"
                        : "the VCEK certificate for CHIP_ID \(Hex.encode(report.chipID.prefix(8)))… at REPORTED_TCB")
            }
            try collateral.merge(try await fetchVCEK(report, provider: provider))
        }
        guard let leaf = Self.pickLeaf(collateral, report: report) else {
            throw SEVSNPError.missingCollateral("the VCEK or VLEK certificate")
        }
        let generation = report.cpuidGeneration ?? leaf.generation
        let issuerRole: AMDCertificate.Role = leaf.role == .vlek ? .asvk : .ask
        let fetchSigner: SigningKey = leaf.role == .vlek ? .vlek : .vcek
        if !collateral.certificates.contains(where: { $0.role == .ask || $0.role == .asvk }) {
            guard let provider = context.collateralProvider, let generation else {
                throw SEVSNPError.missingCollateral("the \(issuerRole) certificate (the KDS cert_chain for this product)")
            }
            let item = try await kds.fetch(kds.certificateChainURL(generation: generation, signer: fetchSigner), using: provider)
            try collateral.add(item.bytes, source: item.source)
        }
        var notes: [String] = []
        if collateral.crls.isEmpty, let provider = context.collateralProvider, let generation {
            let url = kds.crlURL(generation: generation, signer: fetchSigner)
            do {
                let item = try await kds.fetch(url, using: provider)
                try collateral.add(item.bytes, source: item.source)
            } catch {
                notes.append("the AMD CRL could not be fetched (\(error)); revocation was not checked")
            }
        }
        let intermediates = collateral.certificates.filter { $0.role == .ask || $0.role == .asvk }
        let path = try self.path(from: leaf, intermediates: intermediates, roots: roots, at: context.asOf, notes: &notes)
        guard
            let intermediate = path.intermediate
                ?? intermediates.first(where: { $0.role == issuerRole && $0.generation == generation })
                ?? intermediates.first
        else { throw SEVSNPError.missingCollateral("the \(issuerRole) certificate") }
        guard
            let root = path.root ?? roots.first(where: { $0.certificate.subjectBytes == intermediate.certificate.issuerBytes })
                ?? roots.first(where: { $0.generation == generation }) ?? roots.first
        else { throw SEVSNPError.invalidTrustAnchor("no usable root certificate") }
        return Chain(leaf: leaf, intermediate: intermediate, root: root, collateral: collateral, notes: notes)
    }

    /// The intermediate and root that PKI's bounded path builder finds above `leaf` (the ones that verify and are
    /// valid at `instant` first). When there is no such path, the intermediate whose name matches the leaf's issuer
    /// and the root reached above it, if any: the caller then falls back to the certificates of the signer's kind
    /// and generation, so that the checks name what was given. Throws only when the task is cancelled.
    func path(
        from leaf: AMDCertificate, intermediates: [AMDCertificate], roots: [AMDCertificate], at instant: Date,
        notes: inout [String]
    ) throws -> (intermediate: AMDCertificate?, root: AMDCertificate?) {
        let builder = CertificatePathBuilder(
            anchors: roots.map(\.certificate), candidates: intermediates.map(\.certificate),
            limits: CertificatePathLimits(maxDepth: 3), signatureCache: cache.certificateSignatures)
        let result = builder.build(from: leaf.certificate, at: instant)
        switch result.outcome {
        case .found, .notFound: break
        case .cancelled: throw CancellationError()
        case .limitReached(let bound):
            notes.append("the AMD certificate path search stopped at its bound on \(bound) (\(builder.limits.value(of: bound)))")
        case .deadlineExceeded: notes.append("the AMD certificate path search passed its deadline")
        }
        func find(_ certificate: X509Certificate, in list: [AMDCertificate]) -> AMDCertificate? {
            list.first { $0.certificate.derBytes == certificate.derBytes }
        }
        let intermediate = result.path.dropFirst().first.flatMap { find($0, in: intermediates) }
        let root = intermediate == nil || !result.isAnchored || result.path.count != 3 ? nil : result.path.last.flatMap { find($0, in: roots) }
        return (intermediate, root)
    }

    /// The endorsement certificate that best fits the report: the signer's kind, then hwID, then TCB.
    static func pickLeaf(_ collateral: SNPCollateral, report: AttestationReport) -> AMDCertificate? {
        let candidates = collateral.certificates.filter { $0.role == .vcek || $0.role == .vlek }
        func score(_ leaf: AMDCertificate) -> Int {
            let layout = (report.cpuidGeneration ?? leaf.generation)?.tcbLayout ?? .preTurin
            var score = leaf.role.rawValue == report.keyInfo.signingKey.rawValue ? 4 : 0
            if let hwid = leaf.extensions.hardwareID, report.chipID.starts(with: hwid) { score += 2 }
            if leaf.extensions.tcb(layout: layout)?.raw == report.reportedTCB.raw { score += 1 }
            return score
        }
        return candidates.max { score($0) < score($1) }
    }

    /// Fetches the VCEK for the report's chip and TCB; a version 2 report does not name its product, so Milan and
    /// then Genoa are tried.
    func fetchVCEK(_ report: AttestationReport, provider: any CollateralProvider) async throws -> SNPCollateral {
        let generations = report.cpuidGeneration.map { [$0] } ?? [.milan, .genoa]
        var failures: [String] = []
        for generation in generations {
            let url = kds.vcekURL(
                generation: generation, chipID: report.chipID,
                tcb: TCBVersion(raw: report.reportedTCB.raw, layout: generation.tcbLayout))
            do {
                let item = try await kds.fetch(url, using: provider)
                var collateral = SNPCollateral()
                try collateral.add(item.bytes, source: item.source)
                return collateral
            } catch let AttestationCoreError.collateralUnavailable(_, reason) {
                failures.append("\(generation): \(url) (\(reason))")
            } catch {
                failures.append("\(generation): \(url) (\(error))")
            }
        }
        throw SEVSNPError.missingCollateral(
            "the VCEK certificate; tried \(failures.joined(separator: "; "))"
                + (generations.count > 1 ? " (a version 2 report does not name its product, so each was tried)" : ""))
    }
}
