import Foundation
import Hummingbird
import LightboxDomain

/// The equipment and QA page (issue 17): rooms and their equipment, QA alerts, results and the entry form, open
/// faults. The form posts to `RecordQAResult`, the use case `POST /api/qa/results` calls.
extension WebApplication {
    func addEquipmentPages(_ page: PageRegistrar) {
        page(.get, "/equipment") { call in
            _ = try call.require(.viewEquipment)
            return try await Self.equipmentPage(call)
        }
        page(.post, "/equipment/qa-results") { call in
            _ = try call.require(.recordQA)
            return try await call.submit(showing: .allButDeniedOrMissing) { form in
                var problems: [FieldProblem] = []
                let roomID = form["roomID"].flatMap(UUID.init(uuidString:))
                if roomID == nil { problems.append(FieldProblem("roomID", "choose a room")) }
                let value = form["value"].flatMap { Double($0.replacingOccurrences(of: ",", with: ".")) }
                if value == nil { problems.append(FieldProblem("value", "must be a number, for example 2.5")) }
                guard let roomID, let value, problems.isEmpty else {
                    throw DomainError(.validationFailed, "", fields: problems)
                }
                _ = try await call.department.recordQAResult(
                    RecordQAResult.Command(
                        roomID: roomID, testCode: form["testCode"] ?? "", value: value, notes: form["notes"]),
                    by: call.actor)
                return "/equipment?done=qa-result"
            } again: { form, error in
                try await Self.equipmentPage(
                    call, form: form, problems: error.fields,
                    general: error.fields.isEmpty ? [error.message] : [], status: .unprocessableContent)
            }
        }
    }

    static func equipmentPage(
        _ call: PageCall, form: FormBody = FormBody(pairs: []), problems: [FieldProblem] = [], general: [String] = [],
        status: HTTPResponse.Status = .ok, failed: EquipmentOperationsForms.Form? = nil
    ) async throws -> Response {
        let actor = try call.actor
        let view = call.department.viewEquipment
        let policy = call.environment.policy
        let configuration = try await call.department.viewThresholds.configurationInForce()
        let rooms = try await call.department.browse.rooms(by: actor)
        let items = try await view.items(by: actor)
        let faults = try await view.faults(openOnly: true, limit: 100, by: actor)
        let operations = EquipmentOperationsForms(
            rooms: rooms, items: items, openFaults: faults,
            cleaningLog: try await view.cleaningLog(limit: 20, by: actor),
            canReportFault: policy.allows(actor.role, .reportFault),
            canManageFaults: policy.allows(actor.role, .manageFaults),
            canRecordCleaning: policy.allows(actor.role, .recordCleaning),
            canManageEquipment: policy.allows(actor.role, .manageEquipment), timeZone: configuration.timeZone,
            failed: failed, form: form, problems: failed == nil ? [] : problems, general: failed == nil ? [] : general)
        var model = EquipmentPageModel(
            layout: try call.layout("Equipment and QA"), rooms: rooms, items: items,
            tests: try await view.qaTests(by: actor), alerts: try await call.department.listQAAlerts(by: actor),
            results: try await view.qaResults(limit: 50, by: actor), faults: faults,
            canRecordQA: policy.allows(actor.role, .recordQA), now: call.environment.clock.now(),
            configuration: configuration, form: failed == nil ? form : FormBody(pairs: []),
            problems: failed == nil ? problems : [], general: failed == nil ? general : [], operations: operations)
        if policy.allows(actor.role, .viewRota) {
            let today = CalendarDate(call.environment.clock.now(), in: configuration.timeZone)
            model.showRota(
                try await call.department.viewRota(from: today, to: today.adding(days: 6), by: actor), today: today,
                configuration: configuration)
        }
        return try call.page(model, status: status)
    }
}
