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
    }

    @Test func flagsBeatEnvironmentBeatFile() throws {
        let configuration = try ServerConfiguration.resolve(
            flags: ["port": "9001"],
            environment: ["ASSAY_PORT": "9002", "ASSAY_HOST": "0.0.0.0", "ASSAY_ADMIN_TOKEN": "0123456789abcdef0123"],
            file: file(#"{"port": 9003, "host": "10.0.0.1", "database": "postgres://a@db/assay", "nonce_ttl": 30}"#))
        #expect(configuration.port == 9001)
        #expect(configuration.host == "0.0.0.0")
        #expect(configuration.adminToken == "0123456789abcdef0123")
        #expect(configuration.nonceLifetime == 30)
        if case .postgres(let host, _, _, _, let database, _) = configuration.database {
            #expect(host == "db" && database == "assay")
        } else {
            Issue.record("expected a postgres location")
        }
    }

    @Test(arguments: [
        #"{"prot": 1}"#, #"{"admin_token": "0123456789abcdef0123"}"#, #"{"port": "eighty"}"#, #"{"port": 70000}"#,
        #"{"database": "mysql://x"}"#, #"{"tls_certificate": "a.pem"}"#, #"[1]"#, "{", #"{"log_level": "loud"}"#,
        #"{"issuer": "ftp://x"}"#, #"{"nonce_ttl": 0}"#,
    ])
    func badFilesNameTheSettingAndSource(_ json: String) {
        #expect(throws: ConfigurationError.self) {
            try ServerConfiguration.resolve(flags: [:], environment: [:], file: file(json))
        }
    }

    @Test func secretsAreNotFlagsAndTokensMustBeLong() throws {
        #expect(throws: ConfigurationError.self) {
            try ServerConfiguration.resolve(flags: ["admin_token": "0123456789abcdef0123"], environment: [:], file: nil)
        }
        #expect(throws: ConfigurationError.self) {
            try ServerConfiguration.resolve(flags: [:], environment: ["ASSAY_ADMIN_TOKEN": "short"], file: nil)
        }
        let tokenFile = FileManager.default.temporaryDirectory.appendingPathComponent("assay-token-\(UUID().uuidString)")
        try Data("  from-a-file-0123456789\n".utf8).write(to: tokenFile)
        let configuration = try ServerConfiguration.resolve(flags: ["admin_token_file": tokenFile.path], environment: [:], file: nil)
        #expect(configuration.adminToken == "from-a-file-0123456789")
    }
}
