import TutahiPluginAPI

/// A slot per relationship and indicator for the results of a check: each plugin call puts its
/// results in their slots from its own task, and each relationship's are then moved out, so that
/// no result is copied on the way (a copy bumps the shared counts of its strings and arrays).
///
/// Tasks put and take in slots no other task touches at the same time; the engine keeps to that.
final class ResultSlots: @unchecked Sendable {
    private let results: UnsafeMutablePointer<IndicatorResult>
    private let filled: UnsafeMutablePointer<Bool>
    private let count: Int

    /// `count` empty slots.
    init(count: Int) {
        self.count = count
        results = .allocate(capacity: max(1, count))
        filled = .allocate(capacity: max(1, count))
        filled.initialize(repeating: false, count: count)
    }

    deinit {
        for slot in 0..<count where filled[slot] { (results + slot).deinitialize(count: 1) }
        results.deallocate()
        filled.deinitialize(count: count)
        filled.deallocate()
    }

    /// True when slot `slot` holds a result.
    func isFilled(_ slot: Int) -> Bool { filled[slot] }

    /// Puts `result` in the empty slot `slot`.
    func put(_ result: consuming IndicatorResult, at slot: Int) {
        precondition(!filled[slot], "a result slot is filled twice")
        (results + slot).initialize(to: result)
        filled[slot] = true
    }

    /// The result in slot `slot`, which is then empty.
    func take(at slot: Int) -> IndicatorResult {
        precondition(filled[slot], "an empty result slot is taken")
        filled[slot] = false
        return (results + slot).move()
    }
}
