import Testing
import TutahiCore
import TutahiPluginAPI
import TutahiTestSupport

/// `http:` and `viewers:`: who may look, checked where the config says it.
@Suite("Dashboard configuration")
struct DashboardConfigTests {
    static let base = minimalConfig + "\nstore: state/t.sqlite\n"
    static let environment = ["T1": "0123456789abcdef-one", "T2": "0123456789abcdef-two", "SHORT": "abc"]

    @Test("viewers with scopes load; the token is the variable's value and never in a description")
    func loads() throws {
        let yaml = Self.base + """
            http: {listen: "0.0.0.0:8080", evidence: 10}
            viewers:
              - {name: oversight, token: "${T1}", scope: all}
              - {name: ngati-hine, token: "${T2}", partners: [iwi-01], agencies: [msd]}
            """
        let configuration = try loadConfig(yaml, environment: Self.environment).get()
        let dashboard = try #require(configuration.dashboard)
        #expect(dashboard.host == "0.0.0.0" && dashboard.port == 8080 && dashboard.evidenceLimit == 10)
        let viewers = try #require(dashboard.viewers)
        #expect(viewers.map(\.name) == ["oversight", "ngati-hine"])
        #expect(viewers[0].scope == .all && viewers[0].token == "0123456789abcdef-one")
        #expect(viewers[1].scope == .some(agencies: ["msd"], partners: ["iwi-01"]))
        #expect(viewers[1].sees(agency: "tpk", partner: "iwi-01") && viewers[1].sees(agency: "msd", partner: "com-1"))
        #expect(!viewers[1].sees(agency: "tpk", partner: "com-1"))
        #expect(viewers[1].seesRollUp(of: "msd") && !viewers[1].seesRollUp(of: "tpk"))
        #expect("\(viewers[1])" == "viewer ngati-hine")
        #expect(configuration.secrets.redact("x \(viewers[0].token) y") == "x *** y")
    }

    @Test("without viewers only a loopback address is allowed")
    func loopbackOnly() {
        #expect(problems(Self.base + "http: {listen: \"127.0.0.1:8080\"}").isEmpty)
        #expect(problems(Self.base + "http: {listen: \"[::1]:8080\"}").isEmpty)
        #expect(problems(Self.base + "http: {listen: \"localhost:0\"}").isEmpty)
        #expect(problems(Self.base + "http: {listen: \"0.0.0.0:8080\"}") == [
            "12:16: `0.0.0.0` is reachable from other machines: list who may look under `viewers:`, or listen on 127.0.0.1",
        ])
        #expect(problems(Self.base + "http: {listen: \"192.168.1.5:80\"}").count == 1)
    }

    @Test("bad listen addresses, literal and short tokens, clashes and empty scopes are errors at their place")
    func errors() {
        #expect(problems(Self.base + "http: {listen: \"8080\"}") == [
            "12:16: expected `HOST:PORT`, such as `127.0.0.1:8080` or `[::1]:8080`, found `8080`",
        ])
        #expect(problems(Self.base + "http: {listen: \"127.0.0.1:70000\"}").count == 1)
        let viewers = Self.base + """
            http: {listen: "127.0.0.1:8080"}
            viewers:
              - {name: a, token: "written-in-the-file-0123456789", scope: all}
              - {name: b, token: "${SHORT}", scope: all}
              - {name: c, token: "${T1}", scope: everything}
              - {name: d, token: "${T1}", partners: [iwi-01]}
              - {name: d, token: "${T2}"}
            """
        #expect(problems(viewers, environment: Self.environment) == [
            "14:22: write the token as `${VARIABLE}` and set it in the environment: a token in the file is a secret in the file",
            "15:22: the token is 3 characters; at least 16 are needed (such as `openssl rand -hex 24`)",
            "16:38: expected `scope: all`, or `agencies:` and `partners:` lists, found `everything`",
            "17:22: two viewers share this token; each needs its own",
            "18:12: a second viewer named `d`",
            "18:12: viewer `d` sees nothing: give `scope: all`, or `agencies:` or `partners:` with at least one id",
        ])
    }

    @Test("viewers need http:, and http: needs a store")
    func dependencies() {
        #expect(problems(minimalConfig + "\nviewers: []\n") == ["11:10: `viewers:` needs `http:` (the address `serve` answers on)"])
        #expect(problems(minimalConfig + "\nhttp: {listen: \"127.0.0.1:1\"}\n") == [
            "11:7: `http:` needs `store:`: the pages show the store's last recorded run",
        ])
    }
}

/// JSON read back exactly as Tūtahi writes it.
@Suite("JSON parsing")
struct JSONParsingTests {
    @Test("what serialized() writes parses back equal, key order and number kinds included")
    func roundTrip() throws {
        let value = JSONValue.object([
            ("b", .int(-3)), ("a", .number(0.1)), ("z", .number(3.0)), ("e", .number(1e-7)), ("n", .null),
            ("t", .bool(true)), ("s", .string("Ngāti \"Hine\"\n\u{1}/\\ 🌿")), ("l", .array([.array([]), .object([])])),
        ])
        #expect(try JSONValue.parse(value.serializedBytes()) == value)
        #expect(try JSONValue.parse(value.serializedBytes(indent: 2)) == value)
    }

    @Test("escapes, surrogate pairs and whitespace")
    func escapes() throws {
        #expect(try JSONValue.parse(Array(#" {"k" : [ "\u00e9\ud83c\udf3f\t" , 1.5E2 ] } "#.utf8))
            == .object([("k", .array([.string("é🌿\t"), .number(150)]))]))
    }

    @Test("bad text is refused at its byte", arguments: [
        ("{\"a\" 1}", 5), ("[1,]", 3), ("01", 2), ("\"open", 5), ("tru", 0), ("[1] x", 4), ("{\"a\":\"\u{1}\"}", 6),
        ("\"\\ud800\"", 7),
    ])
    func refused(_ text: String, _ offset: Int) {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(Array(text.utf8)) }
        do {
            _ = try JSONValue.parse(Array(text.utf8))
        } catch {
            #expect(error.offset == offset, "\(text): \(error)")
        }
    }

    @Test("nesting deeper than the limit is refused, not a crash")
    func deep() {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONValue.parse(Array(text.utf8)) }
    }
}
