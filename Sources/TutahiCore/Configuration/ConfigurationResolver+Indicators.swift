import TutahiPluginAPI
import TutahiSupport
import TutahiYAML

extension ConfigurationResolver {
    mutating func resolveIndicators(
        _ raw: RawConfiguration, dimensions: [DimensionConfiguration], defaults: RawDefaults?,
        defaultThresholds: Thresholds, zone: Zone, calendars: [String: CalendarDefinition], defaultCalendar: String
    ) -> [IndicatorConfiguration] {
        var workingCalendars: [String: WorkingCalendar] = [:]
        var rawIndicators = (raw.indicators?.value ?? []).compactMap(\.value)
        for pattern in raw.indicatorFiles?.value ?? [] {
            rawIndicators += loadIndicatorFiles(matching: pattern)
        }
        let dimensionIDs = Set(dimensions.map(\.id))
        var seen: [String: SourceMark] = [:]
        var indicators: [IndicatorConfiguration] = []
        for indicator in rawIndicators {
            let id = indicator.id
            if !Self.isIdentifier(id.value) {
                problems.append(id.error("indicator id `\(id.value)` must match [a-z][a-z0-9_]*"))
            } else if id.value == "overall" || id.value == "coverage" || dimensionIDs.contains(id.value) {
                problems.append(id.error("indicator id `\(id.value)` is taken by \(dimensionIDs.contains(id.value) ? "a dimension" : "the overall score"); choose another"))
            }
            if let first = seen[id.value] {
                problems.append(id.error("duplicate indicator id `\(id.value)` (first defined at \(first))"))
            }
            seen[id.value] = seen[id.value] ?? id.mark
            if !dimensionIDs.contains(indicator.dimension.value) {
                var message = "undeclared dimension `\(indicator.dimension.value)`"
                if let near = Suggestion.nearest(to: indicator.dimension.value, among: dimensionIDs) {
                    message += "; did you mean `\(near)`?"
                } else {
                    message += "; declare it under `dimensions:`"
                }
                problems.append(indicator.dimension.error(message))
            }
            if let weight = indicator.weight, !Limits.isUsable(weight: weight.value) {
                problems.append(weight.error(Limits.weightMessage))
            }
            checkWindow(indicator.window)
            if let minN = indicator.minN, minN.value < 0 { problems.append(minN.error("`min_n` must be 0 or more")) }
            let thresholds = check(indicator.thresholds) ?? defaultThresholds
            let calendarName = calendarName(indicator.calendar, among: calendars) ?? defaultCalendar
            if workingCalendars[calendarName] == nil, let definition = calendars[calendarName] {
                workingCalendars[calendarName] = definition.workingCalendar()
            }
            guard let instance = makePlugin(indicator, zone: zone) else { continue }
            indicators.append(IndicatorConfiguration(
                id: id.value, plugin: indicator.plugin.value, dimension: indicator.dimension.value,
                weight: indicator.weight?.value ?? 1, window: indicator.window?.value ?? defaults?.window?.value ?? .days(365),
                minimumCount: indicator.minN?.value ?? defaults?.minN?.value ?? type(of: instance).defaultMinimumCount,
                thresholds: thresholds, partnerKinds: indicator.appliesTo?.partnerKinds.map(Set.init),
                partnerTags: indicator.appliesTo?.partnerTags.map(Set.init), label: indicator.label ?? id.value,
                description: indicator.description, calendar: workingCalendars[calendarName] ?? .weekdays,
                instance: instance))
        }
        return indicators
    }

    private mutating func makePlugin(_ indicator: RawIndicator, zone: Zone) -> (any IndicatorPlugin)? {
        let setup = IndicatorSetup(
            id: indicator.id.value, configDirectory: directory, zone: zone, configuration: indicator.node.jsonValue,
            configurationMark: indicator.node.mark, logger: logger)
        do {
            let plugin = try registry.makeIndicator(
                indicator.plugin.value, node: indicator.node, decoder: decoder, knownKeys: RawIndicator.commonKeys,
                setup: setup)
            guard let plugin else {
                problems.append(Self.unknown("plugin", indicator.plugin, among: registry.indicators.keys))
                return nil
            }
            return plugin
        } catch {
            record(error, at: indicator.node.mark)
        }
        return nil
    }

