import Foundation

/// Department staff.
public protocol StaffRepository: Sendable {
    func get(_ id: UUID) async throws -> StaffMember?
    func list() async throws -> [StaffMember]
    func insert(_ member: StaffMember) async throws
    func update(_ member: StaffMember) async throws
}
