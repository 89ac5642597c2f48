import Foundation

/// Where a store hands the events of a unit of work once it has committed (never before, so a
/// listener never sees a change that was rolled back): live lists on the pages, and through
/// PostgreSQL's LISTEN/NOTIFY the other nodes' pages. Publishing must not block or fail the change.
public protocol DomainEventPublisher: Sendable {
    func publish(_ events: [DomainEvent])
}
