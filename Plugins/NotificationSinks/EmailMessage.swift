import Foundation

/// A digest email as RFC 5322 bytes: `multipart/alternative` with a text and an HTML part, both
/// UTF-8 and base64 (so any line length and any language arrive intact).
struct EmailMessage {
    var from: MailAddress
    var to: String
    var subject: String
    var messageID: String
    var dateSeconds: Int64
    var text: String
    var html: String

    /// The message, lines ending CRLF.
    var bytes: [UInt8] {
        let boundary = "tutahi-" + String(messageID.filter { $0.isLetter || $0.isNumber }.prefix(32))
        var lines = [
            "From: \(from.header)",
            "To: \(to)",
            "Subject: \(MIMEHeader.encoded(subject))",
            "Date: \(MIMEHeader.date(dateSeconds))",
            "Message-ID: \(messageID)",
            "MIME-Version: 1.0",
            "Auto-Submitted: auto-generated",
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
            "",
        ]
        for (type, body) in [("text/plain", text), ("text/html", html)] {
            lines += [
                "--\(boundary)",
                "Content-Type: \(type); charset=utf-8",
                "Content-Transfer-Encoding: base64",
                "",
            ]
            lines += Self.base64Lines(Array(body.utf8))
        }
        lines.append("--\(boundary)--")
        return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// Base64 in lines of 76 characters.
    static func base64Lines(_ bytes: [UInt8]) -> [String] {
        let encoded = Data(bytes).base64EncodedString()
        var lines: [String] = []
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let end = encoded.index(index, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            lines.append(String(encoded[index..<end]))
            index = end
        }
        return lines
    }
}
