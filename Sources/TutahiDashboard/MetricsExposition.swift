import Prometheus
import TutahiCore
import TutahiPluginAPI

/// `/metrics`: the published run in the Prometheus text format, through swift-prometheus.
///
/// A registry is made for each scrape from the run shown, so a relationship that is gone is gone
/// from the metrics too (no stale series), and every value is the recorded run's.
enum MetricsExposition {
    static func text(_ published: PublishedRun?, outboxPending: Int?) -> [UInt8] {
        let registry = PrometheusCollectorRegistry()
        if let outboxPending {
            gauge(registry, name: "tutahi_outbox_pending", help: "Notifications waiting in the outbox to be delivered.")
                .set(Double(outboxPending))
        }
        guard let published else { return registry.emitToBuffer() }
        let scorecard = published.scorecard
        let scoreHelp = "A relationship's score in the last recorded run, 0 to 100 (overall or one dimension); absent when not scored."
        for relationship in scorecard.relationships {
            let named = [("overall", relationship.overall.score)] + relationship.dimensions.map { ($0.id, $0.result.score) }
            for (dimension, score) in named {
                guard let score else { continue }
                let labels = [("agency", relationship.agency.id), ("partner", relationship.partner.id), ("dimension", dimension)]
                gauge(registry, name: "tutahi_relationship_score", labels: labels, help: scoreHelp).set(score)
            }
        }
        for state in [AlertRecord.State.firing, .pending, .resolved] {
            for severity in AlertRecord.Severity.allCases {
                gauge(
                    registry, name: "tutahi_alerts", labels: [("state", state.rawValue), ("severity", severity.rawValue)],
                    help: "Alerts in the last recorded run by state (resolved: in that run) and severity."
                ).set(Double(scorecard.alerts.count { $0.state == state && $0.severity == severity }))
            }
        }
        let run = published.run
        gauge(
            registry, name: "tutahi_last_run_timestamp_seconds",
            help: "When the last recorded run finished, in seconds since 1970 UTC."
        ).set(Double(run.finishedAt) / 1e9)
        gauge(registry, name: "tutahi_last_run_as_of_seconds", help: "The as-of of the last recorded run, in seconds since 1970 UTC.")
            .set(Double(run.asOf) / 1e9)
        gauge(registry, name: "tutahi_run_duration_seconds", help: "How long the last recorded run took.")
            .set(Double(run.finishedAt - run.startedAt) / 1e9)
        gauge(registry, name: "tutahi_rows_rejected", help: "Data rows the last recorded run rejected.")
            .set(Double(run.rowsRejected))
        gauge(registry, name: "tutahi_relationships", help: "Relationships in the last recorded run.")
            .set(Double(run.relationships))
        return registry.emitToBuffer()
    }

    /// The gauge `name` (a full series name) with `labels` in `registry`.
    private static func gauge(
        _ registry: PrometheusCollectorRegistry, name: String, labels: [(String, String)] = [], help: String
    ) -> Gauge {
        registry.makeGauge(
            descriptor: MetricNameDescriptor(metricName: name, unitName: "", helpText: help), labels: labels)
    }
}
