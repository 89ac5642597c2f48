import Foundation

/// A possible significant accidental or unintended exposure: what happened, the doses, the classifier's proposal
/// (kept as it was made, with the numbers then in force) and the physicist's decisions, newest last.
public struct SAUECase: Sendable, Codable, Equatable, Identifiable {
    /// Where the case stands.
    public enum Status: String, Sendable, Codable, CaseIterable {
        /// Proposed by the classifier; no physicist has decided yet.
        case awaitingReview = "awaiting-review"
        /// A physicist confirmed the proposal.
        case confirmed
        /// A physicist decided otherwise, with a reason.
        case overridden

        public var label: String {
            switch self {
            case .awaitingReview: "Awaiting the physicist"
            case .confirmed: "Confirmed"
            case .overridden: "Overridden"
            }
        }
    }

    /// A case's decisions are bounded: at most this many reviews.
    public static let maximumReviews = 50

    public var id: UUID
    /// The exam exposed, when the incident is tied to one.
    public var examID: UUID?
    /// The patient exposed; never part of the notification.
    public var patientID: UUID?
    public var occurredOn: CalendarDate
    public var modality: Modality?
    public var examName: String?
    /// What happened, in words that name no patient.
    public var summary: String
    public var incident: SAUEIncident
    /// The classifier's proposal when the case was reported.
    public var proposal: SAUEClassification
    /// The account that reported it.
    public var reportedBy: String
    public var reportedAt: Date
    public var reviews: [SAUEReview]

    public init(
        id: UUID, examID: UUID?, patientID: UUID?, occurredOn: CalendarDate, modality: Modality?, examName: String?,
        summary: String, incident: SAUEIncident, proposal: SAUEClassification, reportedBy: String, reportedAt: Date,
        reviews: [SAUEReview] = []
    ) {
        self.id = id
        self.examID = examID
        self.patientID = patientID
        self.occurredOn = occurredOn
        self.modality = modality
        self.examName = examName
        self.summary = summary
        self.incident = incident
        self.proposal = proposal
        self.reportedBy = reportedBy
        self.reportedAt = reportedAt
        self.reviews = reviews
    }

    /// The decision in force: the latest review.
    public var review: SAUEReview? { reviews.last }

    public var status: Status {
        switch review?.decision {
        case nil: .awaitingReview
        case .confirmed: .confirmed
        case .overridden: .overridden
        }
    }

    /// Whether the case is to be notified: the physicist's decision, or nil while awaiting it.
    public var notifiable: Bool? { review?.notifiable }

    /// A short reference quoted in the notification and by the enforcing authority (no patient in it).
    public var reference: String {
        "SAUE-\(occurredOn.year)-" + id.uuidString.prefix(8)
    }
}
