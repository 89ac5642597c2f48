import Foundation

/// What the patient is sent for a booked exam: the appointment, and the preparation that applies to them and to
/// this exam (DOMAIN.md "The patient's journey"): pregnancy advice for a person of childbearing potential in the
/// enquiry ages when the exam is pregnancy-relevant (and the 10-day rule for a high-dose exam), contrast
/// preparation when the exam uses contrast, and fasting when the catalogue entry asks for it.
public struct AppointmentLetter: Sendable, Equatable {
    /// One sheet of preparation printed with the letter.
    public enum Preparation: Sendable, Equatable {
        /// The patient will be asked whether they are or might be pregnant; `tenDayRule` (days) for a high-dose
        /// exam that is best done within that many days of the first day of the last period.
        case pregnancy(tenDayRule: Int?)
        /// Contrast is used, by this route: renal questions, metformin, allergies.
        case contrast(ContrastRoute)
        /// Nothing to eat for this many hours before the appointment.
        case fasting(hours: Int)
    }

    public var exam: Exam
    public var patient: Patient
    public var room: Room
    public var appointment: Date
    public var preparations: [Preparation]

    public init(
        exam: Exam, patient: Patient, room: Room, appointment: Date, entry: CatalogueEntry?,
        configuration: DepartmentConfiguration
    ) {
        self.exam = exam
        self.patient = patient
        self.room = room
        self.appointment = appointment
        var preparations: [Preparation] = []
        if let entry {
            let day = CalendarDate(appointment, in: configuration.timeZone)
            if PregnancyRules(configuration: configuration).enquiryRequired(for: patient, entry, on: day) {
                preparations.append(.pregnancy(tenDayRule: entry.highDose ? configuration.tenDayRuleDays : nil))
            }
            if let route = entry.contrast { preparations.append(.contrast(route)) }
            if let hours = entry.fastingHours { preparations.append(.fasting(hours: hours)) }
        }
        self.preparations = preparations
    }
}
