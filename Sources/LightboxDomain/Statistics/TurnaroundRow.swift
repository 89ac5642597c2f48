import Foundation

/// One performed exam as reporting turnaround sees it: what it was, who it was for, when it was performed and
/// when its report was issued.
public struct TurnaroundRow: Sendable, Equatable {
    public var modality: Modality
    public var priority: Priority
    public var patientSource: PatientSource?
    public var performedAt: Date
    public var reportIssuedAt: Date?

    public init(
        modality: Modality, priority: Priority, patientSource: PatientSource?, performedAt: Date, reportIssuedAt: Date?
    ) {
        self.modality = modality
        self.priority = priority
        self.patientSource = patientSource
        self.performedAt = performedAt
        self.reportIssuedAt = reportIssuedAt
    }
}
