import Foundation
import Logging
import Metrics
import Prometheus

extension LightboxServer {
    /// The process logger: key=value lines on standard error, so standard output stays for what a
    /// command prints for people and scripts (tokens, sign-ins, the listening address).
    public static func makeLogger(level: Logger.Level) -> Logger {
        var logger = Logger(label: "lightbox") { label in StreamLogHandler.standardError(label: label) }
        logger.logLevel = level
        return logger
    }

    /// Routes swift-metrics (Hummingbird's request counters and latency timers among them) into a
    /// Prometheus registry. Call once per process, before `run`.
    public static func bootstrapMetrics() -> PrometheusCollectorRegistry {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }
}
