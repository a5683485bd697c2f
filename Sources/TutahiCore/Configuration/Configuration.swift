import TutahiPluginAPI

/// A checked configuration: every reference resolved, every plugin set up.
///
/// It describes itself by its file only, so that logging it (as a service's name, say) never
/// shows a password or token.
public struct Configuration: Sendable, CustomStringConvertible {
    /// `configuration FILE`.
    public var description: String { "configuration \(file)" }

    /// The config file as the user named it.
    public var file: String
    /// The directory relative paths resolve against.
    public var directory: String
    /// The configured time zone.
    public var zone: Zone
    /// Where the data comes from.
    public var data: DataSources
    /// Which relationships exist.
    public var relationships: RelationshipSelection
    /// `defaults.thresholds`: for overall and agency statuses.
    public var thresholds: Thresholds
    /// Dimensions, in config order.
    public var dimensions: [DimensionConfiguration]
    /// Indicators, inline ones first, then those from `indicator_files`, in order.
    public var indicators: [IndicatorConfiguration]
    /// Alert rules, in config order.
    public var alerts: [AlertRule]
    /// The store, if any: an SQLite file or a PostgreSQL database.
    public var store: StoreLocation?
    /// This config's monitor (`monitor:`, default `default`): its runs, alert states and outbox
    /// are its own in a store several monitors share.
    public var monitor: String
    /// Output sinks, in config order.
    public var outputs: [ConfiguredSink]
    /// The notification outputs by outbox key (`email#1`), from `outputs`.
    public var notifiers: [String: any Notifier]
    /// Who receives alert notifications.
    public var recipients: [Recipient]
    /// When `serve` runs checks.
    public var schedules: [Schedule]
    /// The calendars by name: the built-ins (`nz`, `nz-oia`) and those declared under `calendars:`.
    public var calendars: [String: CalendarDefinition]
    /// `defaults.calendar`, else `nz`.
    public var defaultCalendar: String
    /// `http:` and `viewers:`: the live view `serve` gives, when configured.
    public var dashboard: DashboardConfiguration?
    /// The values `${VAR}` brought into the configuration, never to be logged, listed or stored.
    public var secrets: Secrets
    /// A SHA-256 of the config file and the indicator files it includes (before `${VAR}` expansion,
    /// so no secret is in it).
    public var digest: String

    /// `path` resolved against the config directory.
    public func resolve(_ path: String) -> String {
        ConfigPath.resolve(path, against: directory)
    }
}

/// The data files of a configuration.
public struct DataSources: Sendable {
    /// The parties file, as written.
    public var parties: String
    /// Survey files, in config order.
    public var surveys: [SurveySource]
    /// Interaction files, as written, in config order.
    public var interactions: [String]
}

/// A survey file and how to read it.
public struct SurveySource: Sendable {
    /// Long (one answer per row) or wide (one response per row).
    public enum Format: String, ChoiceDecodable {
        /// One answer per row.
        case long
        /// One response per row, one column per question.
        case wide
    }

    /// The path, as written.
    public var path: String
    /// The format.
    public var format: Format
    /// Header names for the standard fields, by standard name.
    public var columns: [String: String]
    /// The question columns of a wide file; nil means every column not named in `columns`.
    public var questions: [String]?

    /// The header name for a standard field.
    public func column(_ name: String) -> String { columns[name] ?? name }
}

/// `relationships:`.
public struct RelationshipSelection: Sendable {
    /// Whether pairs with data are taken automatically.
    public var auto: Bool
    /// Pairs added even without data.
    public var include: [RelationshipKey]
    /// Pairs removed.
    public var exclude: [RelationshipKey]

    /// The default: automatic, nothing added or removed.
    public static let automatic = RelationshipSelection(auto: true, include: [], exclude: [])
}

/// A dimension of relationship health.
public struct DimensionConfiguration: Sendable {
    /// The id.
    public var id: String
    /// The label.
    public var label: String
    /// The weight in the overall score.
    public var weight: Double
    /// The thresholds for the dimension's status.
    public var thresholds: Thresholds
}

/// One configured indicator: common settings and its plugin.
public struct IndicatorConfiguration: Sendable {
    /// The id.
    public var id: String
    /// The plugin type name.
    public var plugin: String
    /// The dimension id.
    public var dimension: String
    /// The weight within the dimension.
    public var weight: Double
    /// The window length.
    public var window: Period
    /// The minimum n for a result.
    public var minimumCount: Int
    /// The thresholds for the status.
    public var thresholds: Thresholds
    /// Partner kinds the indicator applies to (nil: all).
    public var partnerKinds: Set<String>?
    /// Partner tags the indicator applies to (nil: all).
    public var partnerTags: Set<String>?
    /// The label for reports.
    public var label: String
    /// The description for reports.
    public var description: String?
    /// The calendar deadlines in working days are counted on.
    public var calendar: WorkingCalendar
    /// The plugin, set up with its options.
    public var instance: any IndicatorPlugin

    /// True when the indicator exists for a relationship with `partner`.
    public func applies(to partner: Party) -> Bool {
        if let kinds = partnerKinds, !kinds.contains(partner.kind) { return false }
        if let tags = partnerTags, !partner.tags.contains(where: tags.contains) { return false }
        return true
    }

    /// What a result with n < min_n shows.
    public var smallSamplePolicy: SmallSamplePolicy { type(of: instance).smallSamplePolicy }
}

/// One entry of `outputs:`: a file sink or a notifier.
public struct ConfiguredSink: Sendable {
    /// What the output is.
    public enum Output: Sendable {
        /// Writes or prints the scorecard.
        case sink(any OutputSink)
        /// Sends notifications through the outbox.
        case notifier(any Notifier)
    }

    /// The type name.
    public var type: String
    /// The output.
    public var output: Output
    /// A name for the outbox: the type, numbered among outputs of that type (`email#1`).
    public var key: String

    /// The file sink, if it is one.
    public var sink: (any OutputSink)? {
        if case .sink(let sink) = output { return sink }
        return nil
    }

    /// The notifier, if it is one.
    public var notifier: (any Notifier)? {
        if case .notifier(let notifier) = output { return notifier }
        return nil
    }
}

/// One entry of `recipients:`.
public typealias Recipient = AlertDigest.Recipient

/// One entry of `schedules:`.
public struct Schedule: Sendable {
    /// The id.
    public var id: String
    /// When it runs.
    public var cron: CronExpression
}
