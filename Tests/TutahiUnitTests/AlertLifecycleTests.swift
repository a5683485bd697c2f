import Testing
import TutahiTestSupport
import TutahiCore
import TutahiPluginAPI

@Suite("Alert life cycle")
struct AlertLifecycleTests {
    /// Rules `quiet` (for 2, repeat 7d) and `low` (for 1, default repeat 7d).
    let lifecycle: AlertLifecycle

    init() throws {
        let configuration = try loadConfig(minimalConfig + """

            alerts:
              - {id: quiet, when: contact == 0, for: 2, repeat: 7d, severity: info}
              - {id: low, when: contact < 50, severity: critical}
            """).get()
        lifecycle = AlertLifecycle(rules: configuration.alerts, zone: configuration.zone)
    }

    private let key = AlertKey(rule: "quiet", agency: "msd", partner: "iwi-1")

    private func observed(_ holds: Bool, _ message: String = "m", key: AlertKey? = nil) -> [AlertObservation] {
        holds ? [AlertObservation(key: key ?? self.key, severity: .info, message: message)] : []
    }

    private func day(_ n: Int) -> Instant { zone.adding(days: n, to: instant("2026-03-01")) }

    /// Runs the sequence, returning each run's (state, notification reason) for `key`.
    private func run(_ holds: [(day: Int, holds: Bool)]) -> [(AlertRecord.State?, AlertNotification.Reason?)] {
        var states: [AlertState] = []
        return holds.map { step in
            let transition = lifecycle.advance(states, observed: observed(step.holds, "day \(step.day)"), at: day(step.day))
            states = transition.states
            return (transition.states.first?.state, transition.notifications.first?.reason)
        }
    }

    @Test("pending for fewer than `for` runs, firing from then, resolved when it stops holding, then gone")
    func lifeOfAnAlert() {
        let steps = run([(0, true), (1, true), (2, true), (3, false), (4, false)])
        #expect(steps.map(\.0) == [.pending, .firing, .firing, .resolved, nil])
        #expect(steps.map(\.1) == [nil, .firing, nil, .resolved, nil])
    }

    @Test("a pending alert that stops holding goes quietly, and counting starts again")
    func pendingDropsQuietly() {
        let steps = run([(0, true), (1, false), (2, true), (3, true)])
        #expect(steps.map(\.0) == [.pending, nil, .pending, .firing])
        #expect(steps.map(\.1) == [nil, nil, nil, .firing])
    }

    @Test("a firing alert is reminded once `repeat` has passed since it was last notified")
    func reminders() {
        // Fires on day 1; 7 days later (day 8) a reminder; the next one is due on day 15.
        let steps = run([(0, true), (1, true), (5, true), (8, true), (14, true), (15, true)])
        #expect(steps.map(\.1) == [nil, .firing, nil, .reminder, nil, .reminder])
    }

    @Test("since, last notified and message follow the runs")
    func details() throws {
        var states: [AlertState] = []
        for (n, holds) in [(0, true), (1, true), (2, true), (3, false)] {
            states = lifecycle.advance(states, observed: observed(holds, "day \(n)"), at: day(n)).states
            let state = try #require(states.first)
            switch n {
            case 0: #expect(state.since == day(0) && state.lastNotified == nil && state.consecutiveRuns == 1)
            case 1: #expect(state.since == day(1) && state.lastNotified == day(1) && state.consecutiveRuns == 2)
            case 2: #expect(state.since == day(1) && state.message == "day 2" && state.consecutiveRuns == 3)
            default:
                #expect(state.since == day(3) && state.lastNotified == day(3))
                #expect(state.message == "day 2")  // the last message while it held
            }
        }
    }

    @Test("for: 1 fires at once; without a store every run is the first")
    func firstRun() {
        let low = AlertKey(rule: "low", agency: "msd", partner: "iwi-1")
        let transition = lifecycle.advance([], observed: observed(true, key: low), at: day(0))
        #expect(transition.states.map(\.state) == [.firing])
        #expect(transition.notifications.map(\.reason) == [.firing])
    }

    @Test("a firing alert whose rule left the config resolves; other relationships are untouched")
    func ruleRemoved() {
        let gone = AlertState(
            key: AlertKey(rule: "deleted", agency: "msd", partner: "iwi-1"), severity: .warning, state: .firing,
            consecutiveRuns: 4, since: day(0), lastNotified: day(0), message: "old")
        let other = AlertKey(rule: "quiet", agency: "msd", partner: "com-1")
        let transition = lifecycle.advance([gone], observed: observed(true, key: other), at: day(1))
        #expect(transition.states.map(\.key.rule) == ["deleted", "quiet"])
        #expect(transition.states.map(\.state) == [.resolved, .pending])
        #expect(transition.notifications.map(\.reason) == [.resolved])
    }
}
