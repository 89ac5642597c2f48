import Foundation
import LightboxDomain

extension AppointmentLetterText: APISchema {
    static let schemaName = "AppointmentLetter"
    static var example: AppointmentLetterText {
        var exam = Exam.example
        exam.state = .booked
        let configuration = DepartmentConfiguration.default
        let letter = AppointmentLetter(
            exam: exam, patient: .example, room: .example, appointment: Examples.now, entry: .example,
            configuration: configuration)
        var text = AppointmentLetterText(letter: letter, configuration: configuration, now: Examples.now)
        if text.sheets.isEmpty { text.sheets = [AppointmentLetterPageModel.sheet(.fasting(hours: 4))] }
        return text
    }
}
