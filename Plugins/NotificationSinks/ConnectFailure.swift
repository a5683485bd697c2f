import Foundation
import NIOCore
import NIOPosix

/// A failed connection in a few words, such as `Connection refused` or `timed out`.
func describeConnectFailure(_ error: any Error) -> String {
    switch error {
    case let failure as NIOConnectionError:
        if let first = failure.connectionErrors.first { return describeConnectFailure(first.error) }
        if failure.dnsAError != nil || failure.dnsAAAAError != nil { return "the host name does not resolve" }
        return "no address to connect to"
    case let failure as IOError:
        return String(cString: strerror(failure.errnoCode))
    case ChannelError.connectTimeout:
        return "timed out"
    default:
        return "\(error)"
    }
}
