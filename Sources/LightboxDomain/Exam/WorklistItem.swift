import Foundation

/// One scheduled procedure step of the modality worklist (PS3.4 Annex K): a justified, booked exam
/// with everything the modality needs, gathered from the patient, request, booking, room, catalogue
/// and staff records.
public struct WorklistItem: Sendable, Codable, Equatable {
    /// Scheduled Procedure Step Status (0040,0020), PS3.3 §C.4.10.
    public enum StepStatus: String, Sendable, Codable {
        case scheduled = "SCHEDULED"
        case arrived = "ARRIVED"
        case ready = "READY"
        case started = "STARTED"
    }

    public var exam: Exam
    public var patient: Patient
    public var referrer: Referrer
    public var room: Room
    public var procedure: CatalogueEntry
    /// The member of staff the booking names to perform it.
    public var performingStaff: StaffMember?

    public init(
        exam: Exam, patient: Patient, referrer: Referrer, room: Room, procedure: CatalogueEntry,
        performingStaff: StaffMember?
    ) {
        self.exam = exam
        self.patient = patient
        self.referrer = referrer
        self.room = room
        self.procedure = procedure
        self.performingStaff = performingStaff
    }

    /// Booked → SCHEDULED, arrived → ARRIVED, Pause and Check done → READY, in progress → STARTED.
    public var stepStatus: StepStatus {
        switch exam.state {
        case .arrived: .arrived
        case .checked: .ready
        case .inProgress: .started
        default: .scheduled
        }
    }

    /// Requested Procedure ID and Scheduled Procedure Step ID: one step per requested procedure, both the
    /// accession number (at most 16 characters, within SH).
    public var requestedProcedureID: String { exam.accessionNumber }
    public var scheduledStepID: String { exam.accessionNumber }

    /// Pregnancy status as last known: the Pause and Check's answer, else the request's.
    public var pregnancyStatus: PregnancyAnswer? {
        exam.pauseAndCheck?.pregnancy?.answer ?? exam.pregnancyStatusOnRequest
    }

    /// Alerts the operator must see (the patient's alerts, a previous contrast reaction).
    public var medicalAlerts: [String] {
        patient.alerts + (patient.previousContrastReaction ? ["Previous reaction to contrast"] : [])
    }

    /// Known allergies: a previous contrast reaction is the one the record holds.
    public var allergies: [String] {
        patient.previousContrastReaction || !exam.contrastReactions.isEmpty ? ["Contrast media"] : []
    }
}
