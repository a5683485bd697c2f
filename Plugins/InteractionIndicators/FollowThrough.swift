import TutahiPluginAPI

/// `follow_through`: what one side opens, the other closes in time (requests answered, commitments
/// delivered, feedback responded to, invoices paid).
public struct FollowThrough: RelationshipIndicatorPlugin {
    /// The keys of a `follow_through` indicator.
    public struct Options: Decodable, Sendable {
        /// The opening events: `{kind, by (default partner), where}`.
        public var open: OpenSelector
        /// The closing events: `{kind, by (default the other side)}`.
        public var close: CloseSelector
        /// Deadline = opening + `within` (a duration or working days).
        public var within: TimeAllowance?
        /// `due`: deadline = the opening's `due` + `grace`.
        public var deadline: Located<String>?
        /// Extra time after `due`, default `0d` (a duration or working days).
        public var grace: TimeAllowance?
    }

    /// `open:` — an event selector whose side defaults to the partner.
    public struct OpenSelector: Decodable, Sendable {
        /// The selector.
        public var selector: EventSelector
        /// Decodes `{kind, by, where}` with `by` defaulting to `partner`.
        public init(from decoder: any Decoder) throws {
            selector = try EventSelector(from: decoder, defaultSide: .partner)
        }
    }

    /// `close:` — kinds and an optional side.
    public struct CloseSelector: Decodable, Sendable {
        /// The closing kinds.
        public var kind: OneOrMany
        /// The closing side; nil means the side opposite the opening's sender.
        public var by: Side?
    }

    public static let type = "follow_through"
    public static let summary = "Share of openings (requests, commitments, invoices) closed by the other side in time"
    public static let defaultMinimumCount = 1
    public static let options: [OptionDocumentation] = [
        OptionDocumentation("open", "{kind, by, where}", default: nil, "the openings; `by` defaults to partner",
            example: "{kind: request, by: partner, where: {channel: email}}"),
        OptionDocumentation("close", "{kind, by}", default: nil, "the closes (ref = the opening's id); `by` defaults to the other side",
            example: "{kind: response}"),
        OptionDocumentation("within", "duration or working days", default: "— (or deadline)",
            "deadline = opening + within; `Nwd` is the end of the Nth working day after the opening's date",
            example: "20wd"),
        OptionDocumentation("deadline", "`due`", default: "— (or within)", "deadline = the opening's due + grace", example: "due"),
        OptionDocumentation("grace", "duration or working days", default: "0d",
            "extra time after due; `Nwd` counts from the date a bare-date due names", example: "2wd"),
    ]

    enum Deadline {
        case within(TimeAllowance)
        case due(grace: TimeAllowance)
    }

    let open: EventSelector
    let closeKinds: Set<String>
    let closeSide: Side?
    let deadline: Deadline

    /// Checks that exactly one of `within` and `deadline: due` is given.
    public init(options: Options, setup: IndicatorSetup) throws {
        open = options.open.selector
        closeKinds = Set(options.close.kind.values)
        closeSide = options.close.by
        switch (options.within, options.deadline) {
        case (let within?, nil):
            deadline = .within(within)
        case (nil, let due?):
            guard due.value == "due" else { throw due.error("`deadline` takes the value `due`, found `\(due.value)`") }
            deadline = .due(grace: options.grace ?? .period(.days(0)))
        case (_?, let due?):
            throw due.error("give either `within` or `deadline: due`, not both")
        case (nil, nil):
            throw SourceError(
                "`follow_through` needs `within: DURATION` or `deadline: due`",
                at: setup.configurationMark ?? SourceMark(file: setup.id, line: 0, column: 0))
        }
    }

    /// "Requests from the partner closed by a response from the agency within 10 days".
    public var defaultDescription: String? {
        let opener = open.by == .any ? "either side" : "the \(open.by.rawValue)"
        let closer = closeSide.map { $0 == .any ? "either side" : "the \($0.rawValue)" }
            ?? (open.by == .any ? "the other side" : "the \(open.by.opposite.rawValue)")
        let when: String
        switch deadline {
        case .within(let allowance): when = "within \(allowance.words)"
        case .due(let grace):
            let zero = grace == .period(.days(0)) || grace == .workingDays(0)
            when = zero ? "by their due date" : "within \(grace.words) of their due date"
        }
        return "\(PlainWords.capitalized(PlainWords.plural(open.kinds.sorted()))) from \(opener) closed by "
            + "\(PlainWords.plural(closeKinds.sorted())) from \(closer) \(when)"
    }

    /// "5 of 7 in time (71%)".
    public func reading(of observation: Observation) -> String? {
        guard case .int(let onTime)? = observation.detail.first(where: { $0.0 == "on_time" })?.1 else { return nil }
        return PlainWords.share(onTime, of: observation.n, "in time")
    }

