/// Email addresses as the config writes them.
public enum EmailAddress {
    /// True for `local@domain.tld` with nothing that could break a mail header (no spaces, line
    /// breaks, control characters or `<>(),;:\"[]`).
    public static func isPlausible(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasSuffix(".")
            && text.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value != 0x7F && !forbidden.contains($0) }
    }

    private static let forbidden = Set("<>(),;:\\\"[]".unicodeScalars)
}
