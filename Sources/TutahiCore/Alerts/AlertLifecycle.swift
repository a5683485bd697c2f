import TutahiPluginAPI

/// Moves every alert through its life for one run: pending while its rule has held for fewer than
/// `for` consecutive runs, firing from then, resolved in the run it stops holding.
///
/// Pure: the previous states and this run's observations in, the new states and what to tell out.
/// Without a store the previous states are empty, so every run is the first.
public struct AlertLifecycle: Sendable {
    /// The configured rules.
    public var rules: [AlertRule]
    /// The zone `repeat` is counted in.
    public var zone: Zone

    /// Creates a life cycle for `rules`.
    public init(rules: [AlertRule], zone: Zone) {
        self.rules = rules
        self.zone = zone
    }

    /// The outcome of one run.
    public struct Transition: Sendable {
        /// Every alert pending or firing after the run, and every one that resolved in it, by key.
        public var states: [AlertState]
        /// Changes and due reminders, by key.
        public var notifications: [AlertNotification]

        /// Gives every alert resolved in this run the message `message` renders for it now (kept
        /// as it was where that gives nil).
        mutating func rewriteResolved(_ message: (AlertKey) -> String?) {
            for index in states.indices where states[index].state == .resolved {
                if let text = message(states[index].key) { states[index].message = text }
            }
            for index in notifications.indices where notifications[index].reason == .resolved {
                if let text = message(notifications[index].alert.key) { notifications[index].alert.message = text }
            }
        }
    }

    /// Advances `previous` (the states after the last run) by a run at `asOf` in which `observed` hold.
    public func advance(_ previous: [AlertState], observed: [AlertObservation], at asOf: Instant) -> Transition {
        let rulesByID = Dictionary(rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let before = Dictionary(previous.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let holding = Dictionary(observed.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var states: [AlertState] = []
        var notifications: [AlertNotification] = []
        for key in Set(before.keys).union(holding.keys).sorted() {
            let old = before[key].flatMap { $0.state == .resolved ? nil : $0 }
            if let observation = holding[key], let rule = rulesByID[key.rule] {
                let runs = (old?.consecutiveRuns ?? 0) + 1
                var state = AlertState(
                    key: key, severity: observation.severity, state: runs >= rule.consecutiveRuns ? .firing : .pending,
                    consecutiveRuns: runs, since: asOf, lastNotified: old?.lastNotified, message: observation.message)
                if state.state == old?.state, let old { state.since = old.since }
                if state.state == .firing {
                    if old?.state != .firing {
                        state.lastNotified = asOf
                        notifications.append(AlertNotification(reason: .firing, alert: state))
                    } else if isReminderDue(state, repeatAfter: rule.repeatAfter, at: asOf) {
                        state.lastNotified = asOf
                        notifications.append(AlertNotification(reason: .reminder, alert: state))
                    }
                }
                states.append(state)
            } else if var resolved = old, resolved.state == .firing {
                resolved.state = .resolved
                resolved.consecutiveRuns = 0
                resolved.since = asOf
                resolved.lastNotified = asOf
                states.append(resolved)
                notifications.append(AlertNotification(reason: .resolved, alert: resolved))
            }
        }
        return Transition(states: states, notifications: notifications)
    }

    private func isReminderDue(_ state: AlertState, repeatAfter: Period, at asOf: Instant) -> Bool {
        guard let last = state.lastNotified else { return true }
        return repeatAfter.added(to: last, in: zone) <= asOf
    }
}
