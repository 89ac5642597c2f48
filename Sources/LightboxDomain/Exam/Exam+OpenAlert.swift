import Foundation

extension Exam {
    /// Whether an alert on this exam is still waiting for someone (DOMAIN.md "Urgent and unexpected findings"):
    /// an out-of-range observation not yet acknowledged, or a verified report's alert the referrer's team has
    /// not acknowledged. The store keeps it as a column so the open alerts are found without reading every exam.
    public var hasOpenAlert: Bool {
        if vitalSignsAlerts.contains(where: \.isOpen) { return true }
        guard let report, report.alert != nil else { return false }
        return report.verifiedAt != nil && report.alertAcknowledgedAt == nil
    }
}
