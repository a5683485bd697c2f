import TutahiPluginAPI

/// The provincial anniversary days, by region code (ISO 3166-2:NZ without `NZ-`).
///
/// Anniversary days belong to the old provinces, not to today's regions: Northland, Waikato, Bay
/// of Plenty and Gisborne keep Auckland's; Manawatū-Whanganui keeps Wellington's; Tasman keeps
/// Nelson's. Each day is kept as local custom fixes it, mostly on the Monday nearest the date.
public enum AnniversaryDays {
    /// The region codes, in alphabetical order.
    public static let regions = [
        "AUK", "BOP", "CAN", "CIT", "GIS", "HKB", "MBH", "MWT", "NSN", "NTL", "OTA", "STL", "TAS", "TKI", "WGN",
        "WKO", "WTC",
    ]

    /// The anniversary day `region` keeps in `year`; nil for an unknown region.
    public static func day(of region: String, in year: Int) -> NamedDay? {
        switch region {
        case "AUK", "NTL", "WKO", "BOP", "GIS":
            return NamedDay(CivilDate.known(year, 1, 29).nearestMonday, "Auckland Anniversary Day")
        case "WGN", "MWT":
            return NamedDay(CivilDate.known(year, 1, 22).nearestMonday, "Wellington Anniversary Day")
        case "NSN", "TAS":
            return NamedDay(CivilDate.known(year, 2, 1).nearestMonday, "Nelson Anniversary Day")
        case "TKI":
            return NamedDay(.nth(2, .monday, of: 3, in: year), "Taranaki Anniversary Day")
        case "OTA":
            // The Monday nearest 23 March, or the Tuesday after when that Monday is Easter Monday.
            var date = CivilDate.known(year, 3, 23).nearestMonday
            if date == Easter.sunday(in: year).adding(days: 1) { date = date.adding(days: 1) }
            return NamedDay(date, "Otago Anniversary Day")
        case "STL":
            // Easter Tuesday since 2012; before, the Monday nearest 17 January.
            let date = year >= 2012 ? Easter.sunday(in: year).adding(days: 2) : CivilDate.known(year, 1, 17).nearestMonday
            return NamedDay(date, "Southland Anniversary Day")
        case "HKB":
            // The Friday before Labour Day.
            return NamedDay(NewZealandHolidays.labourDay(in: year).adding(days: -3), "Hawke's Bay Anniversary Day")
        case "MBH":
            // The Monday after Labour Day.
            return NamedDay(NewZealandHolidays.labourDay(in: year).adding(days: 7), "Marlborough Anniversary Day")
        case "CAN":
            // Show Day: the second Friday after the first Tuesday in November.
            return NamedDay(CivilDate.nth(1, .tuesday, of: 11, in: year).adding(days: 10), "Canterbury Anniversary Day")
        case "CIT":
            return NamedDay(CivilDate.known(year, 11, 30).nearestMonday, "Chatham Islands Anniversary Day")
        case "WTC":
            // The Monday nearest 1 December (in 2005, 5 December).
            let date = year == 2005 ? CivilDate.known(2005, 12, 5) : CivilDate.known(year, 12, 1).nearestMonday
            return NamedDay(date, "West Coast Anniversary Day")
        default:
            return nil
        }
    }
}
