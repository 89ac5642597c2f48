import Foundation
import Hummingbird
import LightboxDomain

/// Department operations pages (issue 17): staff records for everyone with a staff record (everyone's for those
/// who may see all), and stock for those who keep or use it. Over the same use cases as the API.
extension WebApplication {
    func addOperationsPages(_ page: PageRegistrar) {
        page(.get, "/staff-records") { call in
            try await Self.staffRecordsPage(call)
        }
        page(.post, "/staff-records/cpd") { call in
            _ = try call.signedIn()
            return try await call.submit(showing: .invalidInput) {
                StaffRecordsPageModel.cpdCommand(
                    $0, timeZone: try await call.department.viewThresholds.configurationInForce().timeZone)
            } run: { command in
                _ = try await call.department.recordCPD(command, by: call.actor)
                return "/staff-records?done=cpd"
            } again: { form, error in
                try await Self.staffRecordsPage(call, form: form, problems: error.fields, status: .unprocessableContent)
            }
        }
        page(.post, "/staff-records/practice/:entryID/sign-off") { call in
            _ = try call.signedIn()
            let form = try await call.form()
            _ = try await call.department.signOffSupervisedPractice(
                .init(entryID: try call.id("entryID"), comment: form["comment"]), by: call.actor)
            return call.redirect("/staff-records?done=practice-signed-off")
        }
        for which in StaffRecordsForms.Form.allCases {
            page(.post, "/staff-records/" + which.rawValue) { call in
                try await Self.staffRecordOperation(call, which)
            }
        }
        page(.get, "/stock") { call in
            try await Self.stockPage(call)
        }
    }

    static func staffRecordsPage(
        _ call: PageCall, form: FormBody? = nil, problems: [FieldProblem] = [],
        failed: StaffRecordsForms.Form? = nil, general: [String] = [], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let user = try call.signedIn()
        let actor = try call.actor
        let policy = call.environment.policy
        let everyone = policy.allows(user.role, .viewStaffRecords)
        let view = call.department.viewStaffRecords
        guard everyone || actor.staffID != nil else {
            throw DomainError(
                .noStaffRecord,
                "The account \(actor.username) is not linked to a member of staff, so it has no staff records.")
        }
        var records = StaffRecordsPageModel.Records()
        records.notices = try await view.notices(by: actor)
        records.training = try await view.list(TrainingRecord.self, staffID: nil, by: actor)
        records.competencies = try await view.list(Competency.self, staffID: nil, by: actor)
        records.practice = try await view.list(SupervisedPracticeEntry.self, staffID: nil, by: actor)
        if actor.staffID != nil { records.awaiting = try await view.awaitingSignOff(by: actor) }
        records.cpd = try await view.list(CPDEntry.self, staffID: nil, by: actor)
        records.appraisals = try await view.list(Appraisal.self, staffID: nil, by: actor)
        let manages = policy.allows(user.role, .manageStaff)
        var staff: [StaffMember] = []
        if everyone || manages || actor.staffID != nil {
            staff = try await call.environment.store.transaction { unit in try await unit.staff.list() }
            records.names = Dictionary(staff.map { ($0.id, $0.displayName) }, uniquingKeysWith: { a, _ in a })
        }
        // Only those who practise under supervision log it.
        let learner = actor.staffID.flatMap { id in
            staff.first { $0.id == id && $0.profession.actsUnderSupervision }?.id
        }
        let configuration = try await call.department.viewThresholds.configurationInForce()
        return try call.page(
            StaffRecordsPageModel(
                layout: try call.layout("Staff records"), records: records, everyone: everyone,
                canAddCPD: actor.staffID != nil, now: call.environment.clock.now(), timeZone: configuration.timeZone,
                form: failed == nil ? form : nil, problems: failed == nil ? problems : [],
                manage: manages
                    ? StaffRecordsForms(
                        staff: staff, failed: failed, form: form ?? FormBody(pairs: []),
                        problems: failed == .practice ? [] : problems, general: failed == .practice ? [] : general)
                    : nil,
                practiceForm: learner != nil || failed == .practice
                    ? PracticeLogForm(
                        staff: staff, learnerID: learner, form: failed == .practice ? form : nil,
                        problems: failed == .practice ? problems : [], general: failed == .practice ? general : [])
                    : nil,
                offersPracticeLog: learner != nil),
            status: status)
    }

    /// A learner's supervised-practice log entry, posted to the use case the API's practice-log route calls.
    static func logPractice(_ call: PageCall, _ form: FormBody, zone: TimeZone) async throws -> Response {
        var problems: [FieldProblem] = []
        do {
            var supervisorID: UUID?
            if let raw = form["supervisorID"] {
                supervisorID = UUID(uuidString: raw)
                if supervisorID == nil { problems.append(FieldProblem("supervisorID", "is not one of the choices")) }
            } else {
                problems.append(FieldProblem("supervisorID", "choose your supervisor"))
            }
            let performedOn = day(form, "performedOn", zone: zone, required: true, into: &problems)
            if form["practiceActivity"] == nil {
                problems.append(FieldProblem("practiceActivity", "say what was done"))
            }
            guard let supervisorID, let performedOn, let activity = form["practiceActivity"], problems.isEmpty else {
                throw DomainError(.validationFailed, "", fields: problems)
            }
            _ = try await call.department.logSupervisedPractice(
                .init(
                    supervisorID: supervisorID, performedOn: performedOn, activity: activity,
                    reflection: form["practiceReflection"]), by: call.actor)
            return call.redirect("/staff-records?done=practice-logged")
        } catch let error as DomainError where error.code == .validationFailed || error.code == .notFound {
            let fields = error.fields.map { problem in
                PracticeLogForm.names[problem.field].map { FieldProblem($0, problem.problem, code: problem.code) }
                    ?? problem
            }
            return try await Self.staffRecordsPage(
                call, form: form, problems: fields, failed: .practice,
                general: error.fields.isEmpty ? [error.message] : [],
                status: error.code == .notFound ? .notFound : .unprocessableContent)
        }
    }

