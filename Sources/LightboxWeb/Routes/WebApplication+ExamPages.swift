import Foundation
import Hummingbird
import LightboxDomain

/// The exam pages: the vetting queue, one exam with the step this person may take now, and the
/// vetting decision posted to `JustifyRequest` (the use case the API's justification route calls).
extension WebApplication {
    func addExamPages(_ page: PageRegistrar) {
        page(.get, "/vetting") { call in
            _ = try call.require(.justify)
            let exams = try await call.department.listExams(
                ExamQuery(states: [.requested], limit: ListExams.maximumLimit), by: call.actor
            ).value
            return try call.page(
                VettingQueuePageModel(
                    layout: try call.layout("Vetting"), exams: exams,
                    patients: try await Self.patients(of: exams, store: call.environment.store),
                    now: call.environment.clock.now(),
                    configuration: try await call.department.viewThresholds.configurationInForce()))
        }
        page(.get, "/exams/:examID") { call in
            try await Self.examPage(call, form: nil)
        }
        page(.post, "/exams/:examID/justification") { call in
            _ = try call.require(.justify)
            return try await call.submit(showing: .allButDeniedOrMissing) {
                VettingForm.command(examID: try call.id("examID"), form: $0)
            } run: { command in
                _ = try await call.department.justifyRequest(command, by: call.actor)
                return "/exams/\(command.examID.uuidString)?done=\(command.decision.rawValue)"
            } again: { form, error in
                try await Self.examPage(call, form: (form, error.fields, error.fields.isEmpty ? [error.message] : []))
            }
        }
        addExamSteps(page)
    }

