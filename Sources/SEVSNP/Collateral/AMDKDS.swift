public import AttestationCore

/// AMD's Key Distribution Service (VCEK Certificate and KDS Interface Specification): where VCEKs, the ASK/ASVK +
/// ARK chains and the CRLs are published. Fetching goes through an injected ``CollateralProvider`` (in production
/// `HTTPCollateralProvider` wrapped in `CachedCollateralProvider`, so verification keeps working offline).
public struct AMDKDS: Sendable {
    /// AMD's public KDS.
    public static let defaultBaseURL = "https://kdsintf.amd.com"
    /// Largest KDS response accepted (a VCEK is ~1.4 KiB, a chain ~4.6 KiB, a CRL a few KiB).
    public static let maxResponseBytes = 256 * 1024

    /// The service root (no trailing slash).
    public let baseURL: String

    public init(baseURL: String = defaultBaseURL) {
        self.baseURL = baseURL
    }

    /// The KDS path segment for a signer: `vcek` or `vlek`.
    static func service(_ signer: SigningKey) -> String { signer == .vlek ? "vlek" : "vcek" }

    /// `GET /vcek/v1/{product}/{hwid}?blSPL=..&teeSPL=..&snpSPL=..&ucodeSPL=..` (`fmcSPL` first on Turin); the hwid
    /// is the hex of the first 64 bytes of CHIP_ID (8 on Turin).
    public func vcekURL(generation: ProductGeneration, chipID: [UInt8], tcb: TCBVersion) -> String {
        let hwid = Hex.encode(chipID.prefix(generation.hardwareIDLength))
        var parameters: [(String, UInt8)] = []
        if let fmc = tcb.fmc { parameters.append(("fmcSPL", fmc)) }
        parameters += [("blSPL", tcb.bootloader), ("teeSPL", tcb.tee), ("snpSPL", tcb.snp), ("ucodeSPL", tcb.microcode)]
        let query = parameters.map { "\($0.0)=\($0.1 < 10 ? "0" : "")\($0.1)" }.joined(separator: "&")
        return "\(baseURL)/vcek/v1/\(generation.rawValue)/\(hwid)?\(query)"
    }

    /// `GET /{vcek|vlek}/v1/{product}/cert_chain`: the ASK (or ASVK) and the ARK, PEM.
    public func certificateChainURL(generation: ProductGeneration, signer: SigningKey) -> String {
        "\(baseURL)/\(Self.service(signer))/v1/\(generation.rawValue)/cert_chain"
    }

    /// `GET /{vcek|vlek}/v1/{product}/crl`: the ARK-signed CRL, DER.
    public func crlURL(generation: ProductGeneration, signer: SigningKey) -> String {
        "\(baseURL)/\(Self.service(signer))/v1/\(generation.rawValue)/crl"
    }

    /// Fetches one document through `provider` as a collateral item named by its URL.
    public func fetch(_ url: String, using provider: any CollateralProvider) async throws -> CollateralItem {
        let response = try await provider.fetch(CollateralRequest(url: url, maxBytes: Self.maxResponseBytes))
        return CollateralItem(source: url, bytes: response.body)
    }
}
