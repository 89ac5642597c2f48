import Foundation

/// A member of the department's staff.
public struct StaffMember: Sendable, Codable, Equatable, Identifiable {
    public var id: UUID
    public var name: PersonName
    public var profession: Profession
    public var jobTitle: String?
    public var registration: ProfessionalRegistration?
    public var active: Bool
    public var createdAt: Date

    public init(
        id: UUID, name: PersonName, profession: Profession, jobTitle: String? = nil,
        registration: ProfessionalRegistration? = nil, active: Bool = true, createdAt: Date
    ) {
        self.id = id
        self.name = name
        self.profession = profession
        self.jobTitle = jobTitle
        self.registration = registration
        self.active = active
        self.createdAt = createdAt
    }

    public var displayName: String {
        ([name.prefix].compactMap { $0 } + name.given + [name.family]).joined(separator: " ")
    }
}
