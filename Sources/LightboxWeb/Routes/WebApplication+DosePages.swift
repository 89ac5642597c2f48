import Foundation
import Hummingbird
import LightboxDomain

/// The physicist's dose pages: the dose incidents (SAUE cases), decided through `ReviewSAUE`, the use case the
/// API's review route calls; the dashboard, statistics, alert queue and reference levels
/// (`WebApplication+DoseStatisticsPages.swift`).
extension WebApplication {
    func addDosePages(_ page: PageRegistrar) {
        page(.get, "/dose/incidents") { call in
            try await Self.incidentsPage(call, refused: nil)
        }
        page(.get, "/dose/export") { call in
            _ = try call.require(.viewDoseRegister)
            let rooms = try await call.department.browse.rooms(by: try call.actor)
            return try call.page(DoseExportPageModel(layout: try call.layout("Export the dose register"), rooms: rooms))
        }
        page(.get, "/dose/export/download") { call in
            _ = try call.require(.viewDoseRegister)
            let (command, problems) = DoseExportQuery.command(call.query)
            do {
                guard let command else {
                    throw DomainError(.validationFailed, "The export's filter is not valid.", fields: problems)
                }
                let export = try await call.department.exportDoseRegister.start(command, by: try call.actor)
                return WebApplication.doseExportResponse(
                    export, timeZone: call.department.environment.configuration.timeZone)
            } catch let error as DomainError where error.code == .validationFailed || !error.fields.isEmpty {
                let rooms = try await call.department.browse.rooms(by: try call.actor)
                return try call.page(
                    DoseExportPageModel(
                        layout: try call.layout("Export the dose register"), rooms: rooms, values: call.query,
                        problems: error.fields, general: error.fields.isEmpty ? [error.message] : []),
                    status: .unprocessableContent)
            }
        }
        page(.post, "/dose/incidents/:caseID/review") { call in
            _ = try call.require(.reviewSAUE)
            let form = try await call.form()
            let caseID = try call.id("caseID")
            let (command, problem) = SAUECasesPageModel.command(caseID: caseID, form: form)
            do {
                guard let command else { throw DomainError(.validationFailed, problem ?? "The form is incomplete.") }
                _ = try await call.department.reviewSAUE(command, by: try call.actor)
                return call.redirect("/dose/incidents?done=saue-review#case-\(caseID.uuidString)")
            } catch let error as DomainError where error.code != .permissionDenied && error.code != .notFound {
                let message =
                    error.fields.isEmpty
                    ? error.message : error.fields.map { "\($0.field): \($0.problem)" }.joined(separator: "; ")
                return try await Self.incidentsPage(call, refused: (caseID, message), status: .unprocessableContent)
            }
        }
        addDoseStatisticsPages(page)
        addDoseAlertPages(page)
        addReferenceLevelPages(page)
    }

    static func incidentsPage(
        _ call: PageCall, refused: (caseID: UUID, message: String)?, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let user = try call.require(.reportSAUE)
        let cases = try await call.department.listSAUECases(by: try call.actor)
        return try call.page(
            SAUECasesPageModel(
                layout: try call.layout("Dose incidents"), cases: cases,
                canReview: call.environment.policy.allows(user.role, .reviewSAUE), refused: refused),
            status: status)
    }
}
