import TutahiPluginAPI
import TutahiSupport
import TutahiYAML

/// Turns the decoded config into a ``Configuration``: defaults, references, plugins and expressions.
struct ConfigurationResolver {
    let file: String
    let directory: String
    let registry: PluginRegistry
    let decoder: YAMLDecoder
    let logger: Logger
    var problems: [SourceError]
    /// The config file's bytes, as read once by the loader.
    var fileBytes: [UInt8] = []
    /// Files read besides the config file itself (`indicator_files`), in order, with their bytes.
    var includedFiles: [(path: String, bytes: [UInt8])] = []
    /// The values `${VAR}` brought into the config file.
    var secrets: Secrets = .none

    private static let reservedIDs: Set<String> = ["overall", "coverage"]

    mutating func resolve(_ raw: RawConfiguration, root: YAMLNode) -> Configuration? {
        if let version = raw.version?.value, version.value != 1 {
            problems.append(version.error("expected `version: 1`, found \(version.value)"))
        }
        var zone = Zone.auckland
        if let name = raw.timezone?.value {
            if let named = Zone(identifier: name.value) {
                zone = named
            } else {
                problems.append(name.error("unknown time zone `\(name.value)`; expected an IANA name such as `Pacific/Auckland`"))
            }
        }
        let data = resolveData(raw.data?.value, present: root["data"] != nil, at: root.mark)
        let defaults = raw.defaults?.value
        let defaultThresholds = check(defaults?.thresholds) ?? .standard
        checkWindow(defaults?.window)
        if let minN = defaults?.minN, minN.value < 0 { problems.append(minN.error("`min_n` must be 0 or more")) }
        let dimensions = resolveDimensions(raw.dimensions?.value, defaultThresholds: defaultThresholds)
        let calendars = resolveCalendars(raw.calendars?.value)
        let defaultCalendar = calendarName(defaults?.calendar, among: calendars) ?? "nz"
        let indicators = resolveIndicators(
            raw, dimensions: dimensions, defaults: defaults, defaultThresholds: defaultThresholds, zone: zone,
            calendars: calendars, defaultCalendar: defaultCalendar)
        let alerts = resolveAlerts(raw.alerts?.value ?? [], dimensions: dimensions, indicators: indicators)
        let outputs = resolveOutputs(raw.outputs?.value ?? [], hasStore: raw.store?.value != nil)
        let recipients = resolveRecipients((raw.recipients?.value ?? []).compactMap(\.value))
        let schedules = resolveSchedules((raw.schedules?.value ?? []).compactMap(\.value))
        let store = resolveStore(raw.store?.value)
        let monitor = resolveMonitor(raw.monitor?.value)
        let dashboard = resolveDashboard(raw, root: root)
        guard let data else { return nil }
        return Configuration(
            file: file, directory: directory, zone: zone, data: data,
            relationships: resolveRelationships(raw.relationships?.value), thresholds: defaultThresholds,
            dimensions: dimensions,
            indicators: indicators, alerts: alerts, store: store, monitor: monitor,
            outputs: outputs,
            notifiers: Dictionary(
                outputs.compactMap { output in output.notifier.map { (output.key, $0) } }, uniquingKeysWith: { a, _ in a }),
            recipients: recipients, schedules: schedules, calendars: calendars, defaultCalendar: defaultCalendar,
            dashboard: dashboard,
            secrets: includedFiles.reduce(secrets) { secrets, file in
                secrets.union(Secrets.referenced(in: String(decoding: file.bytes, as: UTF8.self), environment: decoder.environment))
            },
            digest: Self.digest(of: [(file, fileBytes)] + includedFiles))
    }

    /// The SHA-256 of the files' bytes, each preceded by its name, so a changed config shows in the run history.
    private static func digest(of files: [(path: String, bytes: [UInt8])]) -> String {
        var digest = SHA256()
        for file in files {
            digest.update(Array(file.path.utf8) + [0])
            digest.update(file.bytes)
        }
        return digest.hexDigest()
    }

    private mutating func resolveRecipients(_ raw: [RawRecipient]) -> [Recipient] {
        raw.map { recipient in
            for address in recipient.email where !EmailAddress.isPlausible(address.value) {
                problems.append(address.error("expected an email address such as `relationships@msd.example`, found `\(address.value)`"))
            }
            return Recipient(
                agency: recipient.agency.value, email: recipient.email.map(\.value).filter(EmailAddress.isPlausible),
                minimumSeverity: recipient.minSeverity ?? .info)
        }
    }

    private mutating func resolveSchedules(_ raw: [RawSchedule]) -> [Schedule] {
        var seen: Set<String> = []
        return raw.compactMap { schedule in
            if !seen.insert(schedule.id.value).inserted {
                problems.append(schedule.id.error("duplicate schedule id `\(schedule.id.value)`"))
            }
            do throws(CronExpression.ParseError) {
                return Schedule(id: schedule.id.value, cron: try CronExpression(parsing: schedule.cron.value))
            } catch {
                let mark = schedule.cron.mark
                problems.append(SourceError(error.message, at: SourceMark(
                    file: mark.file, line: mark.line, column: mark.column + error.offset + (schedule.cronQuoted ? 1 : 0))))
                return nil
            }
        }
    }

