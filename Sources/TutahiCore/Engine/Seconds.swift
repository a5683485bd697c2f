/// Durations for people: `1.24 s`.
public enum Seconds {
    /// `nanoseconds` as seconds with two decimals: `1.24 s`.
    public static func format(_ nanoseconds: Int64) -> String {
        let hundredths = (nanoseconds + 5_000_000) / 10_000_000
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction) s"
    }
}
