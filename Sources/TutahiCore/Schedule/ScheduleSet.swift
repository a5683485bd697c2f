import TutahiPluginAPI

/// Every configured schedule together: when `serve` runs its next check.
public struct ScheduleSet: Sendable {
    /// The schedules.
    public var schedules: [Schedule]
    /// The zone their local times are in.
    public var zone: Zone

    /// Creates a set.
    public init(schedules: [Schedule], zone: Zone) {
        self.schedules = schedules
        self.zone = zone
    }

    /// The next time any schedule names after `instant`, with the ids of the schedules due then.
    public func nextFire(after instant: Instant) -> (instant: Instant, scheduleIDs: [String])? {
        let fires = schedules.compactMap { schedule in
            schedule.cron.nextFire(after: instant, in: zone).map { (instant: $0, id: schedule.id) }
        }
        guard let first = fires.map(\.instant).min() else { return nil }
        return (first, fires.filter { $0.instant == first }.map(\.id))
    }

    /// True when some schedule named a time after `lastRun` and no later than `now`: a run was
    /// missed (downtime, or a check that outlasted the interval), and one catch-up run is due.
    public func missedRun(since lastRun: Instant, now: Instant) -> Bool {
        guard let next = nextFire(after: lastRun) else { return false }
        return next.instant <= now
    }
}
