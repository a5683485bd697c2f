import Foundation
import TutahiPluginAPI

/// Where a configuration's store is: an SQLite file, or a PostgreSQL database several monitors share.
public enum StoreLocation: Sendable, Hashable, CustomStringConvertible {
    /// An SQLite file (resolved against the config's directory).
    case sqlite(path: String)
    /// A PostgreSQL database.
    case postgres(PostgresAddress)

    /// The path, or the URL without its password: safe for messages and logs.
    public var description: String {
        switch self {
        case .sqlite(let path): return path
        case .postgres(let address): return address.description
        }
    }

    /// Reads `store:` as written: a `postgresql://` (or `postgres://`) URL, else a file path
    /// resolved against `directory`. Throws a message saying what was expected.
    public static func parse(_ text: String, against directory: String) throws(StoreLocationError) -> StoreLocation {
        let lowered = text.lowercased()
        guard lowered.hasPrefix("postgresql://") || lowered.hasPrefix("postgres://") else {
            if lowered.contains("://") {
                throw StoreLocationError(
                    "expected an SQLite file path or `postgresql://USER[:PASSWORD]@HOST[:PORT]/DB`")
            }
            return .sqlite(path: ConfigPath.resolve(text, against: directory))
        }
        return .postgres(try PostgresAddress(parsing: text))
    }
}

/// Why `store:` could not be read.
public struct StoreLocationError: Error, Sendable, CustomStringConvertible {
    /// What was expected, in words.
    public var description: String

    init(_ description: String) { self.description = description }
}

/// A PostgreSQL server and database, from `postgresql://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=…]`.
public struct PostgresAddress: Sendable, Hashable, CustomStringConvertible {
    /// How the connection uses TLS (`sslmode`).
    public enum TLSMode: String, Sendable, Hashable {
        /// Never.
        case disable
        /// When the server offers it (the default).
        case prefer
        /// Always, checking the server's certificate against the system's trust roots.
        case require
    }

    /// The user name.
    public var user: String
    /// The password, if the URL gives one (usually as `${VAR}`); never shown.
    public var password: String?
    /// The host name or address.
    public var host: String
    /// The port, 5432 unless the URL says.
    public var port: Int
    /// The database.
    public var database: String
    /// TLS use.
    public var tls: TLSMode

    /// Reads a `postgresql://` URL; user, host and database are required.
    public init(parsing text: String) throws(StoreLocationError) {
        let expected = "expected `postgresql://USER[:PASSWORD]@HOST[:PORT]/DB`"
        guard let components = URLComponents(string: text), let host = components.host, !host.isEmpty else {
            throw StoreLocationError(expected + " (a password with `@`, `/` or `:` must be percent-encoded)")
        }
        guard let user = components.user, !user.isEmpty else { throw StoreLocationError(expected + ": the user is missing") }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw StoreLocationError(expected + ": the database name is missing")
        }
        if let port = components.port, !(1...65535).contains(port) {
            throw StoreLocationError("the port must be from 1 to 65535")
        }
        var tls = TLSMode.prefer
        for item in components.queryItems ?? [] {
            guard item.name == "sslmode", let mode = item.value.flatMap(TLSMode.init(rawValue:)) else {
                throw StoreLocationError("the only setting a store URL takes is `sslmode=disable|prefer|require`")
            }
            tls = mode
        }
        self.user = components.percentEncodedUser.flatMap { $0.removingPercentEncoding } ?? user
        self.password = components.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
        self.host = host
        self.port = components.port ?? 5432
        self.database = database
        self.tls = tls
    }

    /// `postgresql://USER@HOST:PORT/DB`, without the password.
    public var description: String { "postgresql://\(user)@\(host):\(port)/\(database)" }
}
