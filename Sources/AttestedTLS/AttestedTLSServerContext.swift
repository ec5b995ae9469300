import Foundation
public import NIOSSL

/// The server side's TLS context: presents the store's current certificate, or in fresh mode (a nonce in SNI, see
/// ``FreshnessNonce``) one minted for the client's nonce. The certificate is chosen in NIOSSL's context callback,
/// which sees SNI before the certificate is sent; minting runs off the event loop.
public enum AttestedTLSServerContext {
    /// A context serving `store`'s certificates; `fresh` enables per-nonce certificates; `requireClientCertificate`
    /// (mutual mode, TLS 1.3 only) asks every client for a certificate, which ``ClientAttestationGate`` judges.
    public static func make(store: AttestedCertificateStore, fresh: Bool, requireClientCertificate: Bool = false) async throws
        -> NIOSSLContext
    {
        let initial = try await store.certificate()
        let initialOverride = try override(for: initial)
        let held = SharedValue<(der: [UInt8], override: NIOSSLContextConfigurationOverride)>((initial.der, initialOverride))
        let key = try NIOSSLPrivateKey(bytes: Array(initial.key.pem.utf8), format: .pem)
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: initialOverride.certificateChain ?? [], privateKey: .privateKey(key))
        if requireClientCertificate {
            configuration.certificateVerification = .noHostnameVerification
            configuration.minimumTLSVersion = .tlsv13
        }
        configuration.sslContextCallback = { values, promise in
            let request = fresh ? FreshnessNonce.request(inServerName: values.serverHostname) : nil
            if request == nil, let issued = store.cachedCertificate() {
                let current = held.value
                let reused = current.der == issued.der ? current.override : nil
                if let reused {
                    promise.succeed(reused)
                    return
                }
            }
            Task {
                do {
                    let issued: IssuedCertificate
                    if let request {
                        issued = try await store.certificate(nonce: request.nonce, peer: request.clientKeyHash)
                    } else {
                        issued = try await store.certificate()
                    }
                    let made = try override(for: issued)
                    if request == nil { held.value = (issued.der, made) }
                    promise.succeed(made)
                } catch {
                    promise.fail(error)
                }
            }
        }
        return try NIOSSLContext(configuration: configuration)
    }

    static func override(for issued: IssuedCertificate) throws -> NIOSSLContextConfigurationOverride {
        var override = NIOSSLContextConfigurationOverride()
        override.certificateChain = [.certificate(try NIOSSLCertificate(bytes: issued.der, format: .der))]
        override.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: Array(issued.key.pem.utf8), format: .pem))
        return override
    }
}
