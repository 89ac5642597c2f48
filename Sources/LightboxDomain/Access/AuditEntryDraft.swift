import Foundation

/// One audit entry before the store gives it a sequence number and chains it.
/// `action` is a stable dotted code (`exam.justified`, `patient.read`).
public struct AuditEntryDraft: Sendable, Codable, Equatable {
    public var actorUsername: String
    public var actorRole: String
    public var action: String
    public var patientID: UUID?
    public var examID: UUID?
    public var at: Date
    public var door: Door
    public var address: String?
    public var detail: String

    public init(
        actorUsername: String, actorRole: String, action: String, patientID: UUID?, examID: UUID?, at: Date,
        door: Door, address: String?, detail: String
    ) {
        self.actorUsername = actorUsername
        self.actorRole = actorRole
        self.action = action
        self.patientID = patientID
        self.examID = examID
        self.at = at
        self.door = door
        self.address = address
        self.detail = detail
    }

    public init(_ actor: Actor, action: String, patientID: UUID?, examID: UUID?, at: Date, detail: String) {
        self.init(
            actorUsername: actor.username, actorRole: actor.role.rawValue, action: action, patientID: patientID,
            examID: examID, at: at, door: actor.door, address: actor.address, detail: detail)
    }
}
