/// The day (counted from 1970-01-01) on which each month of the years an ``Instant`` covers
/// (1678–2261) starts: reading a data row's date is then a lookup and a check, not calendar
/// arithmetic.
enum MonthStarts {
    static let firstYear = 1678, lastYear = 2261

    /// Per month from January of ``firstYear``, the day it starts; one more entry ends the last month.
    private static let starts: [Int32] = {
        var starts: [Int32] = []
        starts.reserveCapacity((lastYear - firstYear + 1) * 12 + 1)
        var day = (CivilDate(year: firstYear, month: 1, day: 1)?.daysSinceEpoch).map(Int32.init) ?? 0
        for year in firstYear...lastYear {
            for month in 1...12 {
                starts.append(day)
                day += Int32(CivilDate.daysIn(month: month, year: year))
            }
        }
        starts.append(day)
        return starts
    }()

    /// The day `year-month-day` is, counted from 1970-01-01; nil when there is no such date in the
    /// years covered. The same as `CivilDate(year:month:day:)?.daysSinceEpoch` there.
    @inline(__always)
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int? {
        guard year >= firstYear, year <= lastYear, month >= 1, month <= 12, day >= 1 else { return nil }
        return starts.withUnsafeBufferPointer { starts in
            let index = (year - firstYear) * 12 + month - 1
            let start = Int(starts[index])
            return day <= Int(starts[index + 1]) - start ? start + day - 1 : nil
        }
    }
}
