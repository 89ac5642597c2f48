import Foundation

/// The source of new identifiers. Injected so tests can predict them.
public protocol IDGenerator: Sendable {
    func next() -> UUID
}
