import AssayTestSupport
import AttestationCore
import Foundation
import Testing

/// Verifies a token with PyJWT (an independent JWT implementation) against a JWKS.
enum PyJWTCheck {
    static let script = """
        import json, sys, jwt
        token, jwks, issuer = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3]
        kid = jwt.get_unverified_header(token)["kid"]
        key = {k.key_id: k for k in jwt.PyJWKSet.from_dict(jwks).keys}[kid]
        claims = jwt.decode(token, key.key, algorithms=["ES256"], issuer=issuer, options={"verify_aud": False})
        print(claims["eat_profile"])
        """

    /// Whether python3 can import PyJWT.
    static var isInstalled: Bool {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import jwt"]
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return false }
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }

    static let missingReason = "PyJWT is not installed for python3 (scripts/test.sh installs it)"

    /// Checks `token` with PyJWT; fails the current test (it throws) when PyJWT is not installed.
    static func verify(token: String, jwks: JSONValue, issuer: String) throws {
        try #require(isInstalled, Comment(rawValue: missingReason))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, token, jwks.compactText, issuer]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "PyJWT rejected the token: \(text)")
        #expect(text.contains("veraison/ear"))
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs a test that cross-checks with PyJWT when it is installed, and always in CI (where ``PyJWTCheck/verify(token:jwks:issuer:)``
    /// then fails it); elsewhere it is skipped with the reason.
    static var pyJWT: Self {
        .enabled(if: PyJWTCheck.isInstalled || SharedVectors.isCI, Comment(rawValue: PyJWTCheck.missingReason))
    }
}
