#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TutahiPluginAPI

/// `--as-of`: a bare date means the end of that date (00:00 local on the next), a timestamp that instant.
public enum AsOf {
    /// The instant `text` names in `zone`; nil when it is neither a date nor an RFC 3339 timestamp.
    public static func parse(_ text: String, in zone: Zone) -> Instant? {
        Timestamp.parse(text)?.end(in: zone)
    }

    /// Now, to the whole second.
    public static func now() -> Instant { Instant(seconds: Instant.now.seconds) }
}
