import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// A single HTTP/1.1 POST over SwiftNIO (TLS through swift-nio-ssl for `https`).
struct HTTPPost: Sendable {
    let url: URL
    let headers: [(String, String)]
    let timeout: Duration

    /// Posts `body` and returns the response status code.
    func send(_ body: [UInt8]) async throws -> Int {
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", let host = url.host else {
            throw DeliveryError("`\(url)` is not an http or https URL")
        }
        let port = url.port ?? (scheme == "https" ? 443 : 80)
        let path = (url.path.isEmpty ? "/" : url.path) + (url.query.map { "?" + $0 } ?? "")
        let tls: NIOSSLContext? = scheme == "https"
            ? try NIOSSLContext(configuration: TLSConfiguration.makeClientConfiguration()) : nil
        let channel: NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000))
                .connect(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if let tls {
                            try channel.pipeline.syncOperations.addHandler(
                                try NIOSSLClientHandler(context: tls, serverHostname: host))
                        }
                        try channel.pipeline.syncOperations.addHTTPClientHandlers()
                        return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(
                            wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw DeliveryError("cannot connect to \(host):\(port): \(describeConnectFailure(error))")
        }
        var head = HTTPRequestHead(version: .http1_1, method: .POST, uri: path)
        head.headers.add(name: "Host", value: url.port.map { "\(host):\($0)" } ?? host)
        head.headers.add(name: "User-Agent", value: "tutahi")
        head.headers.add(name: "Content-Type", value: "application/json")
        head.headers.add(name: "Content-Length", value: "\(body.count)")
        head.headers.add(name: "Connection", value: "close")
        for (name, value) in headers { head.headers.replaceOrAdd(name: name, value: value) }
        let status = NIOLockedValueBox<Int?>(nil)
        try await withDeadline(timeout, on: channel.channel, what: "\(host):\(port)") { [head] in
            try await channel.executeThenClose { inbound, outbound in
                try await outbound.write(.head(head))
                try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: body))))
                try await outbound.write(.end(nil))
                for try await part in inbound {
                    switch part {
                    case .head(let response): status.withLockedValue { $0 = Int(response.status.code) }
                    case .body: continue
                    case .end: return
                    }
                }
            }
        }
        guard let code = status.withLockedValue({ $0 }) else { throw DeliveryError("\(host):\(port) closed the connection without a response") }
        return code
    }
}