    private mutating func loadIndicatorFiles(matching pattern: Located<String>) -> [RawIndicator] {
        let paths = Glob.paths(matching: ConfigPath.resolve(pattern.value, against: directory))
        if paths.isEmpty {
            problems.append(pattern.error("`\(pattern.value)` matches no file"))
        }
        var indicators: [RawIndicator] = []
        for path in paths {
            let shown = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
            do {
                let parser = YAMLParser()
                let bytes = try parser.readFile(atPath: path, displayName: shown)
                includedFiles.append((path, bytes))
                guard let node = try parser.parse(bytes, file: shown) else {
                    problems.append(SourceError("the file is empty; expected one indicator mapping", at: SourceMark(file: shown, line: 1, column: 1)))
                    continue
                }
                let (indicator, found) = decoder.decodeCollecting(RawIndicator.self, from: node)
                problems += found
                if let indicator { indicators.append(indicator) }
            } catch {
                problems.append(error)
            }
        }
        return indicators
    }

    mutating func resolveAlerts(
        _ raw: [Collected<RawAlert>], dimensions: [DimensionConfiguration], indicators: [IndicatorConfiguration]
    ) -> [AlertRule] {
        let indicatorIDs = Set(indicators.map(\.id))
        let parsing = AlertRuleParsing(
            names: indicatorIDs.union(dimensions.map(\.id)).union(["overall", "coverage"]), indicatorIDs: indicatorIDs)
        var seen: [String: SourceMark] = [:]
        var rules: [AlertRule] = []
        for alert in raw.compactMap(\.value) {
            if let first = seen[alert.id.value] {
                problems.append(alert.id.error("duplicate alert id `\(alert.id.value)` (first defined at \(first))"))
            }
            seen[alert.id.value] = seen[alert.id.value] ?? alert.id.mark
            do {
                rules.append(try parsing.rule(from: alert))
            } catch {
                problems.append(error)
            }
        }
        return rules
    }

    mutating func resolveOutputs(_ raw: [Collected<RawOutput>], hasStore: Bool) -> [ConfiguredSink] {
        var sinks: [ConfiguredSink] = []
        var counts: [String: Int] = [:]
        for output in raw.compactMap(\.value) {
            if registry.sinks[output.type.value]?.isNotifier == true, !hasStore {
                problems.append(output.type.error(
                    "`\(output.type.value)` sends through the store's outbox, so it needs `store:` (such as `store: state/tutahi.sqlite`)"))
            }
            do {
                guard let sink = try registry.makeSink(
                    output.type.value, node: output.node, decoder: decoder,
                    setup: SinkSetup(configDirectory: directory, secrets: secrets))
                else {
                    problems.append(Self.unknown("output type", output.type, among: registry.sinks.keys))
                    continue
                }
                counts[output.type.value, default: 0] += 1
                sinks.append(ConfiguredSink(
                    type: output.type.value, output: sink, key: "\(output.type.value)#\(counts[output.type.value] ?? 1)"))
            } catch {
                record(error, at: output.node.mark)
            }
        }
        return sinks
    }

    /// Records an error thrown while setting up a plugin or sink.
    private mutating func record(_ error: any Error, at mark: SourceMark) {
        switch error {
        case let errors as SourceErrors: problems += errors.errors
        case let error as SourceError: problems.append(error)
        default: problems.append(SourceError("\(error)", at: mark))
        }
    }

    /// "unknown plugin `x`; did you mean `y`?", or the list of names when none is close.
    static func unknown(_ what: String, _ name: Located<String>, among names: some Collection<String>)
        -> SourceError
    {
        var message = "unknown \(what) `\(name.value)`"
        if let near = Suggestion.nearest(to: name.value, among: names) {
            message += "; did you mean `\(near)`?"
        } else {
            message += "; available: \(names.sorted().joined(separator: ", "))"
        }
        return name.error(message)
    }
}
