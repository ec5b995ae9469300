public import AttestationCore
import Foundation

/// Intel's Provisioning Certification Service, or a PCCS serving the same v4 API: the URLs of DCAP collateral
/// and how its responses become collateral items.
///
/// Fetching goes through the ``CollateralProvider`` in the verification context (in production an
/// `HTTPCollateralProvider` wrapped in a `CachedCollateralProvider`; in tests a fake), so nothing here touches
/// the network itself.
public struct IntelPCS: Sendable, Hashable {
    /// The API base, e.g. `https://api.trustedservices.intel.com` or `https://pccs.example:8081`.
    public let baseURL: String
    /// Where the Intel SGX Root CA CRL is published.
    public let rootCACRLURL: String

    /// Intel's public PCS.
    public static let intel = IntelPCS(
        baseURL: "https://api.trustedservices.intel.com",
        rootCACRLURL: "https://certificates.trustedservices.intel.com/IntelSGXRootCA.der")

    /// A PCCS at `baseURL` (it serves the root CA CRL itself).
    public static func pccs(_ baseURL: String) -> IntelPCS {
        let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        return IntelPCS(baseURL: base, rootCACRLURL: base + "/sgx/certification/v4/rootcacrl")
    }

    public init(baseURL: String, rootCACRLURL: String) {
        self.baseURL = baseURL
        self.rootCACRLURL = rootCACRLURL
    }

    /// A collateral document PCS serves.
    public enum Document: Sendable, Hashable, CustomStringConvertible {
        /// TCB info for an FMSPC (`/sgx|tdx/certification/v4/tcb?fmspc=`); issuer chain in `TCB-Info-Issuer-Chain`.
        case tcbInfo(fmspc: [UInt8], tee: TEEKind)
        /// The QE identity (`/sgx|tdx/certification/v4/qe/identity`); chain in `SGX-Enclave-Identity-Issuer-Chain`.
        case qeIdentity(tee: TEEKind)
        /// The CRL of a PCK CA, `platform` or `processor` (`/sgx/certification/v4/pckcrl?ca=`); chain in
        /// `SGX-PCK-CRL-Issuer-Chain`.
        case pckCRL(ca: String)
        /// The Intel SGX Root CA CRL.
        case rootCACRL

        public var description: String {
            switch self {
            case .tcbInfo(let fmspc, let tee): return "\(tee == .tdx ? "TDX" : "SGX") TCB info for FMSPC \(Hex.encode(fmspc))"
            case .qeIdentity(let tee): return "\(tee == .tdx ? "TD_QE" : "QE") identity"
            case .pckCRL(let ca): return "PCK CRL of the \(ca) CA"
            case .rootCACRL: return "Intel SGX Root CA CRL"
            }
        }
    }

    /// The request for a document.
    public func request(for document: Document) -> CollateralRequest {
        switch document {
        case .tcbInfo(let fmspc, let tee):
            return CollateralRequest(url: "\(baseURL)/\(Self.path(tee))/certification/v4/tcb?fmspc=\(Hex.encode(fmspc))")
        case .qeIdentity(let tee):
            return CollateralRequest(url: "\(baseURL)/\(Self.path(tee))/certification/v4/qe/identity")
        case .pckCRL(let ca):
            return CollateralRequest(url: "\(baseURL)/sgx/certification/v4/pckcrl?ca=\(ca)&encoding=der")
        case .rootCACRL:
            return CollateralRequest(url: rootCACRLURL)
        }
    }

    /// Fetches a document: the body, and the issuer chain from the response header, as collateral items.
    public func fetch(_ document: Document, from provider: any CollateralProvider) async throws -> [CollateralItem] {
        let request = request(for: document)
        let response = try await provider.fetch(request)
        var items = [CollateralItem(source: request.url, bytes: response.body)]
        for (name, value) in response.headers.sorted(by: { $0.key < $1.key }) where name.lowercased().hasSuffix("issuer-chain") {
            guard let pem = value.removingPercentEncoding else {
                throw DCAPError.malformedCollateral(source: "\(request.url) header \(name)", reason: "not URL-encoded PEM")
            }
            items.append(CollateralItem(source: "\(request.url) header \(name)", bytes: Array(pem.utf8)))
        }
        return items
    }

    static func path(_ tee: TEEKind) -> String { tee == .tdx ? "tdx" : "sgx" }
}
