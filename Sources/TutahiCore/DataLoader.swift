import TutahiPluginAPI

/// Loads every data file a configuration names, in config order.
public struct DataLoader: Sendable {
    /// The configuration whose data to load.
    public var configuration: Configuration

    /// Creates a loader for `configuration`.
    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// Loads parties, surveys and interactions. Rejected rows are counted; a missing file,
    /// missing columns or a bad parties file throw.
    public func load(progress: (String) -> Void = { _ in }) throws(DataLoadError) -> Dataset {
        let data = configuration.data
        progress("reading \(data.parties)")
        let parties = try PartiesLoader(path: configuration.resolve(data.parties), displayName: data.parties).load()
        var rejections = RejectionLog()
        var surveys = SurveyCollector(parties: parties, zone: configuration.zone)
        for source in data.surveys {
            progress("reading \(source.path)")
            try SurveyFileLoader(source: source, path: configuration.resolve(source.path))
                .load(into: &surveys, rejections: &rejections)
        }
        var interactions = InteractionCollector(parties: parties, zone: configuration.zone)
        for file in data.interactions {
            progress("reading \(file)")
            try InteractionFileLoader(displayName: file, path: configuration.resolve(file))
                .load(into: &interactions, rejections: &rejections)
        }
        return Dataset(
            parties: parties, responses: surveys.responses, interactions: interactions.interactions,
            rejections: rejections)
    }
}
