import Foundation

/// Where the store lives, parsed from `--database`.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    /// An SQLite file (`sqlite:PATH`).
    case sqlite(path: String)
    /// A PostgreSQL server (`postgres://USER:PASSWORD@HOST:PORT/DATABASE[?sslmode=disable|prefer|require]`).
    case postgres(host: String, port: Int, user: String, password: String?, database: String, tls: TLSMode)

    /// TLS use for PostgreSQL.
    public enum TLSMode: String, Sendable, Equatable {
        case disable, prefer, require
    }

    /// The default: `assay.sqlite` in the working directory.
    public static let `default` = DatabaseLocation.sqlite(path: "assay.sqlite")

    /// Parses `sqlite:PATH` or a `postgres://` / `postgresql://` URL.
    public init(parsing value: String) throws {
        if value.hasPrefix("sqlite:") {
            let path = String(value.dropFirst("sqlite:".count))
            guard !path.isEmpty else { throw StoreError.invalidDatabaseURL(value) }
            self = .sqlite(path: path.hasPrefix("//") ? String(path.dropFirst(2)) : path)
            return
        }
        guard let schemeEnd = value.range(of: "://"),
            ["postgres", "postgresql"].contains(String(value[..<schemeEnd.lowerBound]))
        else { throw StoreError.invalidDatabaseURL(value) }
        var rest = String(value[schemeEnd.upperBound...])
        var tls = TLSMode.prefer
        if let query = rest.firstIndex(of: "?") {
            for pair in rest[rest.index(after: query)...].split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, parts[0] == "sslmode", let mode = TLSMode(rawValue: parts[1]) else {
                    throw StoreError.invalidDatabaseURL(value)
                }
                tls = mode
            }
            rest = String(rest[..<query])
        }
        guard let at = rest.lastIndex(of: "@"), let slash = rest[at...].firstIndex(of: "/") else {
            throw StoreError.invalidDatabaseURL(value)
        }
        let credentials = rest[..<at].split(separator: ":", maxSplits: 1).map { Self.percentDecoded(String($0)) }
        let hostPort = rest[rest.index(after: at)..<slash]
        let database = String(rest[rest.index(after: slash)...])
        var host = String(hostPort)
        var port = 5432
        if let colon = hostPort.lastIndex(of: ":") {
            guard let parsed = Int(hostPort[hostPort.index(after: colon)...]), (1...65535).contains(parsed) else {
                throw StoreError.invalidDatabaseURL(value)
            }
            port = parsed
            host = String(hostPort[..<colon])
        }
        guard let user = credentials.first, !user.isEmpty, !host.isEmpty, !database.isEmpty else {
            throw StoreError.invalidDatabaseURL(value)
        }
        self = .postgres(
            host: host, port: port, user: user, password: credentials.count > 1 ? credentials[1] : nil,
            database: database, tls: tls)
    }

    static func percentDecoded(_ text: String) -> String {
        text.removingPercentEncoding ?? text
    }

    /// The location without the password, for logs.
    public var description: String {
        switch self {
        case .sqlite(let path): return "sqlite:\(path)"
        case .postgres(let host, let port, let user, _, let database, _): return "postgres://\(user)@\(host):\(port)/\(database)"
        }
    }
}
