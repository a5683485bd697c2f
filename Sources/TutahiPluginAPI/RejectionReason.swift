/// Why a data row was rejected, in the order they are checked (docs/reference.md, "Rejected rows").
public enum RejectionReason: String, Sendable, CaseIterable, CustomStringConvertible {
    /// The record is not valid CSV (an unclosed quote, a record over the length limit).
    case badCSV = "bad_csv"
    /// The line is not one valid JSON object.
    case badJSON = "bad_json"
    /// A required field is absent or empty.
    case missingField = "missing_field"
    /// A time that is not a timestamp Tūtahi accepts (docs/reference.md, "Time").
    case badTimestamp = "bad_timestamp"
    /// A value outside its field's domain (an answer that is not a whole number, say).
    case badValue = "bad_value"
    /// A party id not in the parties file.
    case unknownParty = "unknown_party"
    /// Neither side is an agency, or both are.
    case badDirection = "bad_direction"
    /// An id already loaded (the first row keeps it).
    case duplicate
    /// A survey response whose rows disagree on respondent, subject or time.
    case inconsistentResponse = "inconsistent_response"

    /// The code as written in scorecards and logs, such as `bad_timestamp`.
    public var description: String { rawValue }
}
