import Foundation
import Hummingbird
import LightboxDomain

/// The incident pages (issue 17): the list with its filters, the report form, and each incident's page with its
/// investigation, duty-of-candour contacts, dose incident link and closure; every form posts to the use case its API
/// route calls.
extension WebApplication {
    func addIncidentPages(_ page: PageRegistrar) {
        page(.get, "/incidents") { call in
            let user = try call.require(.viewIncidents)
            let zone = call.department.environment.configuration.timeZone
            let names = IncidentsPageModel.filterNames
            var values: [String: String] = [:]
            for name in names { values[name] = call.query(name) }
            var query = IncidentQuery()
            var problems: [FieldProblem] = []
            if let raw = values["status"] {
                query.status = IncidentStatus(rawValue: raw)
                if query.status == nil { problems.append(FieldProblem("status", "is not one of the choices")) }
            }
            if let raw = values["kind"] {
                query.kind = IncidentKind(rawValue: raw)
                if query.kind == nil { problems.append(FieldProblem("kind", "is not one of the choices")) }
            }
            query.category = values["category"]
            for (name, isEnd) in [("from", false), ("to", true)] {
                guard let raw = values[name] else { continue }
                guard let day = try? CalendarDate(iso: raw) else {
                    problems.append(FieldProblem(name, "must be a date, for example 2026-03-02"))
                    continue
                }
                if isEnd { query.to = day.adding(days: 1).start(in: zone) } else { query.from = day.start(in: zone) }
            }
            let incidents = try await call.department.listIncidents(query, by: try call.actor)
            let configuration = try await call.department.viewThresholds.configurationInForce()
            return try call.page(
                IncidentsPageModel(
                    layout: try call.layout("Incidents"), incidents: incidents,
                    categories: configuration.incidentCategories, filters: values, problems: problems,
                    canExport: call.environment.policy.allows(user.role, .manageIncidents), timeZone: zone),
                status: problems.isEmpty ? .ok : .unprocessableContent)
        }
        page(.get, "/incidents/new") { call in
            _ = try call.require(.reportIncident)
            var pairs: [(name: String, value: String)] = []
            for name in ["examID", "patientID"] {
                if let value = call.query(name) { pairs.append((name, value)) }
            }
            return try await Self.reportIncidentPage(call, form: FormBody(pairs: pairs))
        }
        page(.post, "/incidents") { call in
            let user = try call.require(.reportIncident)
            return try await call.submit(showing: .allButDeniedOrMissing) { form in
                let zone = call.department.environment.configuration.timeZone
                let (command, problems) = IncidentReportPageModel.command(form, timeZone: zone)
                return (problems.isEmpty ? command : nil, problems)
            } run: { command in
                let incident = try await call.department.reportIncident(command, by: call.actor).value
                return call.environment.policy.allows(user.role, .viewIncidents)
                    ? "/incidents/\(incident.id.uuidString)?done=incident-reported"
                    : "/incidents/new?done=incident-reported"
            } again: { form, error in
                try await Self.reportIncidentPage(
                    call, form: form, problems: error.fields, general: error.fields.isEmpty ? [error.message] : [],
                    status: .unprocessableContent)
            }
        }
        page(.get, "/incidents/:incidentID") { call in
            try await Self.incidentPage(call, id: try call.id("incidentID"))
        }
        page(.post, "/incidents/:incidentID/:form") { call in
            _ = try call.require(.manageIncidents)
            let id = try call.id("incidentID")
            guard let which = call.context.parameters.get("form").flatMap(IncidentPageModel.Form.init(rawValue:))
            else { throw PageRefusal.notFound("There is no such form.") }
            return try await call.submit(showing: .allButDeniedOrMissing) { form in
                let zone = call.department.environment.configuration.timeZone
                let department = call.department
                var problems: [FieldProblem] = []
                func uuid(_ name: String) -> UUID? {
                    guard let raw = form[name] else { return nil }
                    guard let value = UUID(uuidString: raw) else {
                        problems.append(FieldProblem(name, "is not one of the choices"))
                        return nil
                    }
                    return value
                }
                func number(_ name: String) -> Double? {
                    guard let raw = form[name] else { return nil }
                    guard let value = Double(raw.replacingOccurrences(of: ",", with: ".")), value >= 0 else {
                        problems.append(FieldProblem(name, "must be a number, for example 1.8"))
                        return nil
                    }
                    return value
                }
                let actor = try call.actor
                switch which {
                case .investigation:
                    let command = RecordIncidentInvestigation.Command(
                        incidentID: id, ownerStaffID: uuid("ownerStaffID"), findings: form["findings"],
                        actions: form["actions"])
                    guard problems.isEmpty else { throw DomainError(.validationFailed, "", fields: problems) }
                    _ = try await department.recordIncidentInvestigation(command, by: actor)
                case .contacts:
                    let party = form["party"].flatMap(CandourParty.init(rawValue:))
                    if party == nil { problems.append(FieldProblem("party", "choose who was told")) }
                    let contactedAt = form["contactedAt"].flatMap { IncidentPageModel.moment($0, zone) }
                    if contactedAt == nil { problems.append(FieldProblem("contactedAt", "must be a day and time")) }
                    let by = uuid("contactedByStaffID")
                    guard problems.isEmpty, let party, let contactedAt else {
                        throw DomainError(.validationFailed, "", fields: problems)
                    }
                    _ = try await department.recordCandourContact(
                        .init(
                            incidentID: id, party: party, contactName: form["contactName"], contactedAt: contactedAt,
                            contactedByStaffID: by, method: form["method"] ?? "", notes: form["notes"]),
                        by: actor)
                case .saue:
                    var command = LinkIncidentSAUE.Command(incidentID: id)
                    if form["saueCaseID"] != nil {
                        command.saueCaseID = uuid("saueCaseID")
                    } else {
                        let kind = form["exposureKind"].flatMap(SAUEIncidentKind.init(rawValue:))
                        if kind == nil { problems.append(FieldProblem("exposureKind", "choose the kind of exposure")) }
                        command.exposure = SAUEIncident(
                            kind: kind ?? .unintended, intendedEffectiveDoseMilliSievert: number("intendedDose"),
                            totalEffectiveDoseMilliSievert: number("totalDose"),
                            foetalDoseMilliGray: number("foetalDose"))
                        command.summary = form["summary"]
                    }
                    guard problems.isEmpty else { throw DomainError(.validationFailed, "", fields: problems) }
                    _ = try await department.linkIncidentSAUE(command, by: actor)
                case .closure:
                    _ = try await department.closeIncident(
                        .init(
                            incidentID: id, closure: form["closure"] ?? "",
                            candourNotNeededReason: form["candourNotNeededReason"]),
                        by: actor)
                }
                return "/incidents/\(id.uuidString)?done=incident-\(which.rawValue)"
            } again: { form, error in
                try await Self.incidentPage(
                    call, id: id, failed: which, form: form, problems: error.fields,
                    general: error.fields.isEmpty ? [error.message] : [],
                    status: error.code == .transitionNotAllowed ? .conflict : .unprocessableContent)
            }
        }
    }

