extension Located where Value == Period {
    /// The duration, refused at its position when it is zero: for time limits (`timeout`), where
    /// nothing could ever finish in time.
    public func positive(_ key: String) throws -> Period {
        guard !value.isZero else { throw error("`\(key)` must be longer than zero") }
        return value
    }
}

extension Located where Value == Int {
    /// The value as a TCP port, refused at its position outside 1–65535.
    public func port() throws -> Int {
        guard (1...65_535).contains(value) else { throw error("expected a port from 1 to 65535, found \(value)") }
        return value
    }
}
