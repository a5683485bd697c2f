import TutahiPluginAPI

/// Easter Sunday on the Gregorian calendar (the anonymous Gregorian algorithm, as in Meeus).
enum Easter {
    /// The date of Easter Sunday in `year`.
    static func sunday(in year: Int) -> CivilDate {
        let a = year % 19, b = year / 100, c = year % 100
        let d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return CivilDate.known(year, month, day)
    }
}