    /// A manager's training, competency or appraisal form, or a learner's practice log entry, posted to the use case its API route calls.
    static func staffRecordOperation(_ call: PageCall, _ which: StaffRecordsForms.Form) async throws -> Response {
        // A learner logs their own practice; training, competencies and appraisals are recorded by those who manage
        // staff.
        _ = try which == .practice ? call.signedIn() : call.require(.manageStaff)
        let form = try await call.form()
        let zone = try await call.department.viewThresholds.configurationInForce().timeZone
        var problems: [FieldProblem] = []
        func uuid(_ name: String) -> UUID? {
            guard let raw = form[name] else {
                problems.append(FieldProblem(name, "choose one"))
                return nil
            }
            guard let id = UUID(uuidString: raw) else {
                problems.append(FieldProblem(name, "is not one of the choices"))
                return nil
            }
            return id
        }
        do {
            let actor = try call.actor
            switch which {
            case .practice:
                return try await Self.logPractice(call, form, zone: zone)
            case .training:
                let staffID = uuid("staffID")
                let course = form["course"].flatMap(MandatoryTraining.init(rawValue:))
                if course == nil { problems.append(FieldProblem("course", "choose the course")) }
                let completedOn = day(form, "completedOn", zone: zone, required: true, into: &problems)
                let expires = day(form, "expires", zone: zone, required: false, into: &problems)
                guard let staffID, let course, let completedOn, problems.isEmpty else {
                    throw DomainError(.validationFailed, "", fields: problems)
                }
                _ = try await call.department.recordTraining(
                    .init(
                        staffID: staffID, course: course, completedOn: completedOn, expires: expires,
                        evidence: form["evidence"] ?? ""), by: actor)
                return call.redirect("/staff-records?done=training-recorded")
            case .competency:
                let staffID = uuid("competencyStaffID")
                let duty = form["duty"].flatMap(Duty.init(rawValue:))
                if duty == nil { problems.append(FieldProblem("duty", "choose the duty")) }
                var scope = ExamScope()
                if let raw = form["scope.modality"] {
                    scope.modality = Modality(rawValue: raw)
                    if scope.modality == nil { problems.append(FieldProblem("scope.modality", "is not a modality")) }
                }
                scope.examCode = form["scope.examCode"]?.uppercased()
                if let raw = form["scope.bodyRegion"] {
                    scope.bodyRegion = BodyRegion(rawValue: raw)
                    if scope.bodyRegion == nil {
                        problems.append(FieldProblem("scope.bodyRegion", "is not a body region"))
                    }
                }
                let assessorID = uuid("assessorID")
                let assessedOn = day(form, "assessedOn", zone: zone, required: true, into: &problems)
                let expires = day(form, "competencyExpires", zone: zone, required: false, into: &problems)
                guard let staffID, let duty, let assessorID, let assessedOn, problems.isEmpty else {
                    throw DomainError(.validationFailed, "", fields: problems)
                }
                _ = try await call.department.recordCompetency(
                    .init(
                        staffID: staffID, duty: duty, scope: scope, assessorID: assessorID, assessedOn: assessedOn,
                        expires: expires, evidence: form["competencyEvidence"] ?? ""), by: actor)
                return call.redirect("/staff-records?done=competency-recorded")
            case .appraisal:
                let staffID = uuid("appraisalStaffID")
                let heldOn = day(form, "heldOn", zone: zone, required: true, into: &problems)
                let nextDue = day(form, "nextDue", zone: zone, required: true, into: &problems)
                guard let staffID, let heldOn, let nextDue, problems.isEmpty else {
                    throw DomainError(.validationFailed, "", fields: problems)
                }
                _ = try await call.department.recordAppraisal(
                    .init(staffID: staffID, heldOn: heldOn, nextDue: nextDue, appraiser: form["appraiser"] ?? ""),
                    by: actor)
                return call.redirect("/staff-records?done=appraisal-recorded")
            }
        } catch let error as DomainError where error.code != .permissionDenied {
            // The competency and appraisal forms name their fields apart from the training form's.
            let names: [String: String] =
                switch which {
                case .competency: StaffRecordsForms.competencyNames
                case .appraisal: StaffRecordsForms.appraisalNames
                default: [:]
                }
            let fields = error.fields.map { problem in
                names[problem.field].map { FieldProblem($0, problem.problem, code: problem.code) } ?? problem
            }
            return try await Self.staffRecordsPage(
                call, form: form, problems: fields, failed: which,
                general: error.fields.isEmpty ? [error.message] : [],
                status: error.code == .notFound ? .notFound : .unprocessableContent)
        }
    }
}
