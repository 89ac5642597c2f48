import Foundation

/// One category of the department's incident list (DOMAIN.md "Incidents and near misses"). The list is
/// configuration (`DepartmentConfiguration.incidentCategories`): a department adds its own, and retires one by
/// removing it (incidents already reported keep the code and label they were reported with).
public struct IncidentCategory: Sendable, Codable, Equatable, Hashable {
    /// Stable code, kept on each incident (`radiation`, `wrong-patient` …).
    public var code: String
    /// The category as staff say it.
    public var label: String
    /// An exposure may have been more than intended: the incident's page offers to open a dose incident
    /// (SAUE) case for the physicist (IR(ME)R 2017 reg. 8(4)).
    public var involvesExposure: Bool

    public init(code: String, label: String, involvesExposure: Bool = false) {
        self.code = code
        self.label = label
        self.involvesExposure = involvesExposure
    }

    /// The shipped list: the categories an imaging department's incident reporting uses (IR(ME)R, identification,
    /// the patient's safety in the room, contrast, equipment, information governance), then "other".
    public static let defaults: [IncidentCategory] = [
        IncidentCategory(
            code: "radiation", label: "Radiation: IR(ME)R exposure greater than intended", involvesExposure: true),
        IncidentCategory(code: "wrong-patient", label: "Wrong patient exposed or examined", involvesExposure: true),
        IncidentCategory(code: "wrong-exam", label: "Wrong exam, side or body part", involvesExposure: true),
        IncidentCategory(code: "pregnancy", label: "Pregnancy enquiry missed or wrong", involvesExposure: true),
        IncidentCategory(code: "fall", label: "Patient fall or injury"),
        IncidentCategory(code: "contrast", label: "Contrast reaction or extravasation"),
        IncidentCategory(code: "equipment", label: "Equipment failure"),
        IncidentCategory(code: "information-governance", label: "Information governance (data sent or shown wrongly)"),
        IncidentCategory(code: "communication", label: "Communication of results or alerts"),
        IncidentCategory(code: "staff-safety", label: "Staff safety or violence"),
        IncidentCategory(code: "other", label: "Other"),
    ]
}
