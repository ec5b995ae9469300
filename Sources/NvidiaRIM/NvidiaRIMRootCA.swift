public import AttestationCore

/// The NVIDIA CoRIM signing Root CA, built into the binary and pinned by the SHA-256 of its DER: the root of every
/// RIM signer's chain (root → `NVIDIA Reference Value <chip> CA` → `… L3 <chip> …` → the signer).
///
/// The certificate is the one NVIDIA's verifier ships (nvtrust `verifier_RIM_root.pem`), which is also the last
/// certificate of the X509Data of NVIDIA's signed RIMs; tests re-check the pin against both.
public enum NvidiaRIMRootCA {
    /// SHA-256 of the root certificate's DER, hex.
    public static let sha256 = "12977b5115acb0381179279fffeb5a8c4d264971ebb32298023a465fa41df5d1"
    /// The anchor's name as verdicts show it.
    public static let name = "NVIDIA CoRIM signing Root CA"

    /// The built-in root as the one trust anchor; empty when the embedded certificate does not match its pin (so a
    /// corrupted build trusts nothing rather than something else).
    public static let anchors: [TrustAnchor] = {
        guard let der = try? PEM.certificates(in: Array(pem.utf8)).first else { return [] }
        let anchor = TrustAnchor(name: name, derBytes: der)
        return Hex.encode(anchor.sha256) == sha256 ? [anchor] : []
    }()

    /// The root certificate in PEM (valid 2023-03-16 to 2053-03-08, ECDSA P-384).
    static let pem = """
-----BEGIN CERTIFICATE-----
MIICKTCCAbCgAwIBAgIQRdrjoA5QN73fh1N17LXicDAKBggqhkjOPQQDAzBFMQsw
CQYDVQQGEwJVUzEPMA0GA1UECgwGTlZJRElBMSUwIwYDVQQDDBxOVklESUEgQ29S
SU0gc2lnbmluZyBSb290IENBMCAXDTIzMDMxNjE1MzczNFoYDzIwNTMwMzA4MTUz
NzM0WjBFMQswCQYDVQQGEwJVUzEPMA0GA1UECgwGTlZJRElBMSUwIwYDVQQDDBxO
VklESUEgQ29SSU0gc2lnbmluZyBSb290IENBMHYwEAYHKoZIzj0CAQYFK4EEACID
YgAEuECyi9vNM+Iw2lfUzyBldHAwaC1HF7TCgp12QcEyUTm3Tagxwr48d55+K2VI
lWYIDk7NlAIQdcV/Ff7euGLI+Qauj93HsSI4WX298PpW54RTgz9tC+Q684caR/BX
WEeZo2MwYTAdBgNVHQ4EFgQUpaXrOPK4ZDAk08DBskn594zeZjAwHwYDVR0jBBgw
FoAUpaXrOPK4ZDAk08DBskn594zeZjAwDwYDVR0TAQH/BAUwAwEB/zAOBgNVHQ8B
Af8EBAMCAQYwCgYIKoZIzj0EAwMDZwAwZAIwHGDyscDP6ihHqRvZlI3eqZ4YkvjE
1duaN84tAHRVgxVMvNrp5Tnom3idHYGW/dskAjATvjIx6VzHm/4e2GiZAyZEIUBD
OKPzp5ei/A0iUZpdvngenDwV8Qa/wGdiTmJ7Bp4=
-----END CERTIFICATE-----
"""
}
