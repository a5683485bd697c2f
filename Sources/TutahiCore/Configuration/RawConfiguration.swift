import TutahiPluginAPI
import TutahiSupport
import TutahiYAML

/// The config file as written, before cross-checks; every section collects its own problems.
struct RawConfiguration: Decodable {
    var version: Collected<Located<Int>>?
    var timezone: Collected<Located<String>>?
    var data: Collected<RawData>?
    var relationships: Collected<RawRelationships>?
    var defaults: Collected<RawDefaults>?
    var dimensions: Collected<OrderedMapping<Collected<RawDimension>>>?
    var indicators: Collected<[Collected<RawIndicator>]>?
    var indicatorFiles: Collected<[Located<String>]>?
    var alerts: Collected<[Collected<RawAlert>]>?
    var store: Collected<Located<String>>?
    var monitor: Collected<Located<String>>?
    var outputs: Collected<[Collected<RawOutput>]>?
    var recipients: Collected<[Collected<RawRecipient>]>?
    var schedules: Collected<[Collected<RawSchedule>]>?
    var calendars: Collected<OrderedMapping<Collected<RawCalendar>>>?
    var http: Collected<RawHTTP>?
    var viewers: Collected<[Collected<RawViewer>]>?

    enum CodingKeys: String, CodingKey {
        case version, timezone, data, relationships, defaults, dimensions, indicators, alerts, store, monitor, outputs
        case recipients, schedules, calendars, http, viewers
        case indicatorFiles = "indicator_files"
    }
}

struct RawData: Decodable {
    var parties: Located<String>
    var surveys: [Collected<RawSurveySource>]?
    var interactions: [Collected<RawInteractionSource>]?
}

struct RawSurveySource: Decodable {
    typealias Format = SurveySource.Format

    struct Columns: Decodable {
        var responseID: String?
        var respondent: String?
        var about: String?
        var submittedAt: String?
        var question: String?
        var value: String?

        enum CodingKeys: String, CodingKey {
            case respondent, about, question, value
            case responseID = "response_id"
            case submittedAt = "submitted_at"
        }
    }

    var path: Located<String>
    var format: Format
    var columns: Columns?
    var questions: Located<[String]>?

    enum CodingKeys: String, CodingKey {
        case path, format, columns, questions
    }

    init(from decoder: any Decoder) throws {
        if YAMLDecoding.node(of: decoder)?.scalar != nil {
            path = try Located<String>(from: decoder)
            format = .long
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        path = try container.decode(Located<String>.self, forKey: .path)
        format = try container.decodeIfPresent(Format.self, forKey: .format) ?? .long
        columns = try container.decodeIfPresent(Columns.self, forKey: .columns)
        questions = try container.decodeIfPresent(Located<[String]>.self, forKey: .questions)
        if format == .long, let questions {
            throw questions.error("`questions` applies to `format: wide` only")
        }
    }
}

struct RawInteractionSource: Decodable {
    var path: Located<String>

    enum CodingKeys: String, CodingKey {
        case path
    }

    init(from decoder: any Decoder) throws {
        if YAMLDecoding.node(of: decoder)?.scalar != nil {
            path = try Located<String>(from: decoder)
        } else {
            path = try decoder.container(keyedBy: CodingKeys.self).decode(Located<String>.self, forKey: .path)
        }
        let lower = path.value.lowercased()
        guard lower.hasSuffix(".csv") || lower.hasSuffix(".jsonl") else {
            throw path.error("expected an interaction file ending in `.csv` or `.jsonl`, found `\(path.value)`")
        }
    }
}

struct RawPair: Decodable {
    var agency: Located<String>
    var partner: Located<String>
}

struct RawRelationships: Decodable {
    var auto: Bool
    var include: [RawPair]
    var exclude: [RawPair]

    enum CodingKeys: String, CodingKey {
        case auto, include, exclude
    }

    init(from decoder: any Decoder) throws {
        if let scalar = YAMLDecoding.node(of: decoder)?.scalar {
            guard scalar.text == "auto" else {
                let mark = YAMLDecoding.mark(of: decoder)
                throw SourceError("expected `auto` or a mapping with `auto`, `include`, `exclude`", at: mark)
            }
            auto = true
            include = []
            exclude = []
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        auto = try container.decodeIfPresent(Bool.self, forKey: .auto) ?? true
        include = try container.decodeIfPresent([RawPair].self, forKey: .include) ?? []
        exclude = try container.decodeIfPresent([RawPair].self, forKey: .exclude) ?? []
    }
}

struct RawDefaults: Decodable {
    var window: Located<Period>?
    var minN: Located<Int>?
    var thresholds: Located<Thresholds>?
    var calendar: Located<String>?

    enum CodingKeys: String, CodingKey {
        case window, thresholds, calendar
        case minN = "min_n"
    }
}

struct RawDimension: Decodable {
    var label: String?
    var weight: Located<Double>?
    var thresholds: Located<Thresholds>?
}

struct RawAppliesTo: Decodable, Sendable {
    var partnerKinds: [String]?
    var partnerTags: [String]?

