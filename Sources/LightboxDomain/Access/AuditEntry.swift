import Foundation

/// A stored audit entry: the draft's content with its place in the chain.
public struct AuditEntry: Sendable, Codable, Equatable {
    public var sequence: Int64
    public var actorUsername: String
    public var actorRole: String
    public var action: String
    public var patientID: UUID?
    public var examID: UUID?
    public var at: Date
    public var door: Door
    public var address: String?
    public var detail: String
    /// Hex SHA-256 of the previous entry's hash and this entry's content.
    public var hash: String

    public init(sequence: Int64, draft: AuditEntryDraft, hash: String) {
        self.sequence = sequence
        actorUsername = draft.actorUsername
        actorRole = draft.actorRole
        action = draft.action
        patientID = draft.patientID
        examID = draft.examID
        at = draft.at
        door = draft.door
        address = draft.address
        detail = draft.detail
        self.hash = hash
    }

    public var draft: AuditEntryDraft {
        AuditEntryDraft(
            actorUsername: actorUsername, actorRole: actorRole, action: action, patientID: patientID, examID: examID,
            at: at, door: door, address: address, detail: detail)
    }
}
