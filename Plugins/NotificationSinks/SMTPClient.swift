import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// How to reach an SMTP server.
struct SMTPSettings: Sendable {
    var host: String
    var port: Int
    /// true: STARTTLS is required; false: never; nil: when the server offers it.
    var startTLS: Bool?
    var username: String?
    var password: String?
    /// A PEM file of certificates to trust instead of the system's (for a private CA).
    var caFile: String?
    /// The whole conversation must end within this time.
    var timeout: Duration
}

/// A small SMTP client over SwiftNIO: EHLO, STARTTLS (swift-nio-ssl), AUTH PLAIN or LOGIN, one
/// message to one recipient. Every step has the configured time limit.
struct SMTPClient: Sendable {
    let settings: SMTPSettings

    /// Sends `message` from `sender` to `recipient`; returns when the server accepted it.
    func send(_ message: [UInt8], from sender: String, to recipient: String) async throws {
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.nanoseconds(Int64(settings.timeout.components.seconds) * 1_000_000_000))
                .connect(host: settings.host, port: settings.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineDecoder()))
                        return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw DeliveryError("cannot connect to \(settings.host):\(settings.port): \(describeConnectFailure(error))")
        }
        try await withDeadline(settings.timeout, on: channel.channel, what: "\(settings.host):\(settings.port)") {
            [settings] in
            try await channel.executeThenClose { inbound, outbound in
                var session = SMTPSession(
                    settings: settings, channel: channel.channel, lines: inbound.makeAsyncIterator(),
                    outbound: outbound)
                try await session.run(message, from: sender, to: recipient)
            }
        }
    }
}

/// One SMTP conversation.
struct SMTPSession {
    let settings: SMTPSettings
    let channel: any Channel
    var lines: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>

    /// A server reply: its code and its lines' texts.
    struct Reply {
        var code: Int
        var lines: [String]
        var text: String { lines.joined(separator: " ") }
    }

    mutating func run(_ message: [UInt8], from sender: String, to recipient: String) async throws {
        try await expect(220, after: nil)
        var capabilities = try await hello()
        var secure = false
        let offersTLS = capabilities.contains { $0.uppercased() == "STARTTLS" }
        if settings.startTLS == true || (settings.startTLS == nil && offersTLS) {
            guard offersTLS else { throw DeliveryError("\(settings.host) does not offer STARTTLS, which the config requires") }
            try await expect(220, after: "STARTTLS")
            try await startTLS()
            secure = true
            capabilities = try await hello()
        }
        if let username = settings.username {
            try await authenticate(username: username, password: settings.password ?? "", capabilities: capabilities, secure: secure)
        }
        try await expect(250, after: "MAIL FROM:<\(sender)>")
        try await expect([250, 251], after: "RCPT TO:<\(recipient)>")
        try await expect(354, after: "DATA")
        try await write(Self.dotStuffed(message) + Array(".\r\n".utf8))
        try await expect(250, after: nil)
        try? await write(Array("QUIT\r\n".utf8))
    }

    private mutating func hello() async throws -> [String] {
        let reply = try await expect(250, after: "EHLO \(Self.helloName)")
        return reply.lines.dropFirst().flatMap { line in line.split(separator: " ").prefix(1).map(String.init) }
            + reply.lines.dropFirst().filter { $0.uppercased().hasPrefix("AUTH ") }.flatMap { line in
                line.split(separator: " ").dropFirst().map { "AUTH=" + $0.uppercased() }
            }
    }

    private mutating func authenticate(username: String, password: String, capabilities: [String], secure: Bool) async throws {
        if capabilities.contains("AUTH=PLAIN") {
            let token = Data(([0] + Array(username.utf8) + [0] + Array(password.utf8))).base64EncodedString()
            try await expect(235, after: "AUTH PLAIN \(token)", sensitive: true)
        } else if capabilities.contains("AUTH=LOGIN") {
            try await expect(334, after: "AUTH LOGIN")
            try await expect(334, after: Data(username.utf8).base64EncodedString(), sensitive: true)
            try await expect(235, after: Data(password.utf8).base64EncodedString(), sensitive: true)
        } else {
            throw DeliveryError("\(settings.host) offers neither AUTH PLAIN nor AUTH LOGIN\(secure ? "" : " without TLS")")
        }
    }

    private func startTLS() async throws {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let caFile = settings.caFile { configuration.trustRoots = .file(caFile) }
        let context = try NIOSSLContext(configuration: configuration)
        // SNI takes a name, not an address; an address is then checked against the certificate's IP entries.
        let isAddress = settings.host.allSatisfy { $0.isHexDigit || $0 == "." || $0 == ":" }
        let serverHostname = isAddress ? nil : settings.host
        // The handler is made and added on the channel's own event loop: it is not Sendable.
        try await channel.eventLoop.submit { [channel] in
            let handler = try NIOSSLClientHandler(context: context, serverHostname: serverHostname)
            try channel.pipeline.syncOperations.addHandler(handler, position: .first)
        }.get()
    }

    @discardableResult
    private mutating func expect(_ code: Int, after command: String?, sensitive: Bool = false) async throws -> Reply {
        try await expect([code], after: command, sensitive: sensitive)
    }

    @discardableResult
    private mutating func expect(_ codes: Set<Int>, after command: String?, sensitive: Bool = false) async throws -> Reply {
        if let command { try await write(Array((command + "\r\n").utf8)) }
        let reply = try await readReply()
        guard codes.contains(reply.code) else {
            let shown = command.map { sensitive ? String($0.prefix(10)) + "…" : $0 } ?? "connecting"
            throw DeliveryError("\(settings.host) answered \(reply.code) \(reply.text) to \(shown)")
        }
        return reply
    }

    private mutating func readReply() async throws -> Reply {
        var texts: [String] = []
        while true {
            guard let buffer = try await lines.next() else {
                throw DeliveryError("\(settings.host) closed the connection")
            }
            let line = String(buffer: buffer)
            guard line.count >= 3, let code = Int(line.prefix(3)) else {
                throw DeliveryError("\(settings.host) sent a line that is not an SMTP reply")
            }
            texts.append(String(line.dropFirst(4)))
            if line.count == 3 || line[line.index(line.startIndex, offsetBy: 3)] != "-" {
                return Reply(code: code, lines: texts)
            }
        }
    }

    private func write(_ bytes: [UInt8]) async throws {
        try await outbound.write(ByteBuffer(bytes: bytes))
    }

    /// Lines starting with `.` get another (RFC 5321 §4.5.2); the message ends with CR LF.
    static func dotStuffed(_ message: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(message.count + 64)
        var atLineStart = true
        for byte in message {
            if atLineStart && byte == UInt8(ascii: ".") { out.append(byte) }
            out.append(byte)
            atLineStart = byte == UInt8(ascii: "\n")
        }
        if !atLineStart { out += [13, 10] }
        return out
    }

    static let helloName: String = {
        let name = ProcessInfo.processInfo.hostName
        return name.isEmpty || name.contains(" ") ? "localhost" : name
    }()
}
