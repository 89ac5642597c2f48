import Foundation
import LightboxDomain

/// DRL management (`/dose/reference-levels`): the national table, the local DRLs in force and their whole history
/// with sign-off, the proposed local DRL of a room (the median of its last N exams) beside the national and local
/// values, and, for the clinical scientist, the form that sets a local DRL through `ManageReferenceLevels.set`.
struct ReferenceLevelsPageModel: PageModel {
    static let template = "reference-levels"

    struct NationalRow: Sendable, Equatable {
        var examType: String
        var modality: String
        var ctdiVol: String
        var dlp: String
        var dapPerRadiograph: String
        var examCodes: String
    }

    struct LocalRow: Sendable, Equatable {
        var examType: String
        var room: String
        var levels: String
        var effectiveFrom: String
        var signedOffBy: String
        var reason: String
        var recorded: String
    }

    struct ProposalRow: Sendable, Equatable {
        var metric: String
        var median: String
        var exams: String
        var national: String
        var local: String
    }

    /// The figures a local DRL sets: form field name and label.
    static let figureFields: [(name: String, metric: DoseMetric)] = [
        ("ctdiVolMilligray", .ctdiVol), ("dlpMilligrayCm", .dlp),
        ("doseAreaProductPerRadiographGyCm2", .doseAreaProductPerRadiograph),
        ("doseAreaProductGyCm2", .doseAreaProduct), ("referencePointDoseMilligray", .referencePointDose),
        ("fluoroscopySeconds", .fluoroscopyTime), ("averageGlandularDoseMilligray", .averageGlandularDose),
        ("administeredActivityMBq", .administeredActivity),
    ]

    var layout: LayoutModel
    var national: [NationalRow]
    var local: [LocalRow]
    var hasLocal: Bool
    var history: [LocalRow]
    var hasHistory: Bool
    var proposalExam: FormField
    var proposalRoom: FormField
    var proposalHeading: String?
    var proposal: [ProposalRow]
    var hasProposal: Bool
    var proposalError: String?
    var canManage: Bool
    var errorSummary: ErrorSummary?
    var fields: [FormField]
    var reason: FormField

    /// What the page is built from.
    struct Inputs {
        var levels: ManageReferenceLevels.Levels
        var catalogue: [CatalogueEntry]
        var rooms: [Room]
        var scientists: [StaffMember]
        var proposal: ProposedReferenceLevel?
        var proposalQuery: (examCode: String, roomID: String)
        var proposalError: String?
        var canManage: Bool
        /// A refused form: what was typed, and the problems.
        var form: FormBody?
        var problems: [FieldProblem]
        var general: [String]
    }

