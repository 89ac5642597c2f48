import FluentPostgresDriver
import Foundation
import LightboxDomain
import Logging

/// Live events across nodes (DESIGN.md "Running"): every node sharing a PostgreSQL database notifies the
/// department's channel when a transaction changed exams (``FluentDepartmentStore``), and listens on it here.
extension LightboxDatabase {
    /// The PostgreSQL channel of this department's events. Channels belong to the whole database, not a schema,
    /// so departments kept in separate schemas of one database get separate channels.
    var eventChannel: String {
        ["lightbox_events", configuration.postgresSchema].compactMap { $0 }.joined(separator: "_")
    }

    /// On PostgreSQL, listens on the department's channel and hands the other nodes' events to `publisher`
    /// until the task is cancelled; a lost connection is opened again (waiting up to 5 seconds between tries),
    /// and since notifications sent meanwhile are lost, the first event after it is a refresh of everything.
    /// Returns at once on SQLite (one process, nothing to relay). `listening` is called each time the
    /// subscription is in place.
    public func relayEvents(
        to publisher: any DomainEventPublisher, listening: @escaping @Sendable () -> Void = {}
    ) async {
        guard engine == .postgres, case .postgres(let url) = configuration.location else { return }
        let channel = eventChannel
        var delay = Duration.milliseconds(250)
        var interrupted = false
        while !Task.isCancelled {
            do {
                let settings = try SQLPostgresConfiguration(url: try DatabaseConfiguration.postgresURLWithTLSMode(url))
                let connection = try await PostgresConnection.connect(
                    on: eventLoopGroup.any(), configuration: settings.coreConfiguration, id: 0, logger: logger)
                do {
                    try await connection.listen(on: channel) { notifications in
                        listening()
                        if interrupted {
                            publisher.publish([DomainEventNotification.refreshEverything(at: Date())])
                        }
                        delay = .milliseconds(250)
                        for try await notification in notifications {
                            relay(notification.payload, to: publisher)
                        }
                    }
                    try? await connection.close()
                } catch {
                    try? await connection.close()
                    throw error
                }
            } catch {
                if Task.isCancelled { break }
                logger.warning(
                    "The live-event listener lost PostgreSQL; trying again",
                    metadata: ["error": "\(String(reflecting: error))"])
            }
            interrupted = true
            try? await Task.sleep(for: delay)
            delay = min(delay * 2, .seconds(5))
        }
    }

    private func relay(_ payload: String, to publisher: any DomainEventPublisher) {
        guard
            let notification = try? DomainEventNotification.decoder.decode(
                DomainEventNotification.self, from: Data(payload.utf8))
        else {
            logger.debug("Ignored a malformed live-event notification")
            return
        }
        guard notification.node != nodeID else { return }
        publisher.publish(
            notification.overflow ? [DomainEventNotification.refreshEverything(at: Date())] : notification.events)
    }
}
