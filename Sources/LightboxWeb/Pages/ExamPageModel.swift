import Foundation
import LightboxDomain

/// One exam: the request, where it is on the journey, its history, and the form for the step this
/// person may take now (vetting, for a request waiting to be justified).
struct ExamPageModel: PageModel {
    static let template = "exam"

    struct HistoryRow: Sendable, Equatable {
        var when: String
        var what: String
        var who: String
    }

    var layout: LayoutModel
    var heading: String
    var patientName: String
    var patientHref: String
    var state: String
    var stateTag: String
    var priority: String
    var priorityTag: String
    var summary: [SummaryRow]
    var history: [HistoryRow]
    var vetting: VettingForm?
    var actions: [ActionForm]
    /// The viewer on this exam's images, once the exam has been performed (nil: not yet, or not for this role).
    var imagesHref: String?
    /// The incident report form about this exam, for those who report incidents.
    var reportIncidentHref: String?
    /// The patient's isolation flag on this exam, as staff read it (nil: not on isolation).
    var isolation: String?

    init(
        layout: LayoutModel, exam: Exam, patient: Patient?, referrer: Referrer?, vetting: VettingForm?,
        actions: [ActionForm] = [], configuration: DepartmentConfiguration, canViewImages: Bool = false,
        coding: ProcedureCoding? = nil, staffNames: [UUID: String] = [:]
    ) {
        self.layout = layout
        heading = exam.examName
        patientName = patient?.name.display ?? "Unknown patient"
        patientHref = "/patients/\(exam.patientID.uuidString)"
        state = exam.state.label
        stateTag = exam.state.tagColour
        priority = exam.priority.label
        priorityTag = exam.priority.tagColour
        isolation = exam.isolation.map { "Isolation: " + ExamActions.isolationText($0) }
        let format = PageFormat(configuration.timeZone)
        var rows = [
            SummaryRow("Accession number", exam.accessionNumber),
            SummaryRow("Exam", "\(exam.examName) (\(exam.examCode))"),
            SummaryRow("Modality", exam.modality.rawValue),
            SummaryRow("Procedure codes", (coding ?? ProcedureCoding(exam: exam, entry: nil)).text),
            SummaryRow("Side", exam.laterality.label),
            SummaryRow("Clinical question", exam.clinicalQuestion),
            SummaryRow("Referrer", referrer?.name.display ?? "Not known"),
            SummaryRow("Requested", format.dateTime(exam.requestedAt)),
        ]
        if let justification = exam.justification {
            var text = justification.decision.label
            if let guideline = justification.guideline {
                text += " under guideline \(guideline.id) version \(guideline.version)"
            }
            if let note = justification.note { text += ": \(note)" }
            rows.append(SummaryRow("Vetting", text))
        }
        if let booking = exam.booking { rows.append(SummaryRow("Appointment", format.dateTime(booking.scheduledAt))) }
        if let arrived = exam.arrivedAt { rows.append(SummaryRow("Arrived", format.dateTime(arrived))) }
        if let performance = exam.performance {
            var text = "Started " + format.dateTime(performance.startedAt)
            if let completed = performance.completedAt { text += ", completed " + format.dateTime(completed) }
            let projections = performance.projections.map(\.name).joined(separator: ", ")
            if !projections.isEmpty { text += ". Projections: " + projections }
            if !performance.carers.isEmpty {
                text += ". Carers: " + performance.carers.map(\.name).joined(separator: ", ")
            }
            rows.append(SummaryRow("Performed", text))
        }
        if let contrast = exam.pauseAndCheck?.contrast {
            rows.append(Self.contrastRow(contrast, staffNames: staffNames, format: format))
        }
        if let check = exam.imageChecks.last {
            rows.append(SummaryRow("Image check", check.diagnostic ? "Accepted" : "Repeats needed"))
        }
        if !exam.contrastReactions.isEmpty {
            rows.append(
                SummaryRow(
                    "Contrast reactions",
                    exam.contrastReactions.map { reaction in
                        reaction.severity.rawValue.capitalized + ": " + reaction.description
                            + (reaction.treatment.map { ". Treated with: \($0)" } ?? "") + " ("
                            + format.dateTime(reaction.at) + ")"
                    }.joined(separator: "\n")))
        }
        if !exam.findingFlags.isEmpty {
            rows.append(
                SummaryRow(
                    "Findings flagged",
                    exam.findingFlags.map { flag in
                        (flag.suggestedCategory.map { "[\($0.label)] " } ?? "") + flag.note + " ("
                            + format.dateTime(flag.at) + ")"
                    }.joined(separator: "\n")))
        }
        if let report = exam.report {
            var text = report.text
            if let alert = report.alert {
                let acknowledgement =
                    report.alertAcknowledgedAt.map { at in
                        ", acknowledged by \(report.alertAcknowledgedBy ?? "the referrer's team") "
                            + format.dateTime(at)
                    } ?? (report.verifiedAt == nil ? "" : ", not yet acknowledged")
                text = "[\(alert.label) alert\(acknowledgement)] " + text
            }
            rows.append(SummaryRow(report.verifiedAt == nil ? "Report (not verified)" : "Report (verified)", text))
        }
        if let reason = exam.closureReason { rows.append(SummaryRow("Reason", reason)) }
        rows += Self.doseRows(exam.dose)
        summary = rows
        history = exam.history.reversed().map { step in
            HistoryRow(
                when: format.dateTime(step.at), what: step.to.label.prefix(1).uppercased() + step.to.label.dropFirst(),
                who: "\(step.actorUsername) (\(step.actorRole.label.lowercased()))")
        }
        self.vetting = vetting
        self.actions = actions
        let performed: Set<ExamState> = [
            .inProgress, .completed, .imagesChecked, .discharged, .reported, .reportVerified, .discontinued,
        ]
        imagesHref = canViewImages && performed.contains(exam.state) ? "/exams/\(exam.id.uuidString)/images" : nil
    }
}

extension JustificationDecision {
    var label: String {
        switch self {
        case .accept: "Justified"
        case .reject: "Rejected"
        case .requestInformation: "Returned for information"
        case .changeExam: "Justified as a different exam"
        }
    }
}
