/// Where and how to reach a PostgreSQL server, parsed from a `postgres://` URL.
public struct PostgresConnectionSettings: Sendable, Equatable {
    /// TLS use, with libpq's `sslmode` names.
    public enum TLSMode: String, Sendable, Equatable, CaseIterable {
        /// No TLS.
        case disable
        /// TLS when the server offers it, else plain (downgradable: loopback only by default).
        case prefer
        /// TLS without checking the server's certificate.
        case require
        /// TLS with the server's certificate checked against the trusted CAs, not its name.
        case verifyCA = "verify-ca"
        /// TLS with the server's certificate and host name checked (the default for non-loopback hosts).
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var user: String
    /// Never logged or shown: ``DatabaseLocation/description`` leaves it out.
    public var password: String?
    public var database: String
    public var tls: TLSMode
    /// A PEM file of CAs to check the server's certificate against (`sslrootcert`), instead of the system's.
    public var rootCertificatePath: String?

    public init(
        host: String, port: Int = 5432, user: String, password: String? = nil, database: String, tls: TLSMode? = nil,
        rootCertificatePath: String? = nil
    ) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.tls = tls ?? Self.defaultTLS(host: host)
        self.rootCertificatePath = rootCertificatePath
    }

    /// `verify-full` unless the host is this machine (`localhost`, `127.0.0.0/8`, `::1`), where `prefer` keeps a
    /// local development server without certificates working.
    public static func defaultTLS(host: String) -> TLSMode {
        isLoopback(host) ? .prefer : .verifyFull
    }

    /// Whether `host` names this machine.
    public static func isLoopback(_ host: String) -> Bool {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        return bare == "localhost" || bare == "::1" || bare.hasPrefix("127.")
    }
}
