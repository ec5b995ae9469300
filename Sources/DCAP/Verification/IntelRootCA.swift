import AttestationCore
import Crypto
import X509

/// The Intel SGX Root CA, the one trust anchor of every DCAP chain (PCK, TCB signing, CRL issuers), pinned by the
/// SHA-256 of its DER encoding (published at https://certificates.trustedservices.intel.com/).
enum IntelRootCA {
    /// SHA-256 of the DER certificate: the pin.
    static let sha256 = "44a0196b2b99f889b8e149e95b807a350e7424964399e885a7cbb8ccfab674d3"

    /// The certificate, base64 DER (CN=Intel SGX Root CA, valid 2018-05-21..2049-12-31, P-256).
    static let base64DER = """
        MIICjzCCAjSgAwIBAgIUImUM1lqdNInzg7SVUr9QGzknBqwwCgYIKoZIzj0EAwIwaDEaMBgGA1UE
        AwwRSW50ZWwgU0dYIFJvb3QgQ0ExGjAYBgNVBAoMEUludGVsIENvcnBvcmF0aW9uMRQwEgYDVQQH
        DAtTYW50YSBDbGFyYTELMAkGA1UECAwCQ0ExCzAJBgNVBAYTAlVTMB4XDTE4MDUyMTEwNDUxMFoX
        DTQ5MTIzMTIzNTk1OVowaDEaMBgGA1UEAwwRSW50ZWwgU0dYIFJvb3QgQ0ExGjAYBgNVBAoMEUlu
        dGVsIENvcnBvcmF0aW9uMRQwEgYDVQQHDAtTYW50YSBDbGFyYTELMAkGA1UECAwCQ0ExCzAJBgNV
        BAYTAlVTMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEC6nEwMDIYZOj/iPWsCzaEKi71OiOSLRF
        hWGjbnBVJfVnkY4u3IjkDYYL0MxO4mqsyYjlBalTVYxFP2sJBK5zlKOBuzCBuDAfBgNVHSMEGDAW
        gBQiZQzWWp00ifODtJVSv1AbOScGrDBSBgNVHR8ESzBJMEegRaBDhkFodHRwczovL2NlcnRpZmlj
        YXRlcy50cnVzdGVkc2VydmljZXMuaW50ZWwuY29tL0ludGVsU0dYUm9vdENBLmRlcjAdBgNVHQ4E
        FgQUImUM1lqdNInzg7SVUr9QGzknBqwwDgYDVR0PAQH/BAQDAgEGMBIGA1UdEwEB/wQIMAYBAf8C
        AQEwCgYIKoZIzj0EAwIDSQAwRgIhAOW/5QkR+S9CiSDcNoowLuPRLsWGf/Yi7GSX94BgwTwgAiEA
        4J0lrHoMs+Xo5o/sX6O9QWxHRAvZUGOdRQ7cvqRXaqI=
        """

    /// The built-in anchor, checked against the pin when first used.
    static let anchor: Result<TrustAnchor, DCAPError> = {
        guard let der = try? Base64.decode(base64DER.filter { !$0.isWhitespace }),
            Hex.encode(SHA256.hash(data: der)) == sha256
        else { return .failure(.invalidTrustAnchor("the built-in Intel SGX Root CA does not match its pin \(sha256)")) }
        return .success(TrustAnchor(name: "Intel SGX Root CA", derBytes: der))
    }()
}
