import Foundation
import LightboxDomain

/// The words of an appointment letter and its instruction sheets (`PrintAppointmentLetter`), as the printed page
/// shows them and as `GET /api/exams/{examID}/letter` returns them: one wording for both.
struct AppointmentLetterText: Sendable, Equatable, Codable {
    var examID: UUID
    var patientID: UUID
    var roomID: UUID
    var examHref: String
    /// The appointment's moment (ISO 8601 in JSON); `dateText` and `timeText` say it in the department's time.
    var appointment: Date
    var addressLines: [String]
    var patientName: String
    var identifiers: [String]
    var dateText: String
    var timeText: String
    var roomName: String
    var examName: String
    var accessionNumber: String
    var arriveText: String
    var sheets: [AppointmentLetterPageModel.Sheet]
    var printedText: String

    init(letter: AppointmentLetter, configuration: DepartmentConfiguration, now: Date) {
        let format = PageFormat(configuration.timeZone)
        let patient = letter.patient
        examID = letter.exam.id
        patientID = patient.id
        roomID = letter.room.id
        appointment = letter.appointment
        examHref = "/exams/\(letter.exam.id.uuidString)"
        patientName = patient.name.display
        addressLines =
            [patient.name.display] + (patient.address?.lines ?? []) + (patient.address?.postcode.map { [$0] } ?? [])
        identifiers =
            (patient.nhsNumber.map { ["NHS number \($0.formatted)"] } ?? [])
            + (patient.dateOfBirth.map { ["Date of birth \(format.date($0))"] } ?? [])
            + (patient.hospitalNumbers.first.map { ["Hospital number \($0.value)"] } ?? [])
        let day = CalendarDate(letter.appointment, in: configuration.timeZone)
        dateText = format.dayName(day)
        timeText = format.time(letter.appointment)
        roomName = letter.room.name
        examName = letter.exam.examName
        accessionNumber = letter.exam.accessionNumber
        arriveText =
            "Please come to the imaging department reception 15 minutes before your appointment and bring this "
            + "letter. If you cannot come, please tell us as soon as you can so that we can offer the time to someone "
            + "else and give you another appointment."
        sheets = letter.preparations.map { AppointmentLetterPageModel.sheet($0) }
        printedText = "Printed \(format.dateTime(now))"
    }
}
