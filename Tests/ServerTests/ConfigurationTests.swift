import AssayTestSupport
import Foundation
import Server
import Storage
import Testing

@Suite struct ConfigurationTests {
    func file(_ json: String) -> (path: String, bytes: [UInt8]) { ("assay.json", Array(json.utf8)) }

    @Test func defaultsAreSensible() throws {
        let configuration = try ServerConfiguration.resolve(flags: [:], environment: ["HOME": "/home/op"], file: nil)
        #expect(configuration.host == "127.0.0.1" && configuration.port == 8080)
        #expect(configuration.database == .sqlite(path: "assay.sqlite"))
        #expect(configuration.adminToken == nil)
        #expect(configuration.keyEncryptionKeyPath == "/home/op/.config/assay/kek")
        #expect(configuration.effectiveIssuer == "http://127.0.0.1:8080")
        #expect(configuration.enabledDevelopmentTEEs.isEmpty, "development TEEs are opt-in")
        #expect(configuration.selectablePolicies.isEmpty, "the operator chooses the appraisal policy")
        #expect(configuration.requestTimeout == .seconds(10) && configuration.requestHeaderTimeout == .seconds(10))
        #expect(configuration.idleTimeout == .seconds(60))
        #expect((8...1024).contains(configuration.maxConnections) && configuration.workers >= 1)
        #expect(!configuration.allowInsecureAdmin)
    }

