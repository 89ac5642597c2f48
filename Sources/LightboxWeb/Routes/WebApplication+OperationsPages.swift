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
        page(.get, "/stock") { call in
            try await Self.stockPage(call)
        }
    }

    static func staffRecordsPage(
        _ call: PageCall, form: FormBody? = nil, problems: [FieldProblem] = [],
        status: HTTPResponse.Status = .ok
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
        if everyone || !records.awaiting.isEmpty {
            let staff = try await call.environment.store.transaction { unit in try await unit.staff.list() }
            records.names = Dictionary(staff.map { ($0.id, $0.displayName) }, uniquingKeysWith: { a, _ in a })
        }
        let configuration = try await call.department.viewThresholds.configurationInForce()
        return try call.page(
            StaffRecordsPageModel(
                layout: try call.layout("Staff records"), records: records, everyone: everyone,
                canAddCPD: actor.staffID != nil, now: call.environment.clock.now(), timeZone: configuration.timeZone,
                form: form, problems: problems),
            status: status)
    }
}