    static func reportIncidentPage(
        _ call: PageCall, form: FormBody, problems: [FieldProblem] = [], general: [String] = [],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let actor = try call.actor
        let configuration = try await call.department.viewThresholds.configurationInForce()
        var exam: Exam?
        if let examID = form["examID"].flatMap(UUID.init(uuidString:)) {
            exam = try await call.department.viewExam(.init(examID: examID), by: actor).value
        }
        return try call.page(
            IncidentReportPageModel(
                layout: try call.layout("Report an incident"), categories: configuration.incidentCategories,
                rooms: try await call.department.browse.rooms(by: actor),
                staff: try await call.department.browse.staff(by: actor), exam: exam, form: form,
                problems: problems, general: general, now: call.environment.clock.now(),
                timeZone: configuration.timeZone),
            status: status)
    }

    static func incidentPage(
        _ call: PageCall, id: UUID, failed: IncidentPageModel.Form? = nil, form: FormBody = FormBody(pairs: []),
        problems: [FieldProblem] = [], general: [String] = [], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let user = try call.require(.viewIncidents)
        let actor = try call.actor
        let policy = call.environment.policy
        let detail = try await call.department.listIncidents.one(id, by: actor)
        let configuration = try await call.department.viewThresholds.configurationInForce()
        let canManage = policy.allows(user.role, .manageIncidents)
        let canLinkSAUE = canManage && policy.allows(user.role, .reportSAUE)
        var cases: [SAUECase] = []
        if canLinkSAUE && detail.incident.saueCaseID == nil && detail.incident.status != .closed {
            cases = try await call.department.listSAUECases(by: actor)
        }
        var staff: [StaffMember] = []
        if canManage { staff = try await call.department.browse.staff(by: actor) }
        return try call.page(
            IncidentPageModel(
                layout: try call.layout(detail.incident.reference), detail: detail,
                staff: staff, saueCases: cases,
                categories: configuration.incidentCategories, canManage: canManage, canLinkSAUE: canLinkSAUE,
                actorStaffID: actor.staffID, now: call.environment.clock.now(), timeZone: configuration.timeZone,
                failed: failed, form: form, problems: problems, general: general),
            status: status)
    }
}
