import Foundation

/// A message waiting to be sent to (or already sent to) an interface destination: for now, a verified
/// report for the hospital's systems (HL7 ORU^R01). Enqueued in the same transaction as the change it
/// announces, so a committed change is never left unannounced.
public struct OutboxMessage: Sendable, Codable, Equatable, Identifiable {
    public enum Kind: String, Sendable, Codable {
        case reportVerified = "report.verified"
    }

    public var id: UUID
    /// The configured destination's name (`DepartmentConfiguration.reportDestinations`).
    public var destination: String
    /// Position in the destination's queue: messages go out strictly in this order.
    public var sequence: Int64
    public var kind: Kind
    public var examID: UUID
    public var createdAt: Date
    public var attempts: Int
    public var nextAttemptAt: Date
    public var deliveredAt: Date?
    public var lastError: String?

    public init(
        id: UUID, destination: String, sequence: Int64 = 0, kind: Kind, examID: UUID, createdAt: Date,
        attempts: Int = 0, nextAttemptAt: Date, deliveredAt: Date? = nil, lastError: String? = nil
    ) {
        self.id = id
        self.destination = destination
        self.sequence = sequence
        self.kind = kind
        self.examID = examID
        self.createdAt = createdAt
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.deliveredAt = deliveredAt
        self.lastError = lastError
    }
}

/// The durable outbox of interface messages, ordered per destination.
public protocol OutboxRepository: Sendable {
    /// Appends to the destination's queue; the store assigns `sequence` (one more than the last).
    func enqueue(_ message: OutboxMessage) async throws
    /// The oldest undelivered message of the destination: nothing later goes out before it.
    func head(destination: String) async throws -> OutboxMessage?
    /// Records an attempt (delivered, or failed with the next attempt time).
    func update(_ message: OutboxMessage) async throws
    /// Messages by destination and sequence; `pendingOnly` leaves out delivered ones. At most `limit`.
    func list(destination: String?, pendingOnly: Bool, limit: Int) async throws -> [OutboxMessage]
}
