import Foundation
import Hummingbird
import LightboxDomain

/// Body of `POST /api/archive/reconciliation/steps/{stepID}`: a person's decision on a held MPPS step.
public struct HeldModalityStepDecision: APISchema, Equatable {
    public static let schemaName = "HeldModalityStepDecision"
    public static var example: HeldModalityStepDecision {
        HeldModalityStepDecision(stepID: Examples.id(40), action: "link", examID: Examples.id(2), reason: nil)
    }
    public static var pathMembers: [String] { ["stepID"] }

    public var stepID: UUID
    /// `link` (the step is the exam's: the exam follows it) or `reject` (belongs to no exam here).
    public var action: String
    /// The exam, for `link`.
    public var examID: UUID?
    /// Why, for `reject`.
    public var reason: String?

    /// The use case's command, or every field problem at once.
    func command() throws -> ReconcileModalityStep.Command {
        switch action {
        case "link":
            guard let examID else {
                throw Problem.invalid(
                    "Say which exam the step belongs to.",
                    errors: [.init(field: "examID", problem: "is required to link")])
            }
            return .init(stepID: stepID, decision: .link(examID: examID))
        case "reject":
            return .init(stepID: stepID, decision: .reject(reason: reason ?? ""))
        default:
            throw Problem.invalid(
                "The decision is link or reject.", errors: [.init(field: "action", problem: "must be link or reject")])
        }
    }
}

extension HeldModalityStep: APISchema {
    public static let schemaName = "HeldModalityStep"
    public static var example: HeldModalityStep {
        let step = "1.2.826.0.1.3680043.2.1125.7"
        return HeldModalityStep(
            id: Examples.id(40),
            start: ModalityStart(
                sopInstanceUID: step, stationAETitle: "LBXR1", accessionNumber: "EXT-778812",
                studyInstanceUID: "1.2.826.0.1.3680043.2.1125.8",
                operatorName: PersonName(family: "Okafor", given: ["Grace"], prefix: "Ms")),
            subject: Subject(
                patientName: "SMITH^John", patientID: "RXH1234567", patientBirthDate: "19700101",
                procedureDescription: "XR Chest PA"),
            status: .completed,
            updates: [
                Update(
                    status: .completed,
                    end: ModalityStepEnd(
                        sopInstanceUID: step, projections: [PerformedProjection(name: "PA", images: 1)],
                        exposures: [
                            ExposureFigures(
                                projection: "PA", kilovolts: 110, milliampereSeconds: 2.5,
                                doseAreaProductGyCm2: 0.012, exposureIndex: 1450, ctdiVolMilligray: 0,
                                dlpMilligrayCm: 0, fluoroscopySeconds: 3, referenceAirKermaMilligray: 0.4)
                        ], operatorName: PersonName(family: "Okafor", given: ["Grace"], prefix: "Ms"),
                        reason: "Patient taken ill"), receivedAt: Examples.now)
            ],
            decision: .waiting, examID: Examples.id(2),
            detail: "No exam matches accession number EXT-778812; held for a radiographer to link.",
            receivedAt: Examples.now, updatedAt: Examples.now)
    }
}

extension WebApplication {
    /// MPPS steps held for exams Lightbox does not know, on the reconciliation list.
    static var heldModalityStepRoutes: [APIRoute] {
        [
            .json(
                .get, "/api/archive/reconciliation/steps", id: "listHeldModalitySteps",
                summary: "Performed procedure steps (MPPS) a modality reported for an exam Lightbox does not know, "
                    + "oldest first, with what the modality said of the patient; reading it is audited",
                tag: "Archive", access: .permission(.reconcileImages),
                query: [QueryParameter("limit", "At most this many steps (1-500, default 100)")], body: NoBody.self,
                response: [HeldModalityStep].self, problems: [.unprocessableContent]
            ) { call, _ in
                var errors: [Problem.FieldError] = []
                let limit = call.queryLimit(
                    fallback: 100, maximum: ListHeldModalitySteps.maximumLimit, errors: &errors)
                if !errors.isEmpty { throw Problem.invalid("The limit is wrong.", errors: errors) }
                return try await call.archive().listHeldModalitySteps(limit: limit, by: call.actor)
            },
            .json(
                .post, "/api/archive/reconciliation/steps/{stepID}", id: "reconcileModalityStep",
                summary: "Link a held performed procedure step to its exam (the exam is started, and completed or "
                    + "discontinued, as the modality reported) or reject it; audited",
                tag: "Archive", access: .permission(.reconcileImages), body: HeldModalityStepDecision.self,
                response: HeldModalityStep.self, problems: [.notFound, .conflict, .unprocessableContent]
            ) { call, decision in
                try await call.archive().reconcileModalityStep(try decision.command(), by: call.actor)
            },
        ]
    }
}
