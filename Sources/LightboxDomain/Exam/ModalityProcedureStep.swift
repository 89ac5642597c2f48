import Foundation

/// The modality's own account of performing the exam (PS3.4 Annex F, Modality Performed Procedure
/// Step): its SOP Instance UID, the station, and how it ended.
public struct ModalityProcedureStep: Sendable, Codable, Equatable {
    /// Performed Procedure Step Status (0040,0252), PS3.3 §C.4.14.
    public enum Status: String, Sendable, Codable, CaseIterable {
        case inProgress = "IN PROGRESS"
        case completed = "COMPLETED"
        case discontinued = "DISCONTINUED"
    }

    /// The MPPS SOP Instance UID (Affected SOP Instance UID of the N-CREATE).
    public var sopInstanceUID: String
    /// The calling station's AE title.
    public var stationAETitle: String
    public var status: Status
    public var startedAt: Date
    public var endedAt: Date?
    /// Why the modality stopped, for a discontinued step.
    public var discontinuationReason: String?
    /// The series the modality reported while the step was in progress (an N-SET replaces the list).
    public var reportedProjections: [PerformedProjection]?
    /// The dose figures the modality reported while the step was in progress (an N-SET replaces them).
    public var reportedExposures: [ExposureFigures]?

    public init(
        sopInstanceUID: String, stationAETitle: String, status: Status = .inProgress, startedAt: Date,
        endedAt: Date? = nil, discontinuationReason: String? = nil, reportedProjections: [PerformedProjection]? = nil,
        reportedExposures: [ExposureFigures]? = nil
    ) {
        self.sopInstanceUID = sopInstanceUID
        self.stationAETitle = stationAETitle
        self.status = status
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.discontinuationReason = discontinuationReason
        self.reportedProjections = reportedProjections
        self.reportedExposures = reportedExposures
    }
}
