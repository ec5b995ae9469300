public import AttestationCore
import Crypto

/// The appraisal policy Assay applies when none is configured.
///
/// Per TEE, a ``Profile`` says whether its hardware can be genuine, which claims mean debug mode, which integer
/// claims have minimums (TCB components) and how a TCB status claim maps to tiers. Then:
/// - evidence that failed verification: hardware, configuration and executables are `crypto_failed` (99);
/// - hardware: genuine (2) when the TEE is hardware-rooted and every minimum and status is met; unsafe (32) or
///   contraindicated (96) otherwise; no claim (0) for software TEEs such as the Sample TEE;
/// - configuration: unsupportable (96) in debug mode, otherwise approved (2);
/// - executables: approved (2) when every executables reference value matches, unrecognized (33) when one does not
///   or none is configured;
/// - runtime-opaque: encrypted memory (2) for TEEs that encrypt memory.
public struct DefaultAppraisalPolicy: AppraisalPolicy {
    /// How to appraise one TEE's claims.
    public struct Profile: Sendable, Hashable {
        /// Whether evidence can come from genuine hardware (false for software TEEs).
        public var genuineHardware: Bool
        /// Claim paths that, when `true`, mean the workload runs in debug mode.
        public var debugClaims: [String]
        /// Whether the TEE keeps workload memory encrypted from the host.
        public var encryptedMemory: Bool
        /// Minimums for integer hardware claims (e.g. `reported_tcb.snp`), below which hardware is unsafe.
        public var hardwareMinimums: [String: Int64]
        /// A claim holding a vendor TCB status (e.g. `tcb_status`), if the TEE has one.
        public var statusClaim: String?
        /// Status values that keep hardware genuine.
        public var affirmingStatuses: Set<String>
        /// Status values that make hardware unsafe (a warning); any other value contraindicates it.
        public var warningStatuses: Set<String>

        public init(
            genuineHardware: Bool, debugClaims: [String], encryptedMemory: Bool,
            hardwareMinimums: [String: Int64] = [:], statusClaim: String? = nil,
            affirmingStatuses: Set<String> = [], warningStatuses: Set<String> = []
        ) {
            self.genuineHardware = genuineHardware
            self.debugClaims = debugClaims
            self.encryptedMemory = encryptedMemory
            self.hardwareMinimums = hardwareMinimums
            self.statusClaim = statusClaim
            self.affirmingStatuses = affirmingStatuses
            self.warningStatuses = warningStatuses
        }

        /// For TEEs without a profile: nothing is assumed about their hardware.
        public static let unknown = Profile(genuineHardware: false, debugClaims: ["debug"], encryptedMemory: false)

        var json: JSONValue {
            .object([
                "genuine_hardware": .bool(genuineHardware),
                "debug_claims": .array(debugClaims.map(JSONValue.string)),
                "encrypted_memory": .bool(encryptedMemory),
                "hardware_minimums": .object(hardwareMinimums.mapValues(JSONValue.integer)),
                "status_claim": statusClaim.map(JSONValue.string) ?? .null,
                "affirming_statuses": .array(affirmingStatuses.sorted().map(JSONValue.string)),
                "warning_statuses": .array(warningStatuses.sorted().map(JSONValue.string)),
            ])
        }
    }

    /// The profiles, per TEE.
    public let profiles: [TEEKind: Profile]
    /// SHA-256 of the policy's id and configuration in canonical JSON.
    public let digest: String

    public init(profiles: [TEEKind: Profile] = Self.standardProfiles) {
        self.profiles = profiles
        let configuration = JSONValue.object(
            Dictionary(uniqueKeysWithValues: profiles.map { ($0.key.rawValue, $0.value.json) }))
        self.digest = Hex.encode(SHA256.hash(data: Array((Self.policyID + "\n" + configuration.compactText).utf8)))
    }

    /// The profiles Assay ships with.
    public static let standardProfiles: [TEEKind: Profile] = [
        .sample: Profile(genuineHardware: false, debugClaims: ["debug"], encryptedMemory: false),
        .tpm: Profile(
            genuineHardware: true, debugClaims: [], encryptedMemory: false, statusClaim: "ak_endorsement",
            affirmingStatuses: ["ak_certificate", "credential_activation"], warningStatuses: ["none"]),
    ]

    static let policyID = "assay-default-v1"

    public var id: String { Self.policyID }

