import Foundation
public import KeyBroker
public import Server
public import Storage
import TPM

/// The TPM's part of `assay serve`: attestation-key enrollment by credential activation (public routes, two
/// tables, a sweeper), a TPM verifier that trusts the keys it activated, and the settings for the EK CAs and the
/// activation lifetime.
public struct TPMServicePlugin: ServicePlugin {
    public let name = "tpm"

    public init() {}

    /// The settings this plug-in adds.
    public var settings: [ServerSetting] {
        [
            ServerSetting(
                "tpm_ek_roots", valueName: "path",
                help: "PEM/DER file, or directory of them, with the CAs of the TPM EK certificates to accept for AK enrollment (self-signed ones are roots, others intermediates). Default: none, enrollment is refused."
            ) { configuration, value in
                configuration.pluginValues["tpm_ek_roots"] = try TPMEndorsementRoots.load(path: value.text)
            },
            ServerSetting(
                "tpm_ak_roots", valueName: "path",
                help: "PEM/DER file, or directory of them, with the CAs of TPM AK certificates to accept (quotes by an AK certified there need no enrollment). Kept apart from the EK CAs; default: none besides the built-in GCE pin."
            ) { configuration, value in
                configuration.pluginValues["tpm_ak_roots"] = try TPMEndorsementRoots.load(path: value.text, setting: "tpm_ak_roots")
            },
            ServerSetting(
                "tpm_ak_lifetime", valueName: "seconds",
                help: "Seconds an AK enrolled by credential activation stays trusted before it must be enrolled again (default 86400)."
            ) { configuration, value in
                configuration.pluginValues["tpm_ak_lifetime"] = TimeInterval(try value.integer("tpm_ak_lifetime", in: 60...86400 * 366))
            },
        ]
    }

    public var schema: PluginSchema { TPMSchema.plugin }

    public func openAPIDocument() throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: "openapi-tpm", withExtension: "json"),
            let data = FileManager.default.contents(atPath: url.path)
        else { throw ConfigurationError(setting: "openapi", source: "tpm", reason: "openapi-tpm.json resource is missing") }
        return Array(data)
    }

    public func start(_ context: PluginContext) async throws -> PluginParts {
        let configuration = context.configuration
        let roots = configuration.pluginValues["tpm_ek_roots"] as? TPMEndorsementRoots
        let akRoots = configuration.pluginValues["tpm_ak_roots"] as? TPMEndorsementRoots
        let lifetime = configuration.pluginValues["tpm_ak_lifetime"] as? TimeInterval ?? 86400
        let store = TPMEnrollmentStores.store(on: context.store.backend)
        let registry = StoredAttestationKeyRegistry(
            store: store, integrity: context.integrity, lifetime: lifetime, clock: context.clock)
        let enrollment = TPMEnrollmentService(
            store: store, refusals: context.refusals, kek: context.kek, registry: registry, roots: roots,
            lifetime: configuration.nonceLifetime, clock: context.clock, random: context.random, logger: context.logger)
        context.logger.notice(
            "TPM attestation-key enrollment",
            metadata: [
                "tpm_ek_roots": "\(roots.map { "\($0.anchors.count) roots" } ?? "none (enrollment is refused)")",
                "tpm_ak_roots": "\(akRoots.map { "\($0.anchors.count) roots" } ?? "none (built-in pins only)")",
            ])
        return PluginParts(
            verifiers: [TPMVerifier(registry: registry, roots: roots, akRoots: akRoots)],
            routes: TPMEnrollmentRoutes.routes(enrollment),
            services: [
                // Pending enrollments past their nonce lifetime, and keys activated longer than tpm_ak_lifetime ago.
                PeriodicSweep(
                    of: "expired TPM enrollments and attestation keys", every: .seconds(60), logger: context.logger
                ) { [clock = context.clock] in
                    let now = clock.now()
                    return [
                        "tpm_enrollments": try await store.deleteExpiredEnrollments(before: now),
                        "tpm_attestation_keys": try await store.deleteKeys(activatedBefore: now.addingTimeInterval(-lifetime)),
                    ]
                }
            ])
    }

    public func rotationParticipant(store: Store) -> any KEKRotationParticipant {
        TPMKEKRotation(store: TPMEnrollmentStores.store(on: store.backend))
    }
}
