import Foundation

/// Words for the statistics' rows, as a manager reads them (never raw enum names).
enum StatisticsWords {
    static func modality(_ modality: Modality) -> String {
        switch modality {
        case .CR: "Computed radiography (CR)"
        case .DX: "Digital radiography (DX)"
        case .RF: "Fluoroscopy (RF)"
        case .CT: "Computed tomography (CT)"
        case .MG: "Mammography (MG)"
        case .US: "Ultrasound (US)"
        case .NM: "Nuclear medicine (NM)"
        case .MR: "Magnetic resonance (MR)"
        case .XA: "Angiography (XA)"
        }
    }

    static func priority(_ priority: Priority) -> String {
        switch priority {
        case .routine: "Routine"
        case .urgent: "Urgent"
        case .inpatient: "Inpatient"
        case .emergency: "Emergency"
        case .twoWeekWait: "Two-week wait (suspected cancer)"
        }
    }

    static func source(_ source: PatientSource?) -> String {
        switch source {
        case .emergencyDepartment: "Emergency department"
        case .inpatient: "Inpatient"
        case .outpatient: "Outpatient"
        case .generalPractice: "GP direct access"
        case .other: "Other"
        case nil: "Not recorded"
        }
    }

    /// A percentage to one decimal place ("0.8 %").
    static func percent(_ value: Double?) -> String {
        guard let value else { return "no exams" }
        return String(format: "%.1f %%", value)
    }

    /// `part` of `whole` as a percentage; nil when there is nothing to divide.
    static func share(_ part: Int, of whole: Int) -> Double? {
        whole > 0 ? Double(part) * 100 / Double(whole) : nil
    }
}
