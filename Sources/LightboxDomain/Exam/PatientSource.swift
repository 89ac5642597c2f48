import Foundation

/// Where the patient comes from (Diagnostic Imaging Dataset "patient source setting").
public enum PatientSource: String, Sendable, Codable, CaseIterable {
    case emergencyDepartment, inpatient, outpatient, generalPractice, other
}
