import Foundation
import LightboxDomain

/// A patient's record: identifiers, details, alerts and every exam.
struct PatientPageModel: PageModel {
    static let template = "patient"
    var layout: LayoutModel
    var name: String
    var summary: [SummaryRow]
    var alerts: [String]
    var hasAlerts: Bool
    var exams: [ExamRow]
    var hasExams: Bool
    /// The viewer on this patient's images (nil: not for this role, or no archive).
    var imagesHref: String?
    /// The patient's dose history (nil: not for this role).
    var doseHistory: DoseHistoryTable?

    init(
        layout: LayoutModel, record: PatientRecord, now: Date, configuration: DepartmentConfiguration,
        canViewImages: Bool = false, doseHistory: PatientDoseHistory? = nil
    ) {
        self.layout = layout
        self.doseHistory = doseHistory.map { DoseHistoryTable($0, timeZone: configuration.timeZone) }
        let patient = record.patient
        name = patient.name.display
        let format = PageFormat(configuration.timeZone)
        var rows = [SummaryRow("NHS number", patient.nhsNumber?.formatted ?? "Not known")]
        for number in patient.hospitalNumbers {
            rows.append(SummaryRow("Hospital number (\(number.issuingAuthority))", number.value))
        }
        rows.append(SummaryRow("Date of birth", patient.dateOfBirth.map(format.date) ?? "Not known"))
        rows.append(SummaryRow("Sex", patient.sex.rawValue.capitalized))
        if let address = patient.address {
            rows.append(
                SummaryRow(
                    "Address", (address.lines + [address.postcode ?? ""]).filter { !$0.isEmpty }.joined(separator: ", ")
                ))
        }
        if patient.previousContrastReaction { rows.append(SummaryRow("Contrast", "Previous reaction to contrast")) }
        summary = rows
        // An isolation flag on an exam still in the department warns everyone who opens the record.
        let active = record.exams.filter { $0.isolation != nil && ExamActions.isolationStates.contains($0.state) }
        alerts =
            patient.alerts
            + active.compactMap { exam in
                exam.isolation.map { "On isolation for \(exam.examName) (\(exam.accessionNumber)): " + ExamActions.isolationText($0) }
            }
        hasAlerts = !alerts.isEmpty
        exams = record.exams.sorted { $0.requestedAt > $1.requestedAt }.map {
            ExamRow($0, patient: patient, now: now, configuration: configuration)
        }
        hasExams = !exams.isEmpty
        imagesHref = canViewImages ? "/patients/\(patient.id.uuidString)/images" : nil
    }
}
