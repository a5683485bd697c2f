import TutahiPluginAPI

/// One entry of `calendars:` as written.
struct RawCalendar: Decodable {
    var holidays: CalendarDefinition.Holidays?
    var region: Located<String>?
    var weekend: [Located<String>]?
    var closed: [RawClosedRange]?
    var extra: Located<String>?
}

/// `{from: "MM-DD", to: "MM-DD"}`.
struct RawClosedRange: Decodable {
    var from: Located<String>
    var to: Located<String>
}
