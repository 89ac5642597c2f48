import Foundation

/// A dose that needs a physicist's look: an exam above a multiple of its DRL, or a patient whose
/// fluoroscopy doses over a window passed a cumulative threshold. Shown at image check and in the
/// physicist's queue (`GET /api/dose/alerts`) until acknowledged with a comment (audited).
public struct DoseAlert: Sendable, Codable, Equatable, Identifiable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// The exam's figure is above `DoseThresholds.referenceLevelAlertMultiple` × its DRL.
        case aboveReferenceLevel = "above-reference-level"
        /// The patient's total over `DoseThresholds.cumulativeWindowDays` reached a cumulative threshold.
        case cumulative

        public var label: String {
            switch self {
            case .aboveReferenceLevel: "Above the reference level"
            case .cumulative: "Cumulative dose"
            }
        }
    }

    public struct Acknowledgement: Sendable, Codable, Equatable {
        public var staffID: UUID?
        public var username: String
        public var at: Date
        public var comment: String

        public init(staffID: UUID?, username: String, at: Date, comment: String) {
            self.staffID = staffID
            self.username = username
            self.at = at
            self.comment = comment
        }
    }

    public var id: UUID
    public var kind: Kind
    /// The exam that raised it (for a cumulative alert, the exam that crossed the threshold).
    public var examID: UUID
    public var patientID: UUID
    public var examCode: String
    public var metric: DoseMetric
    /// The exam's figure, or the patient's total over the window.
    public var value: Double
    /// The figure it is above: multiple × DRL, or the cumulative threshold.
    public var limit: Double
    /// What it is in words, with the arithmetic.
    public var detail: String
    /// For a cumulative alert, the exams summed.
    public var examIDs: [UUID]
    public var raisedAt: Date
    public var acknowledgement: Acknowledgement?

    public init(
        id: UUID, kind: Kind, examID: UUID, patientID: UUID, examCode: String, metric: DoseMetric, value: Double,
        limit: Double, detail: String, examIDs: [UUID] = [], raisedAt: Date, acknowledgement: Acknowledgement? = nil
    ) {
        self.id = id
        self.kind = kind
        self.examID = examID
        self.patientID = patientID
        self.examCode = examCode
        self.metric = metric
        self.value = value
        self.limit = limit
        self.detail = detail
        self.examIDs = examIDs
        self.raisedAt = raisedAt
        self.acknowledgement = acknowledgement
    }

    public var isOpen: Bool { acknowledgement == nil }
}