    init(layout: LayoutModel, inputs: Inputs, timeZone: TimeZone) {
        self.layout = layout
        let names = Dictionary(inputs.catalogue.map { ($0.code, $0.name) }) { first, _ in first }
        let rooms = Dictionary(inputs.rooms.map { ($0.id, $0.name) }) { first, _ in first }
        func exam(_ code: String) -> String { names[code].map { "\($0) (\(code))" } ?? code }
        func room(_ id: UUID?) -> String { id.map { rooms[$0] ?? "Unknown room" } ?? "Every room" }
        func figure(_ value: Double?, _ metric: DoseMetric) -> String { DoseFormat.figure(value, metric) }
        national = inputs.levels.national.map { level in
            NationalRow(
                examType: level.examType, modality: level.modality.rawValue,
                ctdiVol: figure(level.ctdiVolMilligray, .ctdiVol), dlp: figure(level.dlpMilligrayCm, .dlp),
                dapPerRadiograph: figure(level.dapGyCm2PerRadiograph, .doseAreaProductPerRadiograph),
                examCodes: level.examCodes.isEmpty ? "Not mapped" : level.examCodes.map(exam).joined(separator: ", "))
        }
        func row(_ level: LocalReferenceLevel) -> LocalRow {
            LocalRow(
                examType: exam(level.examCode), room: room(level.roomID),
                levels: level.levels.map { "\($0.0.label) \(figure($0.1, $0.0))" }.joined(separator: "; "),
                effectiveFrom: DoseFormat.moment(level.effectiveFrom, in: timeZone),
                signedOffBy: level.signedOffByName, reason: level.reason,
                recorded: "\(level.recordedBy), \(DoseFormat.moment(level.recordedAt, in: timeZone))")
        }
        local = inputs.levels.localInForce.map(row)
        hasLocal = !local.isEmpty
        history = inputs.levels.history.reversed().map(row)
        hasHistory = !history.isEmpty
        let examChoices = inputs.catalogue.filter { !$0.modality.doseMetrics.isEmpty }.map {
            ($0.code, "\($0.name) (\($0.code))")
        }
        let roomChoices = inputs.rooms.map { ($0.id.uuidString, $0.name) }
        proposalExam = .select(
            "examCode", label: "Exam type", choices: examChoices, value: inputs.proposalQuery.examCode)
        proposalExam.id = "proposal-examCode"
        proposalRoom = .select("roomID", label: "Room", choices: roomChoices, value: inputs.proposalQuery.roomID)
        proposalRoom.id = "proposal-roomID"
        proposalError = inputs.proposalError
        if let proposal = inputs.proposal {
            proposalHeading =
                "\(exam(proposal.examCode)) in \(room(proposal.roomID)): the median of the last "
                + "\(proposal.sampleSize) exams (\(proposal.examsFound) found)"
            self.proposal = proposal.figures.map { item in
                ProposalRow(
                    metric: item.metric.label, median: figure(item.median, item.metric), exams: "\(item.exams)",
                    national: figure(item.national, item.metric), local: figure(item.localInForce, item.metric))
            }
        } else {
            proposal = []
        }
        hasProposal = inputs.proposal != nil
        canManage = inputs.canManage
        let problems = Dictionary(inputs.problems.map { ($0.field, $0.problem) }) { first, second in
            "\(first); \(second)"
        }
        let form = inputs.form
        func error(_ name: String, _ label: String) -> String? { problems[name].map { "\(label) \($0)" } }
        var fields: [FormField] = [
            .select(
                "examCode", label: "Exam type", choices: [("", "Choose an exam type")] + examChoices,
                value: form?["examCode"], error: error("examCode", "Exam type")),
            .select(
                "roomID", label: "Room", choices: [("", "Every room without its own level")] + roomChoices,
                value: form?["roomID"], error: error("roomID", "Room")),
        ]
        for (name, metric) in Self.figureFields {
            fields.append(
                FormField(
                    name, label: "\(metric.label) (\(metric.unitLabel))", value: form?[name],
                    error: error(name, metric.label), width: "10"))
        }
        fields.append(
            FormField(
                "effectiveFrom", label: "In force from", value: form?["effectiveFrom"],
                hint: "Leave empty for now. A later day applies from its start.",
                error: error("effectiveFrom", "In force from"), type: "date", width: "10"))
        fields.append(
            .select(
                "signedOffBy", label: "Signed off by (clinical scientist)",
                choices: [("", "Choose who signed it off")]
                    + inputs.scientists.map { ($0.id.uuidString, $0.displayName) },
                value: form?["signedOffBy"], error: error("signedOffBy", "Signed off by")))
        self.fields = fields
        reason = FormField(
            "reason", label: "Reason", value: form?["reason"],
            hint: "For example: median of the last 50 exams in CT 1, dose audit November 2026.",
            error: error("reason", "Reason"), multiline: true)
        errorSummary = ErrorSummary(fields: fields + [reason], general: inputs.general)
    }

    /// The set form's command, or the problems of what could not be read.
    static func command(_ form: FormBody, timeZone: TimeZone, now: Date) -> (
        ManageReferenceLevels.SetCommand?, [FieldProblem]
    ) {
        var problems: [FieldProblem] = []
        func text(_ name: String) -> String? {
            guard let value = form[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
                return nil
            }
            return value
        }
        var figures: [String: Double] = [:]
        for (name, _) in figureFields {
            guard let raw = text(name) else { continue }
            if let value = Double(raw), value.isFinite {
                figures[name] = value
            } else {
                problems.append(FieldProblem(name, "must be a number"))
            }
        }
        var roomID: UUID?
        if let raw = text("roomID") {
            roomID = UUID(uuidString: raw)
            if roomID == nil { problems.append(FieldProblem("roomID", "is not a room")) }
        }
        var effectiveFrom: Date?
        if let raw = text("effectiveFrom") {
            do {
                let day = try CalendarDate(iso: raw)
                // Today means now: its first moment has passed, and a level is never set in the past.
                effectiveFrom = day == CalendarDate(now, in: timeZone) ? nil : day.start(in: timeZone)
            } catch {
                problems.append(FieldProblem("effectiveFrom", "must be a date"))
            }
        }
        let signer = text("signedOffBy").flatMap(UUID.init(uuidString:))
        guard problems.isEmpty, let signer else {
            // Report everything else missing too, so the person corrects the form once.
            if signer == nil { problems.append(FieldProblem("signedOffBy", "is required")) }
            if text("examCode") == nil { problems.append(FieldProblem("examCode", "is required")) }
            if text("reason") == nil { problems.append(FieldProblem("reason", "is required")) }
            return (nil, problems)
        }
        return (
            ManageReferenceLevels.SetCommand(
                examCode: text("examCode") ?? "", roomID: roomID, ctdiVolMilligray: figures["ctdiVolMilligray"],
                dlpMilligrayCm: figures["dlpMilligrayCm"], doseAreaProductGyCm2: figures["doseAreaProductGyCm2"],
                doseAreaProductPerRadiographGyCm2: figures["doseAreaProductPerRadiographGyCm2"],
                referencePointDoseMilligray: figures["referencePointDoseMilligray"],
                fluoroscopySeconds: figures["fluoroscopySeconds"],
                averageGlandularDoseMilligray: figures["averageGlandularDoseMilligray"],
                administeredActivityMBq: figures["administeredActivityMBq"], effectiveFrom: effectiveFrom,
                signedOffBy: signer, reason: text("reason") ?? ""), []
        )
    }
}
