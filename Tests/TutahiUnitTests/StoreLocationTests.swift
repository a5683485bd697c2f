import Testing
import TutahiCore
import TutahiTestSupport

@Suite("store: and monitor: in the config")
struct StoreLocationTests {
    @Test("a postgresql URL is read whole, its password never shown; a path resolves against the config")
    func locations() throws {
        let url = try StoreLocation.parse("postgresql://tutahi:s%40cret@db.example.org/health?sslmode=require", against: "/srv")
        guard case .postgres(let address) = url else { Issue.record("not PostgreSQL: \(url)"); return }
        #expect(address.user == "tutahi" && address.password == "s@cret" && address.host == "db.example.org")
        #expect(address.port == 5432 && address.database == "health" && address.tls == .require)
        #expect("\(url)" == "postgresql://tutahi@db.example.org:5432/health")
        #expect(try StoreLocation.parse("state/t.sqlite", against: "/srv") == .sqlite(path: "/srv/state/t.sqlite"))
        #expect(try StoreLocation.parse("postgres://u@h:6543/d", against: ".") == .postgres(try PostgresAddress(parsing: "postgresql://u@h:6543/d")))
    }

    @Test("bad store URLs and monitor names are errors at their positions")
    func problems() {
        #expect(TutahiTestSupport.problems(minimalConfig + "\nstore: \"postgresql://db.example.org/x\"\n") == [
            "11:8: expected `postgresql://USER[:PASSWORD]@HOST[:PORT]/DB`: the user is missing",
        ])
        #expect(TutahiTestSupport.problems(minimalConfig + "\nstore: \"postgresql://u@h/\"\n") == [
            "11:8: expected `postgresql://USER[:PASSWORD]@HOST[:PORT]/DB`: the database name is missing",
        ])
        #expect(TutahiTestSupport.problems(minimalConfig + "\nstore: \"postgresql://u@h/d?ssl=1\"\n") == [
            "11:8: the only setting a store URL takes is `sslmode=disable|prefer|require`",
        ])
        #expect(TutahiTestSupport.problems(minimalConfig + "\nstore: \"mysql://u@h/d\"\n") == [
            "11:8: expected an SQLite file path or `postgresql://USER[:PASSWORD]@HOST[:PORT]/DB`",
        ])
        #expect(TutahiTestSupport.problems(minimalConfig + "\nmonitor: Te-Tai\n") == [
            "11:10: a monitor name is lowercase letters, digits, `_` and `-`, starting with a letter or digit, at most 40 characters",
        ])
        #expect(TutahiTestSupport.problems(minimalConfig + "\nmonitor: te-tai-tokerau\n").isEmpty)
    }
}
