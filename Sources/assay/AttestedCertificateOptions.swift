import ArgumentParser
import AttestationCore
import AttestedTLS
import Attester

/// How a TLS server in a TEE mints its attested certificates (`assay tls proxy`, `assay serve --tls-attested`).
struct AttestedCertificateOptions: ParsableArguments {
    @Flag(help: "Mint a certificate for each client nonce sent in SNI (relay- and replay-resistant freshness).")
    var fresh = false

    @Option(
        name: .customLong("server"),
        help: ArgumentHelp("Passport mode: attest to this Assay service and put its EAR token in the certificate.", valueName: "url"))
    var passportServer: String?

    @Option(name: .customLong("key-type"), help: "The TLS key's curve: p256 or p384.")
    var keyType: String = AttestedTLSKey.Curve.p256.rawValue

    @Option(
        name: .customLong("hostname"),
        help: ArgumentHelp("A DNS name for the certificate's subjectAltName (repeatable; default localhost).", valueName: "name"))
    var hostnames: [String] = []

    @Option(help: ArgumentHelp("Certificate lifetime in seconds (re-minted at three quarters of it).", valueName: "seconds"))
    var lifetime: Int = Int(AttestedCertificateIssuer.defaultLifetime)

    func validate() throws {
        guard AttestedTLSKey.Curve(rawValue: keyType) != nil else {
            throw ValidationError("--key-type must be p256 or p384, got '\(keyType)'")
        }
        guard (60...(398 * 24 * 3600)).contains(lifetime) else {
            throw ValidationError("--lifetime must be between 60 seconds and 398 days, got \(lifetime)")
        }
    }

    /// The certificate store for a workload in `attester`'s TEE.
    func store(attester: AttesterOptions) throws -> AttestedCertificateStore {
        let collector = attester.collector
        let session = attester.tee == .tpm ? try TPMSession(attester.tpm) : nil
        let issuer = AttestedCertificateIssuer(
            key: .generate(AttestedTLSKey.Curve(rawValue: keyType) ?? .p256),
            source: CollectorEvidenceSource(collector: collector, session: session),
            hostnames: hostnames.isEmpty ? ["localhost"] : hostnames, lifetime: Double(lifetime))
        guard let passportServer else { return AttestedCertificateStore(issuer: issuer) }
        return AttestedCertificateStore(issuer: issuer) { key in
            guard let jwk = CertificateKeyJWK.members(spki: key.spki) else {
                throw CLIError.invalidArgument("passport mode needs an EC P-256 or P-384 certificate key")
            }
            let (_, response) = try await collector.attest(to: AssayClient(baseURL: passportServer), members: ["tee_pubkey": .object(jwk)])
            guard let token = response["token"]?.stringValue else {
                throw CLIError.invalidArgument("\(passportServer) issued no token (status \(response["status"]?.stringValue ?? "?"))")
            }
            return token
        }
    }
}
