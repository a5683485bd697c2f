import Foundation
import TutahiPluginAPI

/// An email address with an optional display name, as in `Tūtahi <tutahi@example.org>`.
struct MailAddress: Sendable, Hashable {
    var name: String?
    var address: String

    /// Parses `Name <address>` or a bare `address`; nil when there is no plausible address.
    init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let open = trimmed.lastIndex(of: "<"), trimmed.hasSuffix(">") {
            address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            let display = trimmed[..<open].trimmingCharacters(in: .whitespaces)
                .trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            name = display.isEmpty ? nil : display
        } else {
            address = trimmed
            name = nil
        }
        guard EmailAddress.isPlausible(address) else { return nil }
    }

    /// The domain, for Message-IDs.
    var domain: String { String(address.split(separator: "@").last ?? "localhost") }

    /// The header form: the name encoded (RFC 2047) when it is not plain ASCII.
    var header: String {
        guard let name else { return address }
        return "\(MIMEHeader.encodedPhrase(name)) <\(address)>"
    }
}
