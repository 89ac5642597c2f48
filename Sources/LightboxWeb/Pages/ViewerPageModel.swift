import Foundation
import LightboxDomain

/// The image viewer (DESIGN.md "Pages": plain JavaScript on a canvas): a patient's studies, their series and the
/// number of images of each. The script (`Static/viewer.js`) reads each series' metadata and frames from WADO-RS
/// and applies window and level in the browser; the page says which study and series to open first, and carries
/// the form that exports a de-identified copy for a referrer.
struct ViewerPageModel: PageModel {
    static let template = "viewer"

    struct SeriesRow: Sendable, Equatable {
        var uid: String
        var studyUID: String
        var label: String
        var detail: String
        var count: Int
        var selected: Bool
        /// The series' first image by Instance Number, which the viewer fetches alone first so it shows at once.
        var firstInstance: String
    }

    struct StudyRow: Sendable, Equatable {
        var uid: String
        var title: String
        var detail: String
        var examHref: String
        var series: [SeriesRow]
        var selected: Bool
    }

    var layout: LayoutModel
    var patientName: String
    var patientHref: String
    var patientID: String
    var studies: [StudyRow]
    var hasStudies: Bool
    /// The study and series the viewer opens first (the exam's, when opened from an exam).
    var openStudy: String
    var openSeries: String
    var openFirstInstance: String
    /// The de-identified export form (nil: this person may not export).
    var export: ExportForm?

    /// The export form: who receives the copy, why, and how much of the study.
    struct ExportForm: Sendable, Equatable {
        var action: String
        var scope: FormField
        var recipient: FormField
        var purpose: FormField
        var errorSummary: ErrorSummary?
    }

    /// `examID` picks the study to open first; `form` and `problems` re-show a refused export.
    init(
        layout: LayoutModel, patient: Patient, studies: [ViewPatientImages.Study], examID: UUID? = nil,
        canExport: Bool, form: FormBody? = nil, problems: [FieldProblem] = [], general: [String] = []
    ) {
        self.layout = layout
        patientName = patient.name.display
        patientHref = "/patients/\(patient.id.uuidString)"
        patientID = patient.id.uuidString
        let first = studies.first { $0.examID == examID } ?? studies.first
        let wantedStudy = form?["study"] ?? first?.images.study.studyInstanceUID ?? ""
        let chosen = studies.first { $0.images.study.studyInstanceUID == wantedStudy } ?? first
        let openStudy = chosen?.images.study.studyInstanceUID ?? ""
        let openSeries =
            form?["series"]
            ?? chosen?.images.series.first { !$0.instances.isEmpty }?.series.seriesInstanceUID ?? ""
        self.openStudy = openStudy
        self.openSeries = openSeries
        self.studies = studies.map { item in
            let study = item.images.study
            let uid = study.studyInstanceUID
            var detail: [String] = []
            if let accession = study.accessionNumber, !accession.isEmpty { detail.append("Accession \(accession)") }
            if !study.modalitiesInStudy.isEmpty { detail.append(study.modalitiesInStudy.joined(separator: ", ")) }
            detail.append("\(study.numberOfInstances) image\(study.numberOfInstances == 1 ? "" : "s")")
            return StudyRow(
                uid: uid,
                title: [Self.date(study.studyDate), study.studyDescription].compactMap { $0 }.filter { !$0.isEmpty }
                    .joined(separator: " · ").nonEmpty ?? "Study",
                detail: detail.joined(separator: " · "), examHref: "/exams/\(item.examID.uuidString)",
                series: item.images.series.map { row in
                    let series = row.series
                    let number = series.seriesNumber.map { "Series \($0)" } ?? "Series"
                    let description = series.seriesDescription?.trimmingCharacters(in: .whitespaces) ?? ""
                    return SeriesRow(
                        uid: series.seriesInstanceUID, studyUID: uid,
                        label: description.isEmpty ? number : "\(number): \(description)",
                        detail: [
                            series.modality ?? "", "\(row.instances.count) image\(row.instances.count == 1 ? "" : "s")",
                        ]
                        .filter { !$0.isEmpty }.joined(separator: " · "),
                        count: row.instances.count,
                        selected: uid == openStudy && series.seriesInstanceUID == openSeries,
                        firstInstance: Self.firstInstance(row.instances))
                }, selected: uid == openStudy)
        }
        hasStudies = !studies.isEmpty
        openFirstInstance =
            self.studies.first { $0.uid == openStudy }?.series.first { $0.uid == openSeries }?.firstInstance ?? ""
        guard canExport, hasStudies else {
            export = nil
            return
        }
        func error(_ field: String) -> String? {
            let found = problems.filter { $0.field == field }.map(\.problem)
            return found.isEmpty
                ? nil : found.joined(separator: "; ").prefix(1).uppercased() + found.joined(separator: "; ").dropFirst()
        }
        let scope = FormField.select(
            "scope", label: "Images to send",
            choices: [
                ("image", "The image on screen"), ("series", "The series on screen"), ("study", "The whole study"),
            ],
            value: form?["scope"] ?? "series", error: error("scope"))
        let recipient = FormField(
            "recipient", label: "Recipient", value: form?["recipient"],
            hint: "Who receives the copy, for example: Dr A Jones, orthopaedics, Royal Infirmary",
            error: error("recipient"))
        let purpose = FormField(
            "purpose", label: "Purpose", value: form?["purpose"], hint: "Why the images are sent",
            error: error("purpose"))
        var other = general
        for problem in problems where !["scope", "recipient", "purpose"].contains(problem.field) {
            other.append(problem.problem.prefix(1).uppercased() + problem.problem.dropFirst())
        }
        export = ExportForm(
            action: "/patients/\(patient.id.uuidString)/images/export", scope: scope, recipient: recipient,
            purpose: purpose, errorSummary: ErrorSummary(fields: [scope, recipient, purpose], general: other))
    }

    /// The instance with the lowest Instance Number (instances without one last).
    static func firstInstance(_ instances: [ArchivedInstance]) -> String {
        instances.min { ($0.instanceNumber ?? Int.max) < ($1.instanceNumber ?? Int.max) }?.sopInstanceUID ?? ""
    }

    /// A DICOM date (YYYYMMDD) as staff read it ("5 January 2024"); nil when absent or malformed.
    static func date(_ text: String?) -> String? {
        guard let text, text.count == 8, let year = Int(text.prefix(4)), let month = Int(text.dropFirst(4).prefix(2)),
            let day = Int(text.suffix(2)), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        let months = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ]
        return "\(day) \(months[month - 1]) \(year)"
    }
}

extension String {
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
