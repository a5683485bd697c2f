import TutahiPluginAPI

/// New Zealand's national public holidays as the Holidays Act 2003 sets them, with the days they
/// are kept on when they fall on a weekend ("Mondayisation").
///
/// - New Year's Day, the day after, Christmas Day and Boxing Day on a Saturday or Sunday are kept
///   on the next days that are not already holidays (a Saturday one on the Monday, a Sunday one on
///   the Tuesday, since the Monday holds the other).
/// - Waitangi Day and Anzac Day on a weekend are kept on the Monday, from 2014 (Holidays
///   (Full Recognition of Waitangi Day and ANZAC Day) Amendment Act 2013); before, not at all.
/// - Good Friday and Easter Monday from the date of Easter; the Sovereign's Birthday on the first
///   Monday in June; Labour Day on the fourth Monday in October; Matariki from its Act's schedule.
/// - The one-off Queen Elizabeth II Memorial Day, 26 September 2022.
public enum NewZealandHolidays {
    /// The years these rules are written and checked for: from 2000 to the last year of the
    /// Matariki schedule.
    public static let years = 2000...MatarikiSchedule.years.upperBound

    /// The national holidays of `year`, each on the day it is kept (a holiday kept on another day
    /// is listed on its own date too, where it falls on a weekend).
    public static func days(in year: Int) -> [NamedDay] {
        var days: [NamedDay] = []
        func add(_ date: CivilDate, _ name: String) { days.append(NamedDay(date, name)) }
        /// A holiday and, on a weekend, the day it is kept: Saturday + 2, Sunday + `sunday`.
        func addKept(_ date: CivilDate, _ name: String, sunday: Int) {
            add(date, name)
            switch date.weekday {
            case .saturday: add(date.adding(days: 2), "\(name) (observed)")
            case .sunday: add(date.adding(days: sunday), "\(name) (observed)")
            default: break
            }
        }
        addKept(.known(year, 1, 1), "New Year's Day", sunday: 2)
        addKept(.known(year, 1, 2), "Day after New Year's Day", sunday: 2)
        let waitangi = CivilDate.known(year, 2, 6), anzac = CivilDate.known(year, 4, 25)
        if year >= 2014 {
            addKept(waitangi, "Waitangi Day", sunday: 1)
            addKept(anzac, "Anzac Day", sunday: 1)
        } else {
            add(waitangi, "Waitangi Day")
            add(anzac, "Anzac Day")
        }
        let easter = Easter.sunday(in: year)
        add(easter.adding(days: -2), "Good Friday")
        add(easter.adding(days: 1), "Easter Monday")
        add(.nth(1, .monday, of: 6, in: year), year <= 2022 ? "Queen's Birthday" : "King's Birthday")
        if let matariki = MatarikiSchedule.date(in: year) { add(matariki, "Matariki") }
        if year == 2022 { add(.known(2022, 9, 26), "Queen Elizabeth II Memorial Day") }
        add(labourDay(in: year), "Labour Day")
        addKept(.known(year, 12, 25), "Christmas Day", sunday: 2)
        addKept(.known(year, 12, 26), "Boxing Day", sunday: 2)
        return days.sorted()
    }

    /// Labour Day: the fourth Monday in October.
    static func labourDay(in year: Int) -> CivilDate { .nth(4, .monday, of: 10, in: year) }
}
