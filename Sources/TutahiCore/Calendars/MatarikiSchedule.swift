import TutahiPluginAPI

/// The Matariki public holiday: the dates in the schedule of Te Kāhui o Matariki Public Holiday
/// Act 2022, 2022 to 2052. The Act fixes no rule beyond its schedule, so no date is guessed for
/// later years: the `nz` calendar knows its years only up to the schedule's last.
enum MatarikiSchedule {
    /// The years the schedule covers.
    static let years = 2022...2052

    /// Month and day of the holiday, by year.
    private static let dates: [Int: (month: Int, day: Int)] = [
        2022: (6, 24), 2023: (7, 14), 2024: (6, 28), 2025: (6, 20), 2026: (7, 10), 2027: (6, 25), 2028: (7, 14),
        2029: (7, 6), 2030: (6, 21), 2031: (7, 11), 2032: (7, 2), 2033: (6, 24), 2034: (7, 7), 2035: (6, 29),
        2036: (7, 18), 2037: (7, 10), 2038: (6, 25), 2039: (7, 15), 2040: (7, 6), 2041: (7, 19), 2042: (7, 11),
        2043: (7, 3), 2044: (6, 24), 2045: (7, 7), 2046: (6, 29), 2047: (7, 19), 2048: (7, 3), 2049: (6, 25),
        2050: (7, 15), 2051: (6, 30), 2052: (6, 21),
    ]

    /// Matariki in `year`, or nil when the year has none (before 2022) or is not in the schedule.
    static func date(in year: Int) -> CivilDate? {
        dates[year].map { CivilDate.known(year, $0.month, $0.day) }
    }
}
