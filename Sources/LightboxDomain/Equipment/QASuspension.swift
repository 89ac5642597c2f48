import Foundation

/// A room's QA suspension: the tests whose last result was at suspension level. The room stays suspended until
/// each of them has a pass (DOMAIN.md "Equipment QA": "a suspension-level result suspends the room until a pass").
public struct QASuspension: Sendable, Codable, Equatable {
    /// Codes of the tests still at suspension level.
    public var testCodes: [String]
    /// True when QA suspended the room (it was in use or restricted): the last pass puts it back in use. False when
    /// a manager had already suspended it: the pass clears the QA hold and the manager's suspension stands.
    public var suspendedRoom: Bool
    public var since: Date

    public init(testCodes: [String], suspendedRoom: Bool, since: Date) {
        self.testCodes = testCodes
        self.suspendedRoom = suspendedRoom
        self.since = since
    }
}
