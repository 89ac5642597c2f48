import Foundation

/// A staff member's profession or job title (DOMAIN.md, "People and their duties").
public enum Profession: String, Sendable, Codable, CaseIterable {
    case radiographer
    case radiologist
    case reportingRadiographer
    case assistantPractitioner
    case radiographyAssistant
    case imagingSupportWorker
    case apprentice
    case student
    case clinicalScientist
    case manager
    case referrer
    case administrator

    /// Professions regulated by a statutory register (HCPC, GMC): they act only with a registration
    /// recorded and in date.
    public var isRegulated: Bool {
        switch self {
        case .radiographer, .radiologist, .reportingRadiographer, .clinicalScientist: true
        default: false
        }
    }

    /// Professions that check images before discharge.
    public var mayCheckImages: Bool {
        switch self {
        case .radiographer, .reportingRadiographer, .radiologist: true
        default: false
        }
    }

    /// Professions that act only under a named supervisor.
    public var actsUnderSupervision: Bool {
        switch self {
        case .student, .apprentice, .assistantPractitioner: true
        default: false
        }
    }

    /// Professions that may supervise an assistant practitioner, student or apprentice performing an exposure.
    public var maySupervise: Bool {
        switch self {
        case .radiographer, .reportingRadiographer, .radiologist: true
        default: false
        }
    }
}
