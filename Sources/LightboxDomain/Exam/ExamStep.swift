import Foundation

/// One step of the journey: what happened, who did it, when, where and from which door.
public struct ExamStep: Sendable, Codable, Equatable {
    public var action: ExamAction?
    public var from: ExamState?
    public var to: ExamState
    public var at: Date
    public var actorUsername: String
    public var actorRole: AccessRole
    public var staffID: UUID?
    public var door: Door
    public var address: String?
    public var roomID: UUID?
    public var note: String?

    public init(
        action: ExamAction?, from: ExamState?, to: ExamState, at: Date, actor: Actor, roomID: UUID?, note: String?
    ) {
        self.action = action
        self.from = from
        self.to = to
        self.at = at
        self.actorUsername = actor.username
        self.actorRole = actor.role
        self.staffID = actor.staffID
        self.door = actor.door
        self.address = actor.address
        self.roomID = roomID
        self.note = note
    }
}
