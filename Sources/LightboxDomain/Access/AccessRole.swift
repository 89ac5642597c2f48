import Foundation

/// The role an account signs in with. It decides which capabilities (`Permission`) are open;
/// IR(ME)R entitlements are checked separately, at the moment of acting.
public enum AccessRole: String, Codable, Sendable, CaseIterable {
    case referrer
    case supportWorker = "support-worker"
    case apprentice
    case student
    case assistantPractitioner = "assistant-practitioner"
    case radiographer
    case radiologist
    case reportingRadiographer = "reporting-radiographer"
    case physicist
    case manager
    case admin
    case integration
}
