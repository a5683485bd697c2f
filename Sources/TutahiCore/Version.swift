/// Tūtahi's version, as `tutahi --version` prints it (semantic versioning: the scorecard schema
/// and config keys change incompatibly only with the first number).
public enum TutahiVersion {
    /// The version of this build.
    public static let current = "0.9.0"
}
