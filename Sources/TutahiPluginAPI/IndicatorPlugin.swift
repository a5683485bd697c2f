/// An indicator type users name in `plugin:`, such as `survey_scale`.
///
/// A plugin declares its options as a `Decodable` type (decoded from the indicator's own YAML keys,
/// with positions, so validation and documentation come from one place) and measures relationships
/// over a window from read-only evidence. It must be pure: the same input gives the same output.
///
/// Most plugins measure one relationship at a time: adopt ``RelationshipIndicatorPlugin``.
public protocol IndicatorPlugin: Sendable {
    /// The plugin's options, decoded from the indicator's keys other than the common ones.
    associatedtype Options: Decodable & Sendable

    /// The name users write in `plugin:`.
    static var type: String { get }
    /// One line saying what the indicator measures.
    static var summary: String { get }
    /// `min_n` when neither the indicator nor `defaults` sets one.
    static var defaultMinimumCount: Int { get }
    /// What a result with n < min_n shows.
    static var smallSamplePolicy: SmallSamplePolicy { get }
    /// The plugin's own keys, for `tutahi plugins` (checked against `Options` by the tests).
    static var options: [OptionDocumentation] { get }

    /// Checks `options` (throwing ``SourceError``s at their positions) and prepares the indicator.
    init(options: Options, setup: IndicatorSetup) throws

    /// The answer scale a survey-based indicator reads (`1...5`), so reports can say "3.7 on a 1–5
    /// scale" and draw means to scale; nil (the default) for others.
    var answerScale: ClosedRange<Int>? { get }

    /// What the indicator measures, in plain words, from its options ("Requests from the partner
    /// closed by the agency within 10 days"), for reports when the config gives no `description`.
    var defaultDescription: String? { get }

    /// A scored observation's value in words with its units ("5 of 7 in time (71%)", "3.7 on a 1–5
    /// scale"), for reports; never asked of a suppressed result.
    func reading(of observation: Observation) -> String?

    /// Measures every relationship in `relationships`; the result is parallel to it, nil meaning no result.
    func measure(_ relationships: [RelationshipEvidence], context: MeasurementContext) async throws -> [Observation?]
}

extension IndicatorPlugin {
    /// Results with few items are `no_data`.
    public static var smallSamplePolicy: SmallSamplePolicy { .noData }

    /// No answer scale.
    public var answerScale: ClosedRange<Int>? { nil }

    /// No description of its own.
    public var defaultDescription: String? { nil }

    /// No reading of its own: reports show the bare value.
    public func reading(of observation: Observation) -> String? { nil }
}

/// An indicator plugin that measures each relationship on its own.
public protocol RelationshipIndicatorPlugin: IndicatorPlugin {
    /// Measures one relationship over `context.window`.
    ///
    /// A plugin that cannot measure (a deadline outside the years its calendar knows) throws; the
    /// indicator is then `error` for every relationship in this run.
    func measure(_ evidence: RelationshipEvidence, context: MeasurementContext) throws -> Observation
}

extension RelationshipIndicatorPlugin {
    /// Measures each relationship in turn.
    public func measure(_ relationships: [RelationshipEvidence], context: MeasurementContext) async throws
        -> [Observation?]
    {
        // By position, so that each relationship's evidence is lent to `measure` rather than copied.
        var observations: [Observation?] = []
        observations.reserveCapacity(relationships.count)
        for index in relationships.indices { observations.append(try measure(relationships[index], context: context)) }
        return observations
    }
}

/// What a plugin knows when it is set up.
public struct IndicatorSetup: Sendable {
    /// The indicator's id.
    public var id: String
    /// The directory of the config file, against which relative paths resolve.
    public var configDirectory: String
    /// The configured time zone.
    public var zone: Zone
    /// The indicator's whole mapping from the config, as JSON.
    public var configuration: JSONValue
    /// Where the indicator is written in the config, for errors about it as a whole.
    public var configurationMark: SourceMark?
    /// The log, with the indicator's id in its metadata.
    public var logger: Logger

    /// Creates a setup.
    public init(
        id: String, configDirectory: String, zone: Zone, configuration: JSONValue = .object([]),
        configurationMark: SourceMark? = nil, logger: Logger = Logger(label: "tutahi.indicator")
    ) {
        var logger = logger
        logger[metadataKey: "indicator"] = "\(id)"
        self.logger = logger
        self.id = id
        self.configurationMark = configurationMark
        self.configDirectory = configDirectory
        self.zone = zone
        self.configuration = configuration
    }
}

/// When and how a plugin measures.
public struct MeasurementContext: Sendable {
    /// The instant of the check: nothing at or after it exists.
    public var asOf: Instant
    /// The indicator's window, `[as_of - window, as_of)`.
    public var window: Window
    /// The configured time zone, for calendar arithmetic.
    public var zone: Zone
    /// The indicator's working-day calendar (its `calendar` key, else `defaults.calendar`, else `nz`),
    /// for deadlines in working days.
    public var calendar: WorkingCalendar
    /// Whether an output or command wants the evidence behind each result (``Observation/evidence``).
    /// When false, a plugin should not spend time collecting it.
    public var wantsEvidence: Bool

    /// Creates a context; without a calendar, Monday to Friday are the working days.
    public init(
        asOf: Instant, window: Window, zone: Zone, calendar: WorkingCalendar = .weekdays, wantsEvidence: Bool = false
    ) {
        self.asOf = asOf
        self.window = window
        self.zone = zone
        self.calendar = calendar
        self.wantsEvidence = wantsEvidence
    }
}
