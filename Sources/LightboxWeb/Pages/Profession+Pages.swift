import LightboxDomain

extension Profession {
    /// The profession as staff say it.
    var label: String {
        switch self {
        case .radiographer: "Radiographer"
        case .radiologist: "Radiologist"
        case .reportingRadiographer: "Reporting radiographer"
        case .assistantPractitioner: "Assistant practitioner"
        case .radiographyAssistant: "Radiography assistant"
        case .imagingSupportWorker: "Imaging support worker"
        case .apprentice: "Apprentice"
        case .student: "Student"
        case .clinicalScientist: "Clinical scientist"
        case .manager: "Manager"
        case .referrer: "Referrer"
        case .administrator: "Administrator"
        }
    }
}