    /// Counts the openings whose deadline falls in the window.
    public func measure(_ evidence: RelationshipEvidence, context: MeasurementContext) throws -> Observation {
        let events = evidence.interactions
        let opens = self.open.matcher(for: events)
        var openings: [Int] = []
        // Per position, its index among the openings (-1: not an opening).
        var openingAt = [Int32](repeating: -1, count: events.count)
        for position in opens.positions(in: events) {
            openingAt[position] = Int32(openings.count)
            openings.append(position)
        }
        guard !openings.isEmpty else { return Self.observation(onTime: 0, late: 0, open: 0, noDue: 0, durations: []) }
        // The first close of each opening: positions are in time order, so the first that qualifies
        // is the earliest.
        var firstClose = [Int?](repeating: nil, count: openings.count)
        let closes = EventSelector(kinds: closeKinds).matcher(for: events)
        for position in closes.positions(in: events) {
            guard let key = events.referencedKey(at: position), let target = events.position(of: key),
                openingAt[target] >= 0, firstClose[Int(openingAt[target])] == nil
            else { continue }
            let opening = Int(openingAt[target])
            let openedAt = openings[opening]
            let side = closeSide ?? (events.comesFromAgency(at: openedAt) ? Side.partner : .agency)
            if events.time(at: position) >= events.time(at: openedAt), side.matches(events, at: position) {
                firstClose[opening] = position
            }
        }
        var onTime = 0, late = 0, open = 0, noDue = 0
        var durations: [Double] = []
        var items: [(deadline: Instant, id: String, item: JSONValue)] = []
        func note(_ position: Int, _ deadline: Instant, closed: Instant?, _ outcome: String) {
            guard context.wantsEvidence else { return }
            let zone = context.zone, id = events.id(at: position)
            items.append((deadline, id, .object([
                ("id", .string(id)), ("opened", .string(zone.format(events.time(at: position)))),
                ("deadline", .string(zone.format(deadline))), ("closed", .string(closed.map(zone.format))),
                ("outcome", .string(outcome)),
            ])))
        }
        for (opening, position) in openings.enumerated() {
            let openedAt = events.time(at: position)
            let deadline: Instant
            switch self.deadline {
            case .within(let allowance):
                deadline = try allowance.deadline(after: openedAt, in: context.zone, calendar: context.calendar)
            case .due(let grace):
                guard let due = events.due(at: position) else {
                    if context.window.contains(openedAt) { noDue += 1 }
                    continue
                }
                if events.dueIsDate(at: position) {
                    // The end of the date the due names is `due`; that date is the day before it.
                    let named = context.zone.date(of: due).adding(days: -1)
                    deadline = try grace.deadline(afterDueDate: named, in: context.zone, calendar: context.calendar)
                } else {
                    deadline = try grace.deadline(after: due, in: context.zone, calendar: context.calendar)
                }
            }
            guard context.window.contains(deadline) else { continue }
            guard let close = firstClose[opening].map(events.time(at:)) else {
                open += 1
                if context.wantsEvidence { note(position, deadline, closed: nil, "open") }
                continue
            }
            // Counted without a branch: whether a close is in time is as good as random.
            let inTime = close <= deadline
            onTime &+= inTime ? 1 : 0
            late &+= inTime ? 0 : 1
            if context.wantsEvidence { note(position, deadline, closed: close, inTime ? "on_time" : "late") }
            durations.append(close.days(since: openedAt))
        }
        var observation = Self.observation(onTime: onTime, late: late, open: open, noDue: noDue, durations: durations)
        if context.wantsEvidence {
            items.sort { ($0.deadline, $0.id) < ($1.deadline, $1.id) }
            observation.evidence = .object([("items", .array(items.map(\.item)))])
        }
        return observation
    }

    private static func observation(
        onTime: Int, late: Int, open: Int, noDue: Int, durations: consuming [Double]
    ) -> Observation {
        let n = onTime + late + open
        let value = n > 0 ? Double(onTime) / Double(n) : nil
        return Observation(
            value: value, score: value.map { 100 * $0 }, n: n,
            detail: [
                ("on_time", .int(onTime)), ("late", .int(late)), ("open", .int(open)),
                ("median_days", .number(Median.of(durations))), ("no_due", .int(noDue)),
            ])
    }
}

/// The median of a list of numbers.
enum Median {
    /// The middle value, or the mean of the two middle values; nil for no values.
    static func of(_ values: consuming [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        var values = values
        let middle = values.count / 2
        let upper = select(middle, in: &values)
        guard values.count % 2 == 0, let lower = values[..<middle].max() else { return upper }
        return (lower + upper) / 2
    }

    /// The value sorting would put at `position`, found without sorting: `values` is rearranged so
    /// that it is at `position`, nothing after it is smaller and nothing before it larger.
    static func select(_ position: Int, in values: inout [Double]) -> Double {
        values.withUnsafeMutableBufferPointer { values in
            var low = 0, high = values.count - 1
            while low < high {
                let (a, b, c) = (values[low], values[low + (high - low) / 2], values[high])
                let pivot = max(min(a, b), min(max(a, b), c))
                var left = low, right = high
                while left <= right {
                    while values[left] < pivot { left += 1 }
                    while values[right] > pivot { right -= 1 }
                    if left <= right {
                        values.swapAt(left, right)
                        left += 1
                        right -= 1
                    }
                }
                if position <= right {
                    high = right
                } else if position >= left {
                    low = left
                } else {
                    break
                }
            }
            return values[position]
        }
    }
}