    @Test func flagsBeatEnvironmentBeatFile() throws {
        let configuration = try ServerConfiguration.resolve(
            flags: ["port": ["9001"]],
            environment: ["ASSAY_PORT": "9002", "ASSAY_HOST": "0.0.0.0", "ASSAY_ADMIN_TOKEN": "0123456789abcdef0123"],
            file: file(
                #"{"port": 9003, "host": "10.0.0.1", "database": "postgres://a@db/assay", "nonce_ttl": 30, "allow_insecure_admin": true}"#))
        #expect(configuration.port == 9001)
        #expect(configuration.host == "0.0.0.0")
        #expect(configuration.adminToken == "0123456789abcdef0123")
        #expect(configuration.nonceLifetime == 30)
        #expect(configuration.allowInsecureAdmin)
        guard case .postgres(let settings) = configuration.database else {
            Issue.record("expected a postgres location")
            return
        }
        #expect(settings.host == "db" && settings.database == "assay")
        #expect(settings.tls == .verifyFull, "a database across the network is verified by default")
    }

    @Test func listsComeFromRepeatedFlagsCommaSeparatedVariablesOrArrays() throws {
        let fromFlags = try ServerConfiguration.resolve(
            flags: ["enable_tee": ["sample"], "selectable_policy": ["strict", "lenient"]], environment: [:], file: nil)
        #expect(fromFlags.enabledDevelopmentTEEs == ["sample"] && fromFlags.selectablePolicies == ["strict", "lenient"])
        let fromEnvironment = try ServerConfiguration.resolve(
            flags: [:], environment: ["ASSAY_SELECTABLE_POLICY": "a, b,,c"], file: file(#"{"selectable_policy": ["x"]}"#))
        #expect(fromEnvironment.selectablePolicies == ["a", "b", "c"])
        let fromFile = try ServerConfiguration.resolve(flags: [:], environment: [:], file: file(#"{"enable_tee": ["sample"]}"#))
        #expect(fromFile.enabledDevelopmentTEEs == ["sample"])
        #expect(throws: ConfigurationError.self) {
            try ServerConfiguration.resolve(flags: ["selectable_policy": ["not a policy id"]], environment: [:], file: nil)
        }
    }

    @Test(arguments: [
        #"{"prot": 1}"#, #"{"admin_token": "0123456789abcdef0123"}"#, #"{"port": "eighty"}"#, #"{"port": 70000}"#,
        #"{"database": "mysql://x"}"#, #"{"tls_certificate": "a.pem"}"#, #"[1]"#, "{", #"{"log_level": "loud"}"#,
        #"{"issuer": "ftp://x"}"#, #"{"nonce_ttl": 0}"#, #"{"database_password": "x"}"#,
        #"{"request_timeout": 0}"#, #"{"workers": 0}"#, #"{"max_connections": -1}"#, #"{"allow_insecure_admin": "maybe"}"#,
        #"{"database": "postgres://a:secret@db/assay"}"#,
    ])
    func badFilesNameTheSettingAndSource(_ json: String) {
        #expect(throws: ConfigurationError.self) {
            try ServerConfiguration.resolve(flags: [:], environment: [:], file: file(json))
        }
    }

    @Test func secretsAreNotFlagsAndTokensMustBeLong() throws {
        #expect(throws: ConfigurationError.self) {
            try ServerConfiguration.resolve(flags: ["admin_token": ["0123456789abcdef0123"]], environment: [:], file: nil)
        }
        #expect(throws: ConfigurationError.self) {
            try ServerConfiguration.resolve(flags: [:], environment: ["ASSAY_ADMIN_TOKEN": "short"], file: nil)
        }
        let tokenFile = FileManager.default.temporaryDirectory.appendingPathComponent("assay-token-\(UUID().uuidString)")
        try Data("  from-a-file-0123456789\n".utf8).write(to: tokenFile)
        let configuration = try ServerConfiguration.resolve(flags: ["admin_token_file": [tokenFile.path]], environment: [:], file: nil)
        #expect(configuration.adminToken == "from-a-file-0123456789")
    }

    @Test func aDatabasePasswordComesOnlyFromTheEnvironmentOrAFileAndIsNeverRepeated() throws {
        do {
            _ = try ServerConfiguration.resolve(flags: ["database": ["postgres://a:hunter2@db/assay"]], environment: [:], file: nil)
            Issue.record("a password in --database must be refused")
        } catch let error as ConfigurationError {
            #expect(error.description.contains("ASSAY_DATABASE_PASSWORD"))
            #expect(!error.description.contains("hunter2"))
        }
        let fromEnvironment = try ServerConfiguration.resolve(
            flags: [:], environment: ["ASSAY_DATABASE": "postgres://a:hunter2@db/assay"], file: nil)
        #expect(fromEnvironment.database.hasPassword)
        #expect(!"\(fromEnvironment.database)".contains("hunter2"))
        let passwordFile = FileManager.default.temporaryDirectory.appendingPathComponent("assay-pw-\(UUID().uuidString)")
        try Data("hunter3\n".utf8).write(to: passwordFile)
        let fromFile = try ServerConfiguration.resolve(
            flags: ["database": ["postgres://a@db/assay"], "database_password_file": [passwordFile.path]], environment: [:], file: nil)
        guard case .postgres(let settings) = fromFile.database else {
            Issue.record("expected a postgres location")
            return
        }
        #expect(settings.password == "hunter3")
        let viaVariable = try ServerConfiguration.resolve(
            flags: ["database": ["postgres://a@db/assay?sslmode=disable"]], environment: ["ASSAY_DATABASE_PASSWORD": "pw"], file: nil)
        #expect(viaVariable.database.hasPassword)
    }

    @Test func theAdminAPIOverPlainHTTPOnTheNetworkNeedsConsent() throws {
        let token = ["ASSAY_ADMIN_TOKEN": "0123456789abcdef0123"]
        #expect(throws: ConfigurationError.self) {
            try ServerConfiguration.resolve(flags: ["host": ["0.0.0.0"]], environment: token, file: nil)
        }
        #expect(try ServerConfiguration.resolve(flags: ["host": ["127.0.0.1"]], environment: token, file: nil).adminToken != nil)
        #expect(try ServerConfiguration.resolve(flags: ["host": ["0.0.0.0"]], environment: [:], file: nil).adminToken == nil)
        let consented = try ServerConfiguration.resolve(
            flags: ["host": ["0.0.0.0"], "allow_insecure_admin": ["true"]], environment: token, file: nil)
        #expect(consented.allowInsecureAdmin)
    }
}
