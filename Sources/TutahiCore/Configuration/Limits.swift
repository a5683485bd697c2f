import TutahiPluginAPI

/// Every bound Tūtahi puts on its input, in one place, so that no config or data file can crash,
/// hang or overflow a run. Each is a positioned config error or a rejection reason when exceeded;
/// the README's "Limits" section lists them.
public enum Limits {
    /// An alert expression or `{expr}` placeholder: at most this many tokens.
    public static let expressionTokens = 1_000
    /// …and this many levels of nesting (parentheses, `not`, unary minus).
    public static let expressionDepth = 64
    /// A weight: greater than 0 and at most this.
    public static let maximumWeight = 1_000_000.0
    /// A threshold: a number from 0 to 100.
    public static let thresholds = 0.0...100.0
    /// A CSV header: at most this many columns.
    public static let headerColumns = 10_000
    /// One CSV record or JSON Lines line: at most this many bytes (longer: `bad_csv` / `bad_json`).
    public static let recordBytes = 64 << 20
    /// The longest `monitor:` name, in characters (it is part of a PostgreSQL application name).
    public static let monitorNameBytes = 40
    /// A duration: at most ``Period/maximumDays`` days; working days at most
    /// ``TimeAllowance/maximumWorkingDays``.
    public static let durationDays = Period.maximumDays

    /// Whether `weight` is usable: finite, greater than 0, at most ``maximumWeight``.
    static func isUsable(weight: Double) -> Bool { weight > 0 && weight <= maximumWeight }

    /// The message for a weight out of bounds.
    static let weightMessage = "`weight` must be a number greater than 0 and at most 1000000"
}
