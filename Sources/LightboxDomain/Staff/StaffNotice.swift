import Foundation

/// A notice shown on a home page: to the member of staff it is about, or to the department's managers.
public struct StaffNotice: StaffRecord {
    public static let kind = "notice"

    public enum Audience: String, Sendable, Codable {
        /// The member of staff the notice is about.
        case person
        /// Everyone signed in as a manager.
        case managers
    }

    public var id: UUID
    /// Whom the notice is about.
    public var staffID: UUID
    public var audience: Audience
    public var message: String
    public var createdAt: Date

    public init(id: UUID, staffID: UUID, audience: Audience, message: String, createdAt: Date) {
        self.id = id
        self.staffID = staffID
        self.audience = audience
        self.message = message
        self.createdAt = createdAt
    }

    /// Shown to `actor`: their own notices, and the managers' to a manager.
    public func isFor(_ actor: Actor) -> Bool {
        switch audience {
        case .person: actor.staffID == staffID
        case .managers: actor.role == .manager
        }
    }

    public var listedAt: Date { createdAt }
}
