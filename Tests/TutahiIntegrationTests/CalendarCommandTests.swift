import Foundation
import Testing
import TutahiTestSupport

@Suite("tutahi calendar")
struct CalendarCommandTests {
    /// What the listing says of `date`.
    static func line(in text: String, date: String) -> String? {
        text.split(separator: "\n").first { $0.hasPrefix(date + " ") }.map {
            $0.dropFirst(date.count).trimmingCharacters(in: .whitespaces)
        }
    }

    @Test("lists a built-in calendar's year, and a declared one from the config")
    func listing() throws {
        let builtin = try CLI.run(["calendar", "nz-oia", "--year", "2027"])
        #expect(builtin.status == 0)
        #expect(Self.line(in: builtin.stdout, date: "Mon 8 February 2027") == "Waitangi Day (observed)")
        let scratch = Scratch()
        scratch.write("parties.csv", "id,name,kind\n")
        scratch.write("closures.csv", "date,name\n2026-12-23,Office party\n")
        let config = scratch.write("tutahi.yaml", """
            data: {parties: parties.csv}
            calendars:
              northland: {region: NTL, extra: closures.csv}
            defaults: {calendar: northland}
            dimensions: {trust: {}}
            """)
        let declared = try CLI.run(["calendar", "--config", config, "--year", "2026"])
        #expect(declared.status == 0)
        #expect(declared.stdout.hasPrefix("northland, 2026:"))
        #expect(Self.line(in: declared.stdout, date: "Mon 26 January 2026") == "Auckland Anniversary Day")
        #expect(Self.line(in: declared.stdout, date: "Wed 23 December 2026") == "Office party")
    }

    @Test("a year past the Matariki schedule, or an unknown calendar, is one clear error line and exit 2")
    func refusals() throws {
        let late = try CLI.run(["calendar", "nz", "--year", "2053"])
        #expect(late.status == 2)
        #expect(late.stderr == "tutahi: error: calendar `nz` knows its days from 2000 to 2052 only "
            + "(Matariki's dates are fixed by law only to 2052)\n")
        let unknown = try CLI.run(["calendar", "nz-oai"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "tutahi: error: no calendar `nz-oai`; known: nz, nz-oia\n")
    }
}