    /// Each step of the journey after vetting: the form's command, then its use case.
    func addExamSteps(_ page: PageRegistrar) {
        func step<Command: Sendable>(
            _ path: String, form formID: String, _ permission: Permission,
            parse: @escaping @Sendable (UUID, FormBody, TimeZone) -> (Command?, [FieldProblem]),
            run: @escaping @Sendable (Department, Command, Actor) async throws -> Void
        ) {
            page(.post, "/exams/:examID/" + path) { call in
                _ = try call.require(permission)
                return try await Self.submitExamForm(call, path: path, form: formID) {
                    parse($0, $1, call.department.environment.configuration.timeZone)
                } run: {
                    try await run(call.department, $0, try call.actor)
                }
            }
        }
        typealias Commands = ExamActionCommands
        step("booking", form: "booking", .book, parse: { Commands.booking($0, $1, timeZone: $2) }) {
            _ = try await $0.bookExam($1, by: $2)
        }
        step("rebooking", form: "rebooking", .rebook, parse: { Commands.rebooking($0, $1, timeZone: $2) }) {
            _ = try await $0.rebookExam($1, by: $2)
        }
        step("arrival", form: "arrival", .checkIn, parse: { id, _, _ in (RecordArrival.Command(examID: id), []) }) {
            _ = try await $0.recordArrival($1, by: $2)
        }
        step(
            "did-not-attend", form: "did-not-attend", .recordDidNotAttend,
            parse: { id, form, _ in (RecordDidNotAttend.Command(examID: id, reason: form["reason"] ?? ""), []) }
        ) { _ = try await $0.recordDidNotAttend($1, by: $2) }
        step(
            "cancellation", form: "cancel", .cancel,
            parse: { id, form, _ in (CancelExam.Command(examID: id, reason: form["reason"] ?? ""), []) }
        ) { _ = try await $0.cancelExam($1, by: $2) }
        step(
            "pause-and-check", form: "pause-and-check", .pauseAndCheck,
            parse: { Commands.pauseAndCheck($0, $1, timeZone: $2) }
        ) { _ = try await $0.recordPauseAndCheck($1, by: $2) }
        step("start", form: "start", .performExam, parse: { id, form, _ in Commands.start(id, form) }) {
            _ = try await $0.startExam($1, by: $2)
        }
        step("completion", form: "complete", .performExam, parse: { id, form, _ in Commands.completion(id, form) }) {
            _ = try await $0.completeExam($1, by: $2)
        }
        step("image-check", form: "image-check", .checkImages, parse: { id, form, _ in Commands.imageCheck(id, form) })
        {
            _ = try await $0.checkImages($1, by: $2)
        }
        step(
            "discharge", form: "discharge", .discharge,
            parse: { id, _, _ in (DischargePatient.Command(examID: id), []) }
        ) { _ = try await $0.dischargePatient($1, by: $2) }
        step("report", form: "report", .report, parse: { id, form, _ in Commands.report(id, form) }) {
            _ = try await $0.recordReport($1, by: $2)
        }
        step(
            "vital-signs-alert-acknowledgement", form: "acknowledge-alert", .checkImages,
            parse: { id, form, _ in Commands.alertAcknowledgement(id, form) }
        ) { _ = try await $0.acknowledgeVitalSignsAlert($1, by: $2) }
        step("dose", form: "dose-entry", .performExam, parse: { id, form, _ in Commands.doseEntry(id, form) }) {
            _ = try await $0.recordDoseEntry($1, by: $2)
        }
        step(
            "dose-alert-acknowledgement", form: "acknowledge-dose-alert", .acknowledgeDoseAlerts,
            parse: { id, form, _ in Commands.doseAlertAcknowledgement(id, form) }
        ) { _ = try await $0.acknowledgeDoseAlert($1, by: $2) }
        step(
            "verification", form: "verify", .verifyReport,
            parse: { id, _, _ in (VerifyReport.Command(examID: id), []) }
        ) { _ = try await $0.verifyReport($1, by: $2) }
        step(
            "finding-flag", form: "flag-finding", .performExam,
            parse: { id, form, _ in
                (
                    FlagFinding.Command(
                        examID: id, note: form["note"] ?? "",
                        suggestedCategory: form["suggestedCategory"].flatMap(FindingAlert.init(rawValue:))), []
                )
            }
        ) { _ = try await $0.flagFinding($1, by: $2) }
        step(
            "contrast-reaction", form: "contrast-reaction", .performExam,
            parse: { id, form, _ in
                guard let severity = form["severity"].flatMap(ContrastReaction.Severity.init(rawValue:)) else {
                    return (nil, [FieldProblem("severity", "choose how severe the reaction was")])
                }
                return (
                    RecordContrastReaction.Command(
                        examID: id, severity: severity, description: form["description"] ?? "",
                        treatment: form["treatment"]), []
                )
            }
        ) { _ = try await $0.recordContrastReaction($1, by: $2) }
        step(
            "report-alert-acknowledgement", form: "acknowledge-report-alert", .createRequest,
            parse: { id, form, _ in (AcknowledgeReportAlert.Command(examID: id, action: form["action"]), []) }
        ) { _ = try await $0.acknowledgeReportAlert($1, by: $2) }
        step(
            "isolation", form: "isolation", .flagIsolation,
            parse: { id, form, _ in
                guard let precaution = form["precaution"].flatMap(IsolationPrecaution.init(rawValue:)) else {
                    return (nil, [FieldProblem("precaution", "choose the precautions the patient needs")])
                }
                return (FlagIsolation.Command(examID: id, precaution: precaution, note: form["note"]), [])
            }
        ) { _ = try await $0.flagIsolation($1, by: $2) }
        step(
            "isolation-clearance", form: "isolation-clear", .flagIsolation,
            parse: { id, _, _ in (FlagIsolation.Command(examID: id, precaution: nil), []) }
        ) { _ = try await $0.flagIsolation($1, by: $2) }
    }

    /// Posts a form of the exam page (the exam named in the address) to its use case; back to the exam page saying
    /// `path` was done, or the page again with the refusal on the form `formID`.
    static func submitExamForm<Command>(
        _ call: PageCall, path: String, form formID: String, parse: (UUID, FormBody) -> (Command?, [FieldProblem]),
        run: (Command) async throws -> Void
    ) async throws -> Response {
        try await call.submit(showing: .allButDeniedOrMissing) { form -> PageCall.ParsedForm<(examID: UUID, Command)> in
            let examID = try call.id("examID")
            let (command, problems) = parse(examID, form)
            return (command.map { (examID, $0) }, problems)
        } run: { sent in
            try await run(sent.1)
            return "/exams/\(sent.examID.uuidString)?done=\(path)"
        } again: { form, error in
            try await examPage(
                call, form: nil,
                refused: ExamActions.Refused(step: formID, form: form, problems: error.fields, message: error.message))
        }
    }