    public func appraise(_ input: AppraisalInput) -> AppraisalResult {
        let verdict = input.verdict
        let profile = profiles[verdict.tee] ?? .unknown
        var vector = TrustworthinessVector()
        var reasons: [AppraisalReason] = []
        let claims = JSONValue.object(verdict.claims)

        guard verdict.isValid else {
            for component in [TrustComponent.hardware, .configuration, .executables] {
                vector[component] = .cryptoValidationFailed
            }
            reasons = verdict.failures.map {
                AppraisalReason(component: .hardware, check: $0.check, expected: $0.expected, observed: $0.observed)
            }
            return result(vector, reasons)
        }

        appraiseHardware(profile, verdict.tee, claims, &vector, &reasons)

        let debugClaim = profile.debugClaims.first { claims.value(atPath: $0)?.boolValue == true }
        if let debugClaim {
            vector[.configuration] = .unsupportableConfig
            reasons.append(
                AppraisalReason(
                    component: .configuration, check: "debug_disabled", expected: "\(debugClaim) = false",
                    observed: "\(debugClaim) = true: the host can read and change the workload's memory"))
        } else {
            vector[.configuration] = .approvedConfig
        }

        let executables = input.matches.filter { $0.component == .executables }
        if executables.isEmpty {
            vector[.executables] = .unrecognizedRuntime
            reasons.append(
                AppraisalReason(
                    component: .executables, check: "reference_values",
                    expected: "reference values for \(verdict.tee) executables (e.g. its measurement)",
                    observed: "none configured; add them with --reference-values"))
        } else if executables.allSatisfy(\.matched) {
            vector[.executables] = .approvedRuntime
        } else {
            vector[.executables] = .unrecognizedRuntime
        }
        for match in input.matches where !match.matched {
            reasons.append(
                AppraisalReason(
                    component: match.component, check: "reference_value:\(match.claim)",
                    expected: match.expected, observed: match.observed))
            switch match.component {
            case .executables: break
            case .configuration: vector[.configuration] = worse(vector[.configuration], .unsafeConfig)
            case .hardware: vector[.hardware] = worse(vector[.hardware], .unsafeHardware)
            default: vector[match.component] = worse(vector[match.component], TrustClaim(rawValue: 32))
            }
        }

        vector[.runtimeOpaque] = profile.encryptedMemory ? .encryptedMemoryRuntime : nil
        return result(vector, reasons)
    }

    func appraiseHardware(
        _ profile: Profile, _ tee: TEEKind, _ claims: JSONValue, _ vector: inout TrustworthinessVector,
        _ reasons: inout [AppraisalReason]
    ) {
        guard profile.genuineHardware else {
            vector[.hardware] = .noClaim
            reasons.append(
                AppraisalReason(
                    component: .hardware, check: "genuine_hardware",
                    expected: "evidence signed by a hardware TEE under a manufacturer root",
                    observed: "\(tee) is not a hardware TEE Assay can vouch for (no hardware claim is made)"))
            return
        }
        vector[.hardware] = .genuineHardware
        for (path, minimum) in profile.hardwareMinimums.sorted(by: { $0.key < $1.key }) {
            let value = claims.value(atPath: path)?.integerValue
            if let value, value >= minimum { continue }
            vector[.hardware] = worse(vector[.hardware], .unsafeHardware)
            reasons.append(
                AppraisalReason(
                    component: .hardware, check: "minimum:\(path)", expected: "≥ \(minimum)",
                    observed: value.map(String.init) ?? "absent"))
        }
        if let statusClaim = profile.statusClaim {
            let status = claims.value(atPath: statusClaim)?.stringValue ?? "absent"
            if profile.affirmingStatuses.contains(status) { return }
            let claim: TrustClaim = profile.warningStatuses.contains(status) ? .unsafeHardware : .contraindicatedHardware
            vector[.hardware] = worse(vector[.hardware], claim)
            reasons.append(
                AppraisalReason(
                    component: .hardware, check: statusClaim,
                    expected: "one of \(profile.affirmingStatuses.sorted().joined(separator: ", "))",
                    observed: status))
        }
    }

    func worse(_ current: TrustClaim?, _ candidate: TrustClaim) -> TrustClaim {
        guard let current, current.tier >= candidate.tier else { return candidate }
        return current
    }

    func result(_ vector: TrustworthinessVector, _ reasons: [AppraisalReason]) -> AppraisalResult {
        AppraisalResult(vector: vector, reasons: reasons, policyID: id, policyDigest: digest)
    }
}
