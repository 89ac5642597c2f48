import Foundation

/// Who is acting: the signed-in account's staff member (if any), username, role, the door the
/// command came through and the network address it came from. Passed to every use case.
public struct Actor: Sendable, Codable, Equatable {
    public var staffID: UUID?
    public var username: String
    public var role: AccessRole
    public var door: Door
    public var address: String?
    /// The referrer the signed-in account requests as, when it is linked to one: such an actor
    /// never names another referrer.
    public var referrerID: UUID?

    public init(
        staffID: UUID?, username: String, role: AccessRole, door: Door, address: String? = nil,
        referrerID: UUID? = nil
    ) {
        self.referrerID = referrerID
        self.staffID = staffID
        self.username = username
        self.role = role
        self.door = door
        self.address = address
    }
}