    /// The exam page; `form` re-shows a refused vetting form, `refused` a refused step, with its problems (422).
    static func examPage(
        _ call: PageCall, form: (FormBody, [FieldProblem], [String])?, refused: ExamActions.Refused? = nil
    ) async throws -> Response {
        let user = try call.require(.viewExams)
        let exam = try await call.department.viewExam(.init(examID: try call.id("examID")), by: call.actor).value
        let (patient, referrer, entry) = try await call.environment.store.transaction { unit in
            (
                try await unit.patients.get(exam.patientID), try await unit.referrers.get(exam.referrerID),
                try await unit.catalogue.get(code: exam.examCode)
            )
        }
        var vetting: VettingForm?
        if exam.state == .requested && call.environment.policy.allows(user.role, .justify) {
            let catalogue = try await call.department.browse.catalogue(by: call.actor)
            vetting = VettingForm(
                examID: exam.id, catalogue: catalogue, form: form?.0 ?? FormBody(pairs: []), problems: form?.1 ?? [],
                general: form?.2 ?? [])
        }
        let browse = call.department.browse
        let actor = try call.actor
        let policy = call.environment.policy
        let configuration = try await call.department.viewThresholds.configurationInForce()
        // The exam's catalogue entry was read above: not the whole catalogue again to find it.
        var context = ExamActions.Context(
            role: user.role, policy: policy,
            rooms: policy.allows(user.role, .viewReferenceData) ? try await browse.rooms(by: actor) : [],
            staff: policy.allows(user.role, .viewReferenceData) ? try await browse.staff(by: actor) : [],
            entry: policy.allows(user.role, .viewReferenceData) ? entry : nil,
            patient: patient, configuration: configuration, now: call.environment.clock.now())
        context.referrerID = user.referrerID
        if exam.state == .arrived && context.asksPregnancy && policy.allows(user.role, .viewReferenceData) {
            context.referrers = try await browse.referrers(by: actor)
        }
        if exam.state == .arrived && entry?.contrast != nil && policy.allows(user.role, .viewStock) {
            context.contrastBatches = try await contrastBatches(call, at: context.now, in: configuration.timeZone)
        }
        var model = ExamPageModel(
            layout: try call.layout(exam.examName), exam: exam, patient: patient, referrer: referrer,
            vetting: vetting, actions: ExamActions.forms(for: exam, context, refused: refused),
            configuration: configuration,
            canViewImages: policy.allows(user.role, .viewImages) && call.environment.archive != nil,
            coding: ProcedureCoding(exam: exam, entry: entry),
            staffNames: Dictionary(
                context.staff.map { ($0.id, $0.displayName) }, uniquingKeysWith: { first, _ in first }))
        if policy.allows(user.role, .reportIncident) {
            model.reportIncidentHref = "/incidents/new?examID=\(exam.id.uuidString)"
        }
        if exam.pauseAndCheck?.contrast?.stockBatchID != nil && policy.allows(user.role, .viewStock) {
            // From the exam to the stock record: the batch given, whose page lists every patient it went to.
            model.stockGiven = try await call.department.viewStock.givenInExam(exam.id, by: actor).map {
                ExamPageModel.StockLink(
                    href: "/stock/batches/\($0.batchID.uuidString)",
                    text: "\($0.itemName), batch \($0.batchNumber) (\($0.units) \($0.units == 1 ? "unit" : "units"))")
            }
        }
        return try call.page(model, status: form == nil && refused == nil ? .ok : .unprocessableContent)
    }

    /// The contrast batches the checklist offers: in date and not empty, soonest expiry first, each named with
    /// its agent, batch number, expiry and what is left.
    static func contrastBatches(_ call: PageCall, at now: Date, in zone: TimeZone) async throws -> [(String, String)] {
        try await call.department.viewStock.overview(by: call.actor).levels
            .filter { $0.item.category == .contrast }
            .flatMap { level in
                level.batches.filter { $0.quantity > 0 && !$0.isExpired(at: now) }.map { batch in
                    let expiry = batch.expires.map { ", expires \(PageDates.iso($0, zone))" } ?? ""
                    return (
                        batch.id.uuidString,
                        "\(level.item.name), batch \(batch.batchNumber)\(expiry), \(batch.quantity) left"
                    )
                }
            }
    }
}
