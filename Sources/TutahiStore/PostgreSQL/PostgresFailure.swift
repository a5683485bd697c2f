import Foundation
import NIOCore
import NIOPosix
import PostgresNIO
import TutahiCore

/// What went wrong talking to PostgreSQL, in one line for people.
///
/// PostgresNIO keeps details out of its errors' descriptions so that they never leak a query or a
/// password; this reads the parts that are safe to show — the server's own message, or which
/// connection failed — and never the password.
enum PostgresFailure {
    /// The reason `error` happened, for `store URL: REASON`.
    static func reason(_ error: any Error, address: PostgresAddress) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                let code = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
                return message + code
            }
            switch error.code {
            case .connectionError, .unexpectedBackendMessage, .messageDecodingFailure:
                return "cannot reach \(address.host):\(address.port): \(error.underlying.map(describe) ?? "the connection failed")"
            case .serverClosedConnection, .clientClosedConnection:
                return "the connection to \(address.host):\(address.port) was lost"
            case .sslUnsupported:
                return "\(address.host):\(address.port) does not offer TLS, which `sslmode=require` asks for"
            case .authMechanismRequiresPassword:
                return "the server asks for a password and the URL gives none"
            default:
                return "\(address.host):\(address.port): \(error.code)"
            }
        }
        return describe(error)
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? NIOConnectionError {
            if let first = error.connectionErrors.first { return describe(first.error) }
            if let dns = error.dnsAAAAError ?? error.dnsAError { return "the host name does not resolve (\(dns))" }
            return "no address to connect to"
        }
        if let error = error as? IOError { return String(cString: strerror(error.errnoCode)) }
        return "\(error)"
    }
}
