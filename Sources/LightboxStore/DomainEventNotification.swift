import Foundation
import LightboxDomain

/// The payload of one PostgreSQL notification on the department's event channel: the committing
/// node (so it does not hear its own events twice) and the events, or, when a unit of work changed
/// more exams than fit, none and `overflow` (listeners then refresh everything).
struct DomainEventNotification: Codable, Sendable {
    var node: UUID
    var events: [DomainEvent]
    var overflow: Bool

    /// Most events sent in one unit of work's notifications; PostgreSQL's payload limit is 8000 bytes
    /// and one event is about 250.
    static let maximumEvents = 20

    /// The event a listener publishes when it may have missed some (overflow, or the connection was
    /// lost for a while): the pages refresh everything.
    static func refreshEverything(at moment: Date) -> DomainEvent {
        DomainEvent(name: "exams.changed", at: moment)
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        return encoder
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return decoder
    }

    /// The notifications announcing `events` from `node`: one per event, or one overflow marker.
    static func payloads(node: UUID, events: [DomainEvent]) throws -> [String] {
        let batches: [DomainEventNotification] =
            events.count > maximumEvents
            ? [DomainEventNotification(node: node, events: [], overflow: true)]
            : events.map { DomainEventNotification(node: node, events: [$0], overflow: false) }
        return try batches.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
    }
}
