import Foundation

/// What a use case returns: the resulting record and the events it caused.
public struct Outcome<Value: Sendable>: Sendable {
    public var value: Value
    public var events: [DomainEvent]

    public init(_ value: Value, events: [DomainEvent]) {
        self.value = value
        self.events = events
    }
}

extension Outcome: Equatable where Value: Equatable {}
extension Outcome: Encodable where Value: Encodable {}
extension Outcome: Decodable where Value: Decodable {}
