import Foundation
import TutahiPluginAPI

/// Header values as RFC 5322 and RFC 2047 want them.
enum MIMEHeader {
    /// Text safe to write as it is in a header: printable ASCII.
    static func isPlain(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// `text` as one or more RFC 2047 encoded words (UTF-8, base64) when it is not plain ASCII,
    /// each at most 75 characters and never splitting a character.
    static func encoded(_ text: String) -> String {
        guard !isPlain(text) else { return text }
        var words: [String] = []
        var chunk: [UInt8] = []
        // 45 bytes of UTF-8 become 60 base64 characters: with `=?UTF-8?B?` and `?=`, 72.
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 45 {
                words.append(word(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append(word(chunk)) }
        return words.joined(separator: "\r\n ")
    }

    /// A display name: quoted when plain and holding specials, encoded when not ASCII.
    static func encodedPhrase(_ name: String) -> String {
        guard isPlain(name) else { return encoded(name) }
        let specials = CharacterSet(charactersIn: "()<>[]:;@\\,.\"")
        guard name.unicodeScalars.contains(where: specials.contains) else { return name }
        return "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    private static func word(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?" + Data(bytes).base64EncodedString() + "?="
    }

    /// An RFC 5322 date in UTC: `Sun, 22 Nov 2026 22:50:07 +0000`.
    static func date(_ seconds: Int64) -> String {
        let days = Int(seconds.floorDividedBy(86_400))
        let second = Int(seconds - Int64(days) * 86_400)
        let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][((days % 7) + 7) % 7]
        let date = CivilDate(daysSinceEpoch: days)
        let (day, month, year) = (date.day, date.month, date.year)
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(weekday), \(day) \(months[month - 1]) \(year) \(two(second / 3_600)):\(two(second / 60 % 60)):\(two(second % 60)) +0000"
    }
}

extension Int64 {
    fileprivate func floorDividedBy(_ divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
