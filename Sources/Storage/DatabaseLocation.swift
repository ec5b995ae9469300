import Foundation

/// Where the store lives, parsed from `--database`.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    /// An SQLite file (`sqlite:PATH`).
    case sqlite(path: String)
    /// A PostgreSQL server
    /// (`postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=…&sslrootcert=PATH]`).
    case postgres(PostgresConnectionSettings)

    /// The default: `assay.sqlite` in the working directory.
    public static let `default` = DatabaseLocation.sqlite(path: "assay.sqlite")

    /// Parses `sqlite:PATH` or a `postgres://` / `postgresql://` URL. Errors never repeat a password.
    public init(parsing value: String) throws {
        if value.hasPrefix("sqlite:") {
            let path = String(value.dropFirst("sqlite:".count))
            guard !path.isEmpty else { throw StoreError.invalidDatabaseURL("sqlite: needs a path") }
            self = .sqlite(path: path.hasPrefix("//") ? String(path.dropFirst(2)) : path)
            return
        }
        guard let schemeEnd = value.range(of: "://"),
            ["postgres", "postgresql"].contains(String(value[..<schemeEnd.lowerBound]))
        else { throw StoreError.invalidDatabaseURL("not sqlite:PATH or a postgres:// URL") }
        var rest = String(value[schemeEnd.upperBound...])
        var tls: PostgresConnectionSettings.TLSMode?
        var rootCertificatePath: String?
        if let query = rest.firstIndex(of: "?") {
            for pair in rest[rest.index(after: query)...].split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { Self.percentDecoded(String($0)) }
                switch (parts.first, parts.count) {
                case ("sslmode", 2):
                    guard let mode = PostgresConnectionSettings.TLSMode(rawValue: parts[1]) else {
                        throw StoreError.invalidDatabaseURL(
                            "sslmode must be one of \(PostgresConnectionSettings.TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    tls = mode
                case ("sslrootcert", 2):
                    rootCertificatePath = parts[1]
                default:
                    throw StoreError.invalidDatabaseURL("unknown URL parameter '\(parts.first ?? "")'; known: sslmode, sslrootcert")
                }
            }
            rest = String(rest[..<query])
        }
        guard let at = rest.lastIndex(of: "@"), let slash = rest[at...].firstIndex(of: "/") else {
            throw StoreError.invalidDatabaseURL("a postgres URL is postgres://USER@HOST[:PORT]/DATABASE")
        }
        let credentials = rest[..<at].split(separator: ":", maxSplits: 1).map { Self.percentDecoded(String($0)) }
        let hostPort = rest[rest.index(after: at)..<slash]
        let database = String(rest[rest.index(after: slash)...])
        var host = String(hostPort)
        var port = 5432
        if let colon = hostPort.lastIndex(of: ":"), !hostPort.hasSuffix("]") {
            guard let parsed = Int(hostPort[hostPort.index(after: colon)...]), (1...65535).contains(parsed) else {
                throw StoreError.invalidDatabaseURL("the port must be a number in 1...65535")
            }
            port = parsed
            host = String(hostPort[..<colon])
        }
        guard let user = credentials.first, !user.isEmpty, !host.isEmpty, !database.isEmpty else {
            throw StoreError.invalidDatabaseURL("a postgres URL names a user, a host and a database")
        }
        self = .postgres(
            PostgresConnectionSettings(
                host: host, port: port, user: user, password: credentials.count > 1 ? credentials[1] : nil,
                database: database, tls: tls, rootCertificatePath: rootCertificatePath))
    }

    static func percentDecoded(_ text: String) -> String {
        text.removingPercentEncoding ?? text
    }

    /// Whether the location carries a password (which then must not come from a flag or a config file).
    public var hasPassword: Bool {
        if case .postgres(let settings) = self { return settings.password != nil }
        return false
    }

    /// The location with `password` set (from a password file or the environment).
    public func with(password: String) -> DatabaseLocation {
        guard case .postgres(var settings) = self else { return self }
        settings.password = password
        return .postgres(settings)
    }

    /// The location without the password, for logs and messages.
    public var description: String {
        switch self {
        case .sqlite(let path): return "sqlite:\(path)"
        case .postgres(let settings):
            return "postgres://\(settings.user)@\(settings.host):\(settings.port)/\(settings.database)?sslmode=\(settings.tls.rawValue)"
        }
    }
}
