/// A store that could not be opened, read or written.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// The store's path.
    public var path: String
    /// What went wrong.
    public var reason: String

    /// Creates an error.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// `store PATH: reason`.
    public var description: String { "store \(path): \(reason)" }
}
