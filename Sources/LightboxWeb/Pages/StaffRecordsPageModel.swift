import Foundation
import LightboxDomain

/// Staff records (issue 17): the notices of expiries, training, competencies, the supervised-practice log (with the
/// sign-off of entries naming the reader as supervisor), CPD (with a form to add to one's own log) and appraisals.
/// A manager sees everyone's, named; everyone else sees their own.
struct StaffRecordsPageModel: PageModel {
    static let template = "staff-records"

    struct Row: Sendable, Equatable {
        var person: String
        var what: String
        var detail: String
        var date: String
        var status: String
        var warning: Bool
    }

    struct SignOffRow: Sendable, Equatable {
        var action: String
        var commentID: String
        var learner: String
        var activity: String
        var date: String
        var reflection: String
    }

    var layout: LayoutModel
    var everyone: Bool
    var notices: [String]
    var hasNotices: Bool
    var training: [Row]
    var competencies: [Row]
    var practice: [Row]
    var awaitingSignOff: [SignOffRow]
    var hasAwaitingSignOff: Bool
    var cpd: [Row]
    var appraisals: [Row]
    var canAddCPD: Bool
    var cpdDate: FormField
    var cpdActivity: FormField
    var cpdHours: FormField
    /// The forms to record training and competencies, for those who manage staff.
    var manage: StaffRecordsForms?
    /// The form to log supervised practice, offered to a learner (built for anyone whose log entry was refused, so
    /// the page says why).
    var practiceForm: PracticeLogForm?
    var offersPracticeLog: Bool
    var errorSummary: ErrorSummary?

    /// Everything the page shows, already read through `ViewStaffRecords`.
    struct Records: Sendable {
        var notices: [StaffNotice] = []
        var training: [TrainingRecord] = []
        var competencies: [Competency] = []
        var practice: [SupervisedPracticeEntry] = []
        var awaiting: [SupervisedPracticeEntry] = []
        var cpd: [CPDEntry] = []
        var appraisals: [Appraisal] = []
        var names: [UUID: String] = [:]
    }

    init(
        layout: LayoutModel, records: Records, everyone: Bool, canAddCPD: Bool, now: Date, timeZone: TimeZone,
        form: FormBody? = nil, problems: [FieldProblem] = [], manage: StaffRecordsForms? = nil,
        practiceForm: PracticeLogForm? = nil, offersPracticeLog: Bool = false
    ) {
        self.layout = layout
        self.everyone = everyone
        let day = { (date: Date) in Self.day(date, timeZone) }
        let name = { (id: UUID) in records.names[id] ?? "" }
        notices = records.notices.map(\.message)
        hasNotices = !notices.isEmpty
        training = records.training.map { record in
            let lapsed = record.lapsedAt != nil || !(record.expires.map { now < $0 } ?? true)
            return Row(
                person: name(record.staffID), what: record.course.label, detail: record.evidence,
                date: day(record.completedOn),
                status: record.expires.map { (lapsed ? "Expired " : "Expires ") + day($0) } ?? "Does not expire",
                warning: lapsed)
        }
        competencies = records.competencies.map { competency in
            let lapsed = !competency.isCurrent(at: now)
            return Row(
                person: name(competency.staffID),
                what: "\(competency.duty.pageLabel) \(competency.scope.pageSummary)",
                detail: "Assessed by \(competency.assessorName): \(competency.evidence)",
                date: day(competency.assessedOn),
                status: competency.expires.map { (lapsed ? "Expired " : "Expires ") + day($0) } ?? "Does not expire",
                warning: lapsed)
        }
        practice = records.practice.map { entry in
            Row(
                person: name(entry.staffID), what: entry.activity,
                detail: "Supervisor: \(entry.supervisorName)" + (entry.supervisorComment.map { ". “\($0)”" } ?? ""),
                date: day(entry.performedOn),
                status: entry.signedOffAt.map { "Signed off " + day($0) } ?? "Awaiting sign-off",
                warning: entry.signedOffAt == nil)
        }
        awaitingSignOff = records.awaiting.map { entry in
            SignOffRow(
                action: "/staff-records/practice/\(entry.id.uuidString)/sign-off",
                commentID: "comment-\(entry.id.uuidString)", learner: name(entry.staffID),
                activity: entry.activity, date: day(entry.performedOn), reflection: entry.reflection ?? "")
        }
        hasAwaitingSignOff = !awaitingSignOff.isEmpty
        cpd = records.cpd.map { entry in
            Row(
                person: name(entry.staffID), what: entry.activity, detail: entry.reflection ?? "",
                date: day(entry.date),
                status: "\(entry.hours.pageClean) h", warning: false)
        }
        appraisals = records.appraisals.map { appraisal in
            let overdue = appraisal.nextDue <= now
            return Row(
                person: name(appraisal.staffID), what: "Appraisal by \(appraisal.appraiser)", detail: "",
                date: day(appraisal.heldOn),
                status: (overdue ? "Overdue since " : "Next due ") + day(appraisal.nextDue),
                warning: overdue)
        }
        self.canAddCPD = canAddCPD
        let error = { (field: String) in problems.first { $0.field == field }?.problem }
        cpdDate = FormField(
            "date", label: "Date", value: form?["date"], hint: "For example 2026-03-02", error: error("date"))
        cpdActivity = FormField("activity", label: "Activity", value: form?["activity"], error: error("activity"))
        cpdHours = FormField(
            "hours", label: "Hours", value: form?["hours"], hint: "For example 1.5", error: error("hours"))
        self.manage = manage
        self.practiceForm = practiceForm
        self.offersPracticeLog = offersPracticeLog
        errorSummary =
            ErrorSummary(fields: [cpdDate, cpdActivity, cpdHours]) ?? manage?.errorSummary
            ?? practiceForm?.errorSummary
    }

    /// A CPD entry from the form, or the problems with it.
    static func cpdCommand(_ form: FormBody, timeZone: TimeZone) -> (RecordCPD.Command?, [FieldProblem]) {
        var problems: [FieldProblem] = []
        let parser = DateFormatter()
        parser.locale = Locale(identifier: "en_GB")
        parser.timeZone = timeZone
        parser.dateFormat = "yyyy-MM-dd"
        let date = form["date"].flatMap { parser.date(from: $0) }
        if date == nil { problems.append(FieldProblem("date", "enter the date as YYYY-MM-DD")) }
        let hours = form["hours"].flatMap(Double.init)
        if hours == nil { problems.append(FieldProblem("hours", "enter the hours as a number")) }
        guard let date, let hours else { return (nil, problems) }
        return (RecordCPD.Command(date: date, activity: form["activity"] ?? "", hours: hours), problems)
    }

    static func day(_ date: Date, _ timeZone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = timeZone
        formatter.dateFormat = "d MMM yyyy"
        return formatter.string(from: date)
    }
}

extension Duty {
    /// The duty as a heading says it ("Perform", "Check images").
    var pageLabel: String {
        switch self {
        case .refer: "Refer"
        case .justify: "Justify"
        case .authorise: "Authorise"
        case .operate: "Perform"
        case .checkImages: "Check images"
        case .report: "Report"
        }
    }
}