    enum CodingKeys: String, CodingKey {
        case partnerKinds = "partner_kinds"
        case partnerTags = "partner_tags"
    }
}

/// The keys every indicator has; the plugin decodes the rest from the same mapping.
struct RawIndicator: Decodable {
    static let commonKeys: Set<String> = [
        "id", "plugin", "dimension", "weight", "window", "min_n", "thresholds", "applies_to", "label", "description",
        "calendar",
    ]

    var node: YAMLNode
    var id: Located<String>
    var plugin: Located<String>
    var dimension: Located<String>
    var weight: Located<Double>?
    var window: Located<Period>?
    var minN: Located<Int>?
    var thresholds: Located<Thresholds>?
    var appliesTo: RawAppliesTo?
    var label: String?
    var description: String?
    var calendar: Located<String>?

    enum CodingKeys: String, CodingKey {
        case id, plugin, dimension, weight, window, thresholds, label, description, calendar
        case minN = "min_n"
        case appliesTo = "applies_to"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard let node = YAMLDecoding.node(of: decoder) else {
            throw SourceError("indicators decode from YAML only", at: nil)
        }
        self.node = node
        id = try container.decode(Located<String>.self, forKey: .id)
        plugin = try container.decode(Located<String>.self, forKey: .plugin)
        dimension = try container.decode(Located<String>.self, forKey: .dimension)
        weight = try container.decodeIfPresent(Located<Double>.self, forKey: .weight)
        window = try container.decodeIfPresent(Located<Period>.self, forKey: .window)
        minN = try container.decodeIfPresent(Located<Int>.self, forKey: .minN)
        thresholds = try container.decodeIfPresent(Located<Thresholds>.self, forKey: .thresholds)
        appliesTo = try container.decodeIfPresent(RawAppliesTo.self, forKey: .appliesTo)
        label = try container.decodeIfPresent(String.self, forKey: .label)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        calendar = try container.decodeIfPresent(Located<String>.self, forKey: .calendar)
        // The plugin's own keys are checked when its options are decoded.
        _ = container.allKeys
    }
}

struct RawAlert: Decodable {
    var id: Located<String>
    var when: Located<String>
    var whenNode: YAMLNode
    var severity: AlertRecord.Severity
    var consecutiveRuns: Located<Int>?
    var message: Located<String>
    var messageNode: YAMLNode?
    var repeatAfter: Period?

    enum CodingKeys: String, CodingKey {
        case id, when, severity, message
        case consecutiveRuns = "for"
        case repeatAfter = "repeat"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Located<String>.self, forKey: .id)
        when = try container.decode(Located<String>.self, forKey: .when)
        whenNode = YAMLDecoding.node(of: decoder)?["when"] ?? YAMLNode(.mapping([]), at: when.mark)
        severity = try container.decodeIfPresent(AlertRecord.Severity.self, forKey: .severity) ?? .warning
        consecutiveRuns = try container.decodeIfPresent(Located<Int>.self, forKey: .consecutiveRuns)
        message = try container.decodeIfPresent(Located<String>.self, forKey: .message)
            ?? Located("{agency} / {partner}: \(when.value)", at: when.mark)
        messageNode = YAMLDecoding.node(of: decoder)?["message"]
        repeatAfter = try container.decodeIfPresent(Period.self, forKey: .repeatAfter)
        if let runs = consecutiveRuns, runs.value < 1 {
            throw runs.error("`for` counts consecutive runs: expected a whole number of at least 1")
        }
    }
}

struct RawOutput: Decodable {
    var node: YAMLNode
    var type: Located<String>

    enum CodingKeys: String, CodingKey {
        case type
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard let node = YAMLDecoding.node(of: decoder) else {
            throw SourceError("outputs decode from YAML only", at: nil)
        }
        self.node = node
        type = try container.decode(Located<String>.self, forKey: .type)
        _ = container.allKeys
    }
}

struct RawRecipient: Decodable {
    var agency: Located<String>
    /// One address or a list, each with its position.
    var email: [Located<String>]
    var minSeverity: AlertRecord.Severity?

    enum CodingKeys: String, CodingKey {
        case agency, email
        case minSeverity = "min_severity"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        agency = try container.decode(Located<String>.self, forKey: .agency)
        minSeverity = try container.decodeIfPresent(AlertRecord.Severity.self, forKey: .minSeverity)
        if YAMLDecoding.node(of: decoder)?["email"]?.sequence != nil {
            email = try container.decode([Located<String>].self, forKey: .email)
        } else {
            email = try container.decodeIfPresent(Located<String>.self, forKey: .email).map { [$0] } ?? []
        }
    }
}

struct RawSchedule: Decodable {
    var id: Located<String>
    var cron: Located<String>
    /// True when `cron` was written quoted (positions inside it shift by one).
    var cronQuoted: Bool

    enum CodingKeys: String, CodingKey { case id, cron }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Located<String>.self, forKey: .id)
        cron = try container.decode(Located<String>.self, forKey: .cron)
        cronQuoted = YAMLDecoding.node(of: decoder)?["cron"]?.scalar.map { !$0.isPlain } ?? false
    }
}

struct RawHTTP: Decodable {
    var listen: Located<String>
    var evidence: Located<Int>?
}

struct RawViewer: Decodable {
    var name: Located<String>
    var token: Located<String>
    var scope: Located<String>?
    var agencies: Located<[String]>?
    var partners: Located<[String]>?
}
