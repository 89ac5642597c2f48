import Foundation
import Hummingbird
import LightboxDomain

/// The rota page (issue 17): the week from a chosen day; the manager's form posts to `AssignRota` and each remove
/// button to `RemoveRotaAssignment`, the use cases the API's rota routes call.
extension WebApplication {
    func addRotaPages(_ page: PageRegistrar) {
        page(.get, "/rota") { call in
            try await Self.rotaPage(call, first: call.query("from"))
        }
        page(.post, "/rota") { call in
            _ = try call.require(.manageRota)
            let form = try await call.form()
            var problems: [FieldProblem] = []
            let day = form["day"].flatMap { try? CalendarDate(iso: $0) }
            if day == nil { problems.append(FieldProblem("day", "must be a date, for example 2026-03-02")) }
            let session = form["session"].flatMap(RotaSession.init(rawValue:))
            if session == nil { problems.append(FieldProblem("session", "choose a session")) }
            let roomID = form["roomID"].flatMap(UUID.init(uuidString:))
            if roomID == nil { problems.append(FieldProblem("roomID", "choose a room")) }
            let staffID = form["staffID"].flatMap(UUID.init(uuidString:))
            if staffID == nil { problems.append(FieldProblem("staffID", "choose a member of staff")) }
            let role = form["role"].flatMap(RotaRole.init(rawValue:))
            if role == nil { problems.append(FieldProblem("role", "choose operator or support")) }
            do {
                guard let day, let session, let roomID, let staffID, let role, problems.isEmpty else {
                    throw DomainError(.validationFailed, "", fields: problems)
                }
                _ = try await call.department.assignRota(
                    .init(roomID: roomID, day: day, session: session, staffID: staffID, role: role, note: form["note"]),
                    by: call.actor)
                return call.redirect("/rota?from=\(day.iso)&done=rota-assigned")
            } catch let error as DomainError where error.code != .permissionDenied && error.code != .notFound {
                return try await Self.rotaPage(
                    call, first: form["day"], form: form, problems: error.fields,
                    general: error.fields.isEmpty ? [error.message] : [], status: .unprocessableContent)
            }
        }
        page(.post, "/rota/:assignmentID/removal") { call in
            _ = try call.require(.manageRota)
            _ = try await call.form()
            let removed = try await call.department.removeRotaAssignment(
                .init(assignmentID: try call.id("assignmentID"), reason: "Removed on the rota page"), by: call.actor)
            return call.redirect("/rota?from=\(removed.value.day.iso)&done=rota-removed")
        }
    }

    static func rotaPage(
        _ call: PageCall, first raw: String?, form: FormBody = FormBody(pairs: []), problems: [FieldProblem] = [],
        general: [String] = [], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let user = try call.require(.viewRota)
        let actor = try call.actor
        let zone = call.department.environment.configuration.timeZone
        let first = raw.flatMap { try? CalendarDate(iso: $0) } ?? CalendarDate(call.environment.clock.now(), in: zone)
        let canManage = call.environment.policy.allows(user.role, .manageRota)
        var staff: [StaffMember] = []
        if canManage { staff = try await call.department.browse.staff(by: actor) }
        return try call.page(
            RotaPageModel(
                layout: try call.layout("Rota"), first: first,
                assignments: try await call.department.viewRota(from: first, to: first.adding(days: 6), by: actor),
                rooms: try await call.department.browse.rooms(by: actor),
                staff: staff, canManage: canManage,
                configuration: try await call.department.viewThresholds.configurationInForce(),
                form: form, problems: problems, general: general),
            status: status)
    }
}
