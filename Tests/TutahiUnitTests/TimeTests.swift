import Testing
import TutahiTestSupport
import TutahiCore
import TutahiPluginAPI

@Suite("Time")
struct TimeTests {
    @Test("RFC 3339 with offsets, Z and fractions; bare dates at local midnight")
    func parsing() {
        #expect(instant("2026-03-04T10:15:00+13:00") == Instant(seconds: 1_772_572_500))
        #expect(instant("2026-03-03T21:15:00Z") == Instant(seconds: 1_772_572_500))
        #expect(instant("2026-03-03T21:15:00.25Z") == Instant(seconds: 1_772_572_500, nanoseconds: 250_000_000))
        #expect(instant("2026-03-04") == instant("2026-03-04T00:00:00+13:00"))
        #expect(instant("2026-07-04") == instant("2026-07-04T00:00:00+12:00"))
    }

    @Test("anything else is not a timestamp", arguments: [
        "31/01/2026", "2026-01-31T10:00:00", "2026-13-01", "2026-02-30", "2026-02-28T24:00:00Z", "2026-1-5",
        "2026-01-31T10:00Z", "2026-01-31 10:00:00+13:00", "", "2026-01-31T10:00:00+1300",
    ])
    func rejects(_ text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test("the common form reads every date as the general reader does, and refuses the same ones")
    func commonFormDates() {
        func pad(_ value: Int, _ width: Int) -> String {
            String(repeating: "0", count: max(0, width - String(value).count)) + String(value)
        }
        // Each year's months, with the days just outside them; years at the edges of what an
        // instant holds, and leap-year rules for centuries.
        for year in [1677, 1678, 1900, 2000, 2023, 2024, 2026, 2100, 2261, 2262] {
            for month in 0...13 {
                for day in [0, 1, 15, 28, 29, 30, 31, 32] {
                    let date = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
                    // The fraction sends the text through the general reader.
                    let general = Timestamp.parse(date + "T12:34:56.0+13:00")
                    #expect(Timestamp.parse(date + "T12:34:56+13:00") == general, "\(date)")
                    #expect(Timestamp.parse(date + "T12:34:56Z") == Timestamp.parse(date + "T12:34:56.0Z"), "\(date)")
                    let exists = (1678...2261).contains(year) && CivilDate(year: year, month: month, day: day) != nil
                    #expect((general != nil) == exists, "\(date)")
                }
            }
        }
    }

    @Test("the common form reads every time and offset as the general reader does, on 20,000 texts near it")
    func commonFormTimes() {
        var random = SplitMix64(seed: 1840)
        // Valid stamps with one or two bytes changed now and then: digits out of range, other
        // separators, lowercase `t` and `z`, bytes just either side of the digits.
        let replacements = Array("0123456789:-+Tt Zz/;@`\u{7F}".utf8) + [0xC3, 0xFF, 0x2F, 0x3A]
        for _ in 0..<20_000 {
            func two(_ limit: UInt64) -> String {
                let value = Int(random.next() % limit)
                return value < 10 ? "0\(value)" : "\(value)"
            }
            let sign = random.next() % 2 == 0 ? "+" : "-"
            var text = Array("20\(two(100))-\(two(14))-\(two(33))T\(two(26)):\(two(62)):\(two(62))".utf8)
            text += random.next() % 4 == 0 ? Array("Z".utf8) : Array("\(sign)\(two(26)):\(two(62))".utf8)
            for _ in 0..<Int(random.next() % 3) where random.next() % 2 == 0 {
                let replacement = replacements[Int(random.next() % UInt64(replacements.count))]
                text[Int(random.next() % UInt64(text.count))] = replacement
            }
            // A fraction sends the same stamp through the general reader.
            let general = Array(text[..<19]) + Array(".0".utf8) + Array(text[19...])
            let string = String(decoding: text, as: UTF8.self)
            #expect(Timestamp.parse(string) == Timestamp.parse(String(decoding: general, as: UTF8.self)), "\(string)")
        }
    }

    @Test("a bare due date and --as-of mean the end of the date")
    func endOfDay() {
        #expect(Timestamp.parse("2026-06-30")?.end(in: zone) == instant("2026-07-01T00:00:00+12:00"))
        #expect(AsOf.parse("2026-03-31", in: zone) == instant("2026-04-01T00:00:00+13:00"))
        #expect(AsOf.parse("2026-03-31T09:00:00+13:00", in: zone) == instant("2026-03-31T09:00:00+13:00"))
        #expect(AsOf.parse("last tuesday", in: zone) == nil)
    }

    @Test("adding days keeps the local wall time across a DST change")
    func calendarDays() {
        // NZDT ends 2026-04-05 03:00 → 02:00: 09:00+13:00 plus one day is 09:00+12:00, 25 hours later.
        let start = instant("2026-04-04T09:00:00+13:00")
        #expect(Period.days(1).added(to: start, in: zone) == instant("2026-04-05T09:00:00+12:00"))
        #expect(Period.seconds(86_400).added(to: start, in: zone) == instant("2026-04-05T08:00:00+12:00"))
        #expect(Period.days(7).subtracted(from: instant("2026-04-08T00:00:00+12:00"), in: zone)
            == instant("2026-04-01T00:00:00+13:00"))
    }

    @Test("a wall time in the spring-forward gap moves forward by the gap")
    func gap() {
        // 2026-09-27 02:00 NZST jumps to 03:00 NZDT; 02:30 does not exist.
        let start = instant("2026-09-26T02:30:00+12:00")
        #expect(Period.days(1).added(to: start, in: zone) == instant("2026-09-27T03:30:00+13:00"))
    }

    @Test("an ambiguous wall time takes the earlier instant")
    func overlap() {
        // 2026-04-05 02:30 happens twice (+13:00, then +12:00).
        let start = instant("2026-04-04T02:30:00+13:00")
        #expect(Period.days(1).added(to: start, in: zone) == instant("2026-04-05T02:30:00+13:00"))
    }

    @Test("durations parse as days, weeks and exact time")
    func durations() {
        #expect(Period("90d") == .days(90))
        #expect(Period("4w") == .days(28))
        #expect(Period("72h") == .seconds(259_200))
        #expect(Period("15m") == .seconds(900))
        #expect(Period("20s") == .seconds(20))
        #expect(Period("3 days") == nil)
        #expect(Period("-1d") == nil)
        #expect(Period("d") == nil)
    }

    @Test("instants format with the zone's offset at that instant")
    func formatting() {
        #expect(zone.format(instant("2026-04-01")) == "2026-04-01T00:00:00+13:00")
        #expect(zone.format(instant("2026-07-01")) == "2026-07-01T00:00:00+12:00")
        #expect(zone.format(instant("2026-07-01T00:00:00.5+12:00")) == "2026-07-01T00:00:00.5+12:00")
    }
}
