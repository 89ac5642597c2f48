import Foundation

/// A performed procedure step (PS3.4 Annex F) a modality reported for an exam Lightbox does not know: no exam has
/// its accession number or Study Instance UID. The modality has exposed the patient whatever we answer, so the
/// step is accepted and held on the reconciliation list, with what the modality said of the patient and every
/// later N-SET, until a radiographer links it to its exam — which then follows the step: started, then updated,
/// completed or discontinued as the modality reported — or rejects it. Nothing is linked silently.
public struct HeldModalityStep: Sendable, Codable, Equatable {
    /// A person's decision on the step.
    public enum Decision: String, Sendable, Codable, CaseIterable {
        case waiting
        case linked
        case rejected
    }

    /// One N-SET received while the step was held (PS3.4 §F.7.2.2), in order.
    public struct Update: Sendable, Codable, Equatable {
        /// IN PROGRESS (series and figures so far), COMPLETED or DISCONTINUED.
        public var status: ModalityProcedureStep.Status
        public var end: ModalityStepEnd
        public var receivedAt: Date

        public init(status: ModalityProcedureStep.Status, end: ModalityStepEnd, receivedAt: Date) {
            self.status = status
            self.end = end
            self.receivedAt = receivedAt
        }
    }

    /// What the modality says of the patient and the procedure (Patient's Name, Patient ID, Patient's Birth Date,
    /// Performed Procedure Step Description), as received, for the person who links the step.
    public struct Subject: Sendable, Codable, Equatable {
        public var patientName: String?
        public var patientID: String?
        public var patientBirthDate: String?
        public var procedureDescription: String?

        public init(
            patientName: String? = nil, patientID: String? = nil, patientBirthDate: String? = nil,
            procedureDescription: String? = nil
        ) {
            self.patientName = patientName
            self.patientID = patientID
            self.patientBirthDate = patientBirthDate
            self.procedureDescription = procedureDescription
        }
    }

    /// The most N-SETs kept for one held step; a modality sending more is answered with a processing failure.
    public static let maximumUpdates = 100

    public var id: UUID
    /// The N-CREATE as the domain reads it (step UID, station, the exam it named, operator).
    public var start: ModalityStart
    public var subject: Subject
    /// The step's status as the modality last set it.
    public var status: ModalityProcedureStep.Status
    public var updates: [Update]
    public var decision: Decision
    /// The exam it was linked to.
    public var examID: UUID?
    /// Why it is held, or what a person decided.
    public var detail: String
    public var receivedAt: Date
    public var updatedAt: Date

    public init(
        id: UUID, start: ModalityStart, subject: Subject, status: ModalityProcedureStep.Status = .inProgress,
        updates: [Update] = [], decision: Decision = .waiting, examID: UUID? = nil, detail: String,
        receivedAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.start = start
        self.subject = subject
        self.status = status
        self.updates = updates
        self.decision = decision
        self.examID = examID
        self.detail = detail
        self.receivedAt = receivedAt
        self.updatedAt = updatedAt
    }

    public var sopInstanceUID: String { start.sopInstanceUID }
}
