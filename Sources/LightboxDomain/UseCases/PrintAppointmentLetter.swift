import Foundation

/// The appointment letter and pre-exam instructions of a booked exam (`AppointmentLetter`), for reception to
/// print or send. Refused until the exam is booked. Audited as "exam.letter" (it shows the patient's details).
public struct PrintAppointmentLetter: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var examID: UUID

        public init(examID: UUID) {
            self.examID = examID
        }
    }

    /// States in which the appointment still lies ahead or is today.
    static let bookedStates: [ExamState] = [.booked, .arrived, .checked]

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<AppointmentLetter> {
        try environment.policy.require(actor, .viewExams)
        try environment.policy.require(actor, .viewPatient)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            let exam = try await unit.exam(command.examID)
            guard let booking = exam.booking, Self.bookedStates.contains(exam.state) else {
                throw DomainError(
                    .transitionNotAllowed,
                    "\(exam.examName) (\(exam.accessionNumber)) is \(exam.state.label): an appointment letter is "
                        + "printed for a booked exam.")
            }
            guard let patient = try await unit.patients.get(exam.patientID) else {
                throw DomainError(.notFound, "The exam's patient record was not found.")
            }
            let room = try await unit.room(booking.roomID)
            let entry = try await unit.catalogue.get(code: exam.examCode)
            let letter = AppointmentLetter(
                exam: exam, patient: patient, room: room, appointment: booking.scheduledAt, entry: entry,
                configuration: try await environment.configuration(at: now, in: unit))
            try await unit.record(
                actor, "exam.letter", patientID: patient.id, examID: exam.id, at: now,
                "Appointment letter for \(exam.examName) (\(exam.accessionNumber)) in \(room.name) at "
                    + booking.scheduledAt.formatted(.iso8601))
            return Outcome(letter, events: [])
        }
    }
}
