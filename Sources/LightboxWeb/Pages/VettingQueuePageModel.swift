import Foundation
import LightboxDomain

/// The practitioner's vetting queue: requests waiting to be justified, most urgent and oldest first.
struct VettingQueuePageModel: PageModel {
    static let template = "vetting"
    var layout: LayoutModel
    var rows: [ExamRow]
    var hasRows: Bool

    init(
        layout: LayoutModel, exams: [Exam], patients: [UUID: Patient], now: Date, configuration: DepartmentConfiguration
    ) {
        self.layout = layout
        rows = exams.filter { $0.state == .requested }
            .sorted { ($0.priority.urgencyRank, $0.requestedAt) < ($1.priority.urgencyRank, $1.requestedAt) }
            .map { ExamRow($0, patient: patients[$0.patientID], now: now, configuration: configuration) }
        hasRows = !rows.isEmpty
    }
}
