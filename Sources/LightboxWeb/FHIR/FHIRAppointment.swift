import Foundation
import LightboxDomain

/// Appointment (FHIR R4 §12.10) from an exam's booking: the room as a Location participant, the
/// patient as a Patient participant, start and end, status from the journey, `basedOn` the request.
public enum FHIRAppointment {
    /// Length of a booked slot while the exam has not finished: bookings hold a start time only, and
    /// FHIR needs an end for a booked appointment (invariant app-3). A finished exam's appointment
    /// ends when the exam was completed.
    public static let bookedSlotLength: TimeInterval = 15 * 60

    /// AppointmentStatus (FHIR R4 valueset appointmentstatus) for each state after booking:
    /// booked → `booked`; arrived, checked (Pause and Check) and in progress → `arrived`;
    /// completed and every later state → `fulfilled`; did not attend → `noshow`; cancelled →
    /// `cancelled`; discontinued at the modality → `arrived` (the patient came; the exam stopped).
    /// States before booking have no appointment (nil).
    public static func status(_ state: ExamState) -> String? {
        switch state {
        case .booked: "booked"
        case .arrived, .checked, .inProgress, .discontinued: "arrived"
        case .completed, .imagesChecked, .discharged, .reported, .reportVerified: "fulfilled"
        case .didNotAttend: "noshow"
        case .cancelled: "cancelled"
        case .requested, .justified, .rejected, .returnedForInformation: nil
        }
    }

    /// The journey states an appointment status stands for, for searches.
    public static func states(forStatus status: String) -> [ExamState] {
        ExamState.allCases.filter { Self.status($0) == status }
    }

    /// The appointment's time: from the booking to the exam's completion, or a booked slot.
    public static func period(_ exam: Exam) -> (start: Date, end: Date)? {
        guard let booking = exam.booking else { return nil }
        if let completed = exam.performance?.completedAt, completed > booking.scheduledAt {
            return (booking.scheduledAt, completed)
        }
        return (booking.scheduledAt, booking.scheduledAt.addingTimeInterval(bookedSlotLength))
    }

    /// The resource, nil when the exam has no booking.
    public static func resource(_ exam: Exam, _ reference: FHIRReferenceData) -> JSONValue? {
        guard let booking = exam.booking, let period = period(exam) else { return nil }
        let status = status(exam.state) ?? "booked"
        let participantStatus = status == "cancelled" || status == "noshow" ? "declined" : "accepted"
        return .fhir([
            ("resourceType", "Appointment"),
            ("id", .string(exam.id.uuidString)),
            ("meta", .fhir([("lastUpdated", .instant(exam.history.last?.at ?? booking.bookedAt))])),
            (
                "identifier",
                .array([
                    .fhir([
                        ("type", FHIRNamingSystem.identifierType("ACSN", "Accession ID")),
                        ("system", .string(FHIRNamingSystem.accessionNumber)),
                        ("value", .string(exam.accessionNumber)),
                    ])
                ])
            ),
            ("status", .string(status)),
            (
                "cancelationReason",
                status == "cancelled" ? exam.closureReason.map { .fhir([("text", .string($0))]) } : nil
            ),
            ("serviceType", .array([reference.examCode(exam)])),
            ("description", .string(exam.examName)),
            ("start", .instant(period.start)),
            ("end", .instant(period.end)),
            ("created", .instant(booking.bookedAt)),
            ("basedOn", .array([.fhir([("reference", .string("ServiceRequest/\(exam.id.uuidString)"))])])),
            (
                "participant",
                .array([
                    .fhir([
                        ("actor", .fhir([("reference", .string("Patient/\(exam.patientID.uuidString)"))])),
                        ("required", "required"),
                        ("status", .string(participantStatus)),
                    ]),
                    .fhir([
                        ("actor", reference.roomReference(booking.roomID)),
                        ("required", "required"),
                        ("status", "accepted"),
                    ]),
                ])
            ),
        ])
    }
}
