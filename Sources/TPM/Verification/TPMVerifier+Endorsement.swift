import AttestationCore
import Foundation
import X509

extension TPMVerifier {
    /// Establishes why the AK is trusted and returns the `ak_endorsement` claim: `ak_certificate` (an AK
    /// certificate chains to a trusted AK root, is meant for an AK and certifies this key), `credential_activation`
    /// (the registry holds an activation of this AK against an EK whose certificate still chains to a trusted EK
    /// root), or `none`.
    ///
    /// A verifier with a registry requires that activation for AKs without a certificate (check `ak_activated`),
    /// also against the EK certificate the evidence presents; without a registry (offline) the AK is verified as
    /// given. An EK certificate in the evidence is always checked against the trusted roots.
    func checkEndorsement(
        _ evidence: TPMEvidence, ak: PreparedAttestationKey, context: VerificationContext, _ verdict: inout Verdict
    ) async throws -> String {
        let akName = ak.name
        let activated = try await akName.asyncFlatMap { try await registry?.activatedKey(named: $0) }
        let store =
            evidence.ekCertificate != nil || (activated != nil && evidence.akCertificate == nil)
            ? try trustStore(roots, evidence: evidence, context: context, for: "EK", &verdict) : nil
        if let der = evidence.ekCertificate, let store {
            try await store.check(der, role: "ek", at: context.asOf, &verdict)
        }
        if let der = evidence.akCertificate {
            let akStore = try trustStore(akRoots, evidence: evidence, context: context, for: "AK", &verdict)
            let (certificate, root) = try akStore.checkChain(der, role: "ak", at: context.asOf, &verdict)
            let certified = try certificate.subjectPublicKeyInfoBytes()
            verdict.check(
                TPMCheck.akCertificateMatchesAk, ak.subjectPublicKeyInfo == certified,
                expected: "the AK certificate's public key", observed: "a different AK (\(ak.description))")
            // Which usages mark an AK certificate depends on the CA that issued it, known once its chain is.
            if let root {
                let accepting = TPMTrustStore.pin(of: root)?.marksAKCertificatesAsEK ?? false
                let problems = certificate.attestationKeyPurposeProblems(acceptingEKUsage: accepting)
                verdict.check(
                    TPMCheck.akCertificatePurpose, problems.isEmpty,
                    expected: "an end-entity certificate for a signing key (tcg-kp-AIKCertificate if it names usages)",
                    observed: problems.joined(separator: "; "))
            }
            return "ak_certificate"
        }
        if let activated, let store {
            let sameEK = evidence.ekCertificate.map { $0 == activated.ekCertificate } ?? true
            verdict.check(
                TPMCheck.akActivated, evidence.attestationKey.tpmPublic == activated.akPublic && sameEK,
                expected: "the AK activated at \(RFC3339.format(activated.activatedAt)) against the EK certificate on record",
                observed: sameEK ? "a public area with the same name but different bytes" : "an EK certificate other than the one the AK was activated against")
            if evidence.ekCertificate == nil {
                try await store.check(activated.ekCertificate, role: "ek", at: context.asOf, &verdict)
            }
            verdict.claims["activated_at"] = .string(RFC3339.format(activated.activatedAt))
            return "credential_activation"
        }
        if registry != nil {
            verdict.fail(
                TPMCheck.akActivated, expected: "an AK enrolled by credential activation against a certified EK",
                observed: akName.map { "AK \(Hex.encode($0)) is not activated (never enrolled, or its activation expired): enroll it again" }
                    ?? "an AK without a TPM public area (no name)")
        } else {
            verdict.notes.append(
                "the AK is trusted as given: no AK certificate and no credential activation binds it to a TPM (enroll it with AttestationKeyEnrollment)")
        }
        return "none"
    }
}

extension TPMVerifier {
    /// The roots and intermediates for EK or AK certificates (`kind`): `configured` applied to `context` unless it
    /// names trust anchors of its own, with the evidence's intermediates; throws when no root is available.
    func trustStore(
        _ configured: TPMEndorsementRoots?, evidence: TPMEvidence, context: VerificationContext, for kind: String,
        _ verdict: inout Verdict
    ) throws -> TPMTrustStore {
        let store = try cache.stores.value(
            for: .init(kind: kind, context: context, intermediates: evidence.intermediateCertificates)
        ) {
            try TPMTrustStore(
                context: configured?.applied(to: context) ?? context, extraIntermediates: evidence.intermediateCertificates,
                cache: cache.certificates)
        }
        let notes = [
            store.ignoredCollateral.isEmpty
                ? nil : "collateral that is not a certificate was ignored: \(store.ignoredCollateral.joined(separator: ", "))",
            store.ignoredIntermediates == 0
                ? nil : "\(store.ignoredIntermediates) intermediate certificates beyond the limit of \(TPMTrustStore.maxIntermediates) were ignored",
        ]
        for note in notes.compactMap({ $0 }) where !verdict.notes.contains(note) { verdict.notes.append(note) }
        guard !store.roots.isEmpty else {
            throw TPMError.missingPart(
                kind == "EK" ? "trusted root for its EK/AK certificate" : "trusted root for its AK certificate",
                hint: kind == "EK"
                    ? "pass the manufacturer root with --trusted-root (assay serve: --tpm-ek-roots), or the pinned GCE root as collateral"
                    : "pass the AK CA's root with --trusted-root, or the pinned GCE root as collateral")
        }
        return store
    }
}

extension Optional {
    /// `flatMap` with an async throwing transform.
    func asyncFlatMap<U>(_ transform: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
