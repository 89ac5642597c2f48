import Foundation
import Hummingbird
import LightboxDomain

/// Body of `POST /api/exams/{examID}/contrast-reactions`.
extension RecordContrastReaction.Command: APISchema {
    public static let schemaName = "RecordContrastReaction"
    public static let pathMembers = ["examID"]
    public static var example: RecordContrastReaction.Command {
        .init(
            examID: Examples.id(2), severity: .moderate,
            description: "Urticaria and wheeze five minutes after injection",
            treatment: "Chlorphenamine 10 mg IV, salbutamol nebuliser; observed 30 minutes")
    }
}

/// Body of `PUT /api/referrers/{referrerID}`.
extension UpdateReferrer.Command: APISchema {
    public static let schemaName = "UpdateReferrer"
    public static let pathMembers = ["referrerID"]
    public static let memberDefaults: [String: JSONValue] = ["scope.unrestricted": false, "scope.rules": []]
    public static var example: UpdateReferrer.Command {
        let referrer = Referrer.example
        return .init(
            referrerID: Examples.id(6), name: referrer.name, kind: referrer.kind,
            organisationCode: referrer.organisationCode, scope: referrer.scope, scopeExpires: referrer.scopeExpires,
            active: true)
    }
}

extension WebApplication {
    /// The clinical-safety routes of issue 15: what the pathway's other routes did not reach.
    static var safetyRoutes: [APIRoute] {
        [
            .json(
                .post, "/api/exams/{examID}/contrast-reactions", id: "recordContrastReaction",
                summary:
                    "Record a contrast reaction (severity, treatment; by the signed-in operator) and flag the patient",
                tag: "Pathway", access: .permission(.performExam), body: RecordContrastReaction.Command.self,
                response: Outcome<Exam>.self, status: .created, problems: [.conflict]
            ) { call, command in
                try await call.department.recordContrastReaction(command, by: call.actor)
            },
            .json(
                .put, "/api/referrers/{referrerID}", id: "updateReferrer",
                summary: "Change a referrer's name, organisation, referral scope, its expiry, or withdraw them",
                tag: "Referrers", access: .permission(.manageReferrers), body: UpdateReferrer.Command.self,
                response: Outcome<Referrer>.self
            ) { call, command in
                try await call.department.updateReferrer(command, by: call.actor)
            },
        ]
    }
}
