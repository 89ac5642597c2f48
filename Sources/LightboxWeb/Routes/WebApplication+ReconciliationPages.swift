import Foundation
import Hummingbird
import LightboxDomain

/// The archive's reconciliation page: held MPPS steps and unmatched studies, each linked to an exam (named by its
/// accession number) or rejected through `ReconcileModalityStep` and `ReconcileStudy`, the use cases of
/// `/api/archive/reconciliation/steps/{stepID}` and `/api/archive/reconciliation/{studyID}`.
extension WebApplication {
    /// Items shown of each list: the use cases' own bound.
    static let reconciliationPageLimit = 100

    func addReconciliationPages(_ page: PageRegistrar) {
        page(.get, "/reconciliation") { call in
            try await Self.reconciliationPage(call, refused: nil)
        }
        page(.post, "/reconciliation/steps/:stepID") { call in
            try await Self.reconcileFromPage(call, id: try call.id("stepID"), prefix: "step") {
                archive, id, decision, actor in
                let command: ReconcileModalityStep.Command =
                    switch decision {
                    case .link(let examID), .correct(let examID): .init(stepID: id, decision: .link(examID: examID))
                    case .reject(let reason): .init(stepID: id, decision: .reject(reason: reason))
                    }
                _ = try await archive.reconcileModalityStep(command, by: actor)
            }
        }
        page(.post, "/reconciliation/studies/:studyID") { call in
            try await Self.reconcileFromPage(call, id: try call.id("studyID"), prefix: "study") {
                archive, id, decision, actor in
                _ = try await archive.reconcileStudy(.init(studyID: id, decision: decision), by: actor)
            }
        }
    }

    /// Reads the decision's form (the exam by accession number), runs `run`, and shows the page again with the
    /// refusal against its form (422) when the use case refuses.
    static func reconcileFromPage(
        _ call: PageCall, id: UUID, prefix: String,
        run: (Archive, UUID, ReconcileStudy.Decision, Actor) async throws -> Void
    ) async throws -> Response {
        _ = try call.require(.reconcileImages)
        let archive = try pageArchive(call)
        let form = try await call.form()
        let formID = "\(prefix)-\(id.uuidString)"
        do {
            let decision: ReconcileStudy.Decision
            switch form["action"] {
            case "link", "correct":
                guard let accession = form["accessionNumber"] else {
                    throw DomainError(
                        .validationFailed, "",
                        fields: [FieldProblem("accessionNumber", "enter the accession number of the exam to link")])
                }
                guard
                    let exam = try await call.environment.store.transaction({ unit in
                        try await unit.exams.find(accessionNumber: accession)
                    })
                else {
                    throw DomainError(
                        .validationFailed, "",
                        fields: [FieldProblem("accessionNumber", "no exam has the accession number \(accession)")])
                }
                decision = form["action"] == "link" ? .link(examID: exam.id) : .correct(examID: exam.id)
            case "reject":
                decision = .reject(reason: form["reason"] ?? "")
            default:
                throw DomainError(
                    .validationFailed, "", fields: [FieldProblem("action", "choose to link or to reject")])
            }
            try await run(archive, id, decision, try call.actor)
            return call.redirect("/reconciliation?done=reconciled")
        } catch let error as DomainError where error.code != .permissionDenied && error.code != .notFound {
            return try await reconciliationPage(
                call,
                refused: ExamActions.Refused(step: formID, form: form, problems: error.fields, message: error.message))
        }
    }

    static func reconciliationPage(_ call: PageCall, refused: ExamActions.Refused?) async throws -> Response {
        _ = try call.require(.reconcileImages)
        var steps: [HeldModalityStep] = []
        var studies: [ListReconciliation.Item] = []
        // Without an image archive nothing can wait here; the page says so rather than failing.
        if let archive = call.environment.archive {
            steps = try await archive.listHeldModalitySteps(limit: reconciliationPageLimit, by: call.actor)
            studies = try await archive.listReconciliation(limit: reconciliationPageLimit, by: call.actor)
        }
        let model = ReconciliationPageModel(
            layout: try call.layout("Reconciliation"), steps: steps, studies: studies,
            configuration: try await call.department.viewThresholds.configurationInForce(), refused: refused)
        return try call.page(model, status: refused == nil ? .ok : .unprocessableContent)
    }
}