    /// A window must be longer than nothing.
    mutating func checkWindow(_ window: Located<Period>?) {
        if let window, window.value.isZero {
            problems.append(window.error("a `window` of \(window.value) holds nothing; give a duration such as `365d`"))
        }
    }

    mutating func check(_ thresholds: Located<Thresholds>?) -> Thresholds? {
        guard let thresholds else { return nil }
        for (name, value) in [("green", thresholds.value.green), ("amber", thresholds.value.amber)]
        where !Limits.thresholds.contains(value) {
            problems.append(thresholds.error("threshold `\(name)` must be a number from 0 to 100, found \(value)"))
            return nil
        }
        if thresholds.value.amber > thresholds.value.green {
            problems.append(thresholds.error("thresholds need amber ≤ green (amber \(thresholds.value.amber), green \(thresholds.value.green))"))
        }
        return thresholds.value
    }

    private mutating func resolveData(_ raw: RawData?, present: Bool, at mark: SourceMark) -> DataSources? {
        guard let raw else {
            if !present { problems.append(SourceError("missing required key `data`", at: mark)) }
            return nil
        }
        let surveys = (raw.surveys ?? []).compactMap(\.value).map { source in
            var columns: [String: String] = [:]
            if let c = source.columns {
                for (key, value) in [("response_id", c.responseID), ("respondent", c.respondent), ("about", c.about),
                    ("submitted_at", c.submittedAt), ("question", c.question), ("value", c.value)]
                {
                    if let value { columns[key] = value }
                }
            }
            return SurveySource(
                path: source.path.value, format: source.format, columns: columns,
                questions: source.questions?.value)
        }
        return DataSources(
            parties: raw.parties.value, surveys: surveys,
            interactions: (raw.interactions ?? []).compactMap(\.value?.path.value))
    }

    private func resolveRelationships(_ raw: RawRelationships?) -> RelationshipSelection {
        guard let raw else { return .automatic }
        let key = { (pair: RawPair) in RelationshipKey(agency: pair.agency.value, partner: pair.partner.value) }
        return RelationshipSelection(auto: raw.auto, include: raw.include.map(key), exclude: raw.exclude.map(key))
    }

    private mutating func resolveDimensions(
        _ raw: OrderedMapping<Collected<RawDimension>>?, defaultThresholds: Thresholds
    ) -> [DimensionConfiguration] {
        var dimensions: [DimensionConfiguration] = []
        for entry in raw?.entries ?? [] {
            if !Self.isIdentifier(entry.key) {
                problems.append(SourceError("dimension id `\(entry.key)` must match [a-z][a-z0-9_]*", at: entry.keyMark))
            }
            if Self.reservedIDs.contains(entry.key) {
                problems.append(SourceError("`\(entry.key)` is reserved; choose another dimension id", at: entry.keyMark))
            }
            guard let dimension = entry.value.value else {
                // Already reported; keep the id so indicators naming it are not reported again.
                dimensions.append(DimensionConfiguration(
                    id: entry.key, label: entry.key, weight: 1, thresholds: defaultThresholds))
                continue
            }
            if let weight = dimension.weight, !Limits.isUsable(weight: weight.value) {
                problems.append(weight.error(Limits.weightMessage))
            }
            dimensions.append(DimensionConfiguration(
                id: entry.key, label: dimension.label ?? entry.key, weight: dimension.weight?.value ?? 1,
                thresholds: check(dimension.thresholds) ?? defaultThresholds))
        }
        return dimensions
    }

    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// `store:` as an SQLite path or a PostgreSQL URL; a problem at its position otherwise.
    mutating func resolveStore(_ raw: Located<String>?) -> StoreLocation? {
        guard let raw else { return nil }
        do {
            return try StoreLocation.parse(raw.value, against: directory)
        } catch {
            problems.append(raw.error(error.description))
            return nil
        }
    }

    /// `monitor:`, lowercase letters, digits, `_` and `-`, starting with a letter or digit.
    mutating func resolveMonitor(_ raw: Located<String>?) -> String {
        guard let raw else { return "default" }
        func isLetterOrDigit(_ character: Character) -> Bool {
            character.isASCII && (character.isLowercase || character.isNumber)
        }
        let name = raw.value
        let wellFormed = name.first.map(isLetterOrDigit) == true
            && name.allSatisfy { isLetterOrDigit($0) || $0 == "_" || $0 == "-" }
        guard wellFormed, name.utf8.count <= Limits.monitorNameBytes else {
            problems.append(raw.error(
                "a monitor name is lowercase letters, digits, `_` and `-`, starting with a letter or digit, "
                    + "at most \(Limits.monitorNameBytes) characters"))
            return "default"
        }
        return raw.value
    }
}
