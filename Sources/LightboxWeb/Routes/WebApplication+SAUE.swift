import Foundation
import Hummingbird
import LightboxDomain

/// Body of `POST /api/saue-cases`.
extension ReportSAUE.Command: APISchema {
    public static let schemaName = "ReportSAUE"
    public static let memberDefaults: [String: JSONValue] = ["incident.tissueEffectsBeyondTransientErythema": false]
    public static var example: ReportSAUE.Command {
        .init(
            examID: Examples.id(2), occurredOn: try? CalendarDate(year: 2026, month: 3, day: 2),
            summary: "CT head repeated twice after a table fault; the third acquisition was diagnostic",
            incident: SAUEIncident.example)
    }
}

extension SAUEIncident {
    static var example: SAUEIncident {
        SAUEIncident(
            kind: .unintended, patientAgeYears: 54, intendedEffectiveDoseMilliSievert: 1.8,
            totalEffectiveDoseMilliSievert: 5.6, interventionalDose: 0, localDRL: 1, drlQuantity: "DAP Gy·cm²",
            tissueEffectsBeyondTransientErythema: false, foetalDoseMilliGray: 0)
    }
}

/// Body of `POST /api/saue-cases/{caseID}/review`.
extension ReviewSAUE.Command: APISchema {
    public static let schemaName = "ReviewSAUE"
    public static let pathMembers = ["caseID"]
    public static var example: ReviewSAUE.Command {
        .init(
            caseID: Examples.id(40), decision: .overridden, notifiable: true, criterion: .unintendedMiddleIntended,
            reason: "The scout views were left out of the estimate; with them the total is 18.4 mSv")
    }
}

extension SAUECase: APISchema {
    public static let schemaName = "SAUECase"
    public static var example: SAUECase {
        let incident = SAUEIncident.example
        return SAUECase(
            id: Examples.id(40), examID: Examples.id(2), patientID: Examples.id(1),
            occurredOn: (try? CalendarDate(year: 2026, month: 3, day: 2))
                ?? CalendarDate(Examples.now, in: TimeZone(secondsFromGMT: 0) ?? .current),
            modality: .CT, examName: "CT Head", summary: ReportSAUE.Command.example.summary, incident: incident,
            proposal: (try? SAUEClassifier(criteria: SAUECriteria()).classify(incident))
                ?? SAUEClassification(findings: []),
            reportedBy: "g.okafor", reportedAt: Examples.now,
            reviews: [
                SAUEReview(
                    decision: .overridden, notifiable: true, criterion: .unintendedMiddleIntended,
                    reason: ReviewSAUE.Command.example.reason, reviewedBy: Examples.id(5),
                    reviewedByName: "Dr Priya Nair", reviewedAt: Examples.now)
            ])
    }
}

extension SAUENotification: APISchema {
    public static let schemaName = "SAUENotification"
    public static var example: SAUENotification {
        let saueCase = SAUECase.example
        let incident = saueCase.incident
        let review = saueCase.reviews[0]
        return SAUENotification(
            reference: saueCase.reference, occurredOn: saueCase.occurredOn, reportedOn: saueCase.occurredOn,
            modality: .CT, examType: "CT Head", kind: incident.kind, kindLabel: incident.kind.label, ageBand: "adult",
            intendedEffectiveDoseMilliSievert: incident.intendedEffectiveDoseMilliSievert,
            totalEffectiveDoseMilliSievert: incident.totalEffectiveDoseMilliSievert,
            interventionalDose: incident.interventionalDose, localDRL: incident.localDRL,
            drlQuantity: incident.drlQuantity, tissueEffectsBeyondTransientErythema: false,
            foetalDoseMilliGray: incident.foetalDoseMilliGray, notificationCode: "2.2",
            category: .unintendedMiddleIntended, categoryLabel: SAUECriterion.unintendedMiddleIntended.label,
            arithmetic: saueCase.proposal.findings.map(\.arithmetic), decision: review.decision, reason: review.reason,
            decidedBy: review.reviewedByName, decidedOn: saueCase.occurredOn, summary: saueCase.summary)
    }
}

extension WebApplication {
    /// Significant accidental and unintended exposures (issue 16): reported, classified with the arithmetic shown,
    /// decided by the MPE, and notified without patient identifiers.
    static var saueRoutes: [APIRoute] {
        [
            .json(
                .post, "/api/saue-cases", id: "reportSAUE",
                summary:
                    "Report a possible significant accidental or unintended exposure; the classifier proposes its "
                    + "CQC category with the arithmetic; audited",
                tag: "Dose", access: .permission(.reportSAUE), body: ReportSAUE.Command.self,
                response: SAUECase.self, status: .created, problems: [.notFound, .unprocessableContent]
            ) { call, command in
                try await call.department.reportSAUE(command, by: call.actor)
            },
            .json(
                .get, "/api/saue-cases", id: "listSAUECases",
                summary: "SAUE cases, newest first (the physicist's queue: ?status=awaiting-review); audited",
                tag: "Dose", access: .permission(.reportSAUE),
                query: [QueryParameter("status", "awaiting-review, confirmed or overridden")], body: NoBody.self,
                response: [SAUECase].self, problems: [.unprocessableContent]
            ) { call, _ in
                var status: SAUECase.Status?
                if let raw = call.query("status") {
                    guard let known = SAUECase.Status(rawValue: raw) else {
                        throw Problem.invalid(
                            "The status is wrong.",
                            errors: [
                                .init(
                                    field: "status",
                                    problem: "'\(raw)' is not one of "
                                        + SAUECase.Status.allCases.map(\.rawValue).joined(separator: ", "))
                            ])
                    }
                    status = known
                }
                return try await call.department.listSAUECases(status: status, by: call.actor)
            },
            .json(
                .get, "/api/saue-cases/{caseID}", id: "getSAUECase", summary: "One SAUE case; audited", tag: "Dose",
                access: .permission(.reportSAUE), body: NoBody.self, response: SAUECase.self, problems: [.notFound]
            ) { call, _ in
                try await call.department.listSAUECases.one(try call.id("caseID"), by: call.actor)
            },
            .json(
                .post, "/api/saue-cases/{caseID}/review", id: "reviewSAUE",
                summary:
                    "The clinical scientist (MPE) confirms the proposal or overrides it with a reason; audited",
                tag: "Dose", access: .permission(.reviewSAUE), body: ReviewSAUE.Command.self,
                response: SAUECase.self, problems: [.notFound, .unprocessableContent]
            ) { call, command in
                try await call.department.reviewSAUE(command, by: call.actor)
            },
            .json(
                .get, "/api/saue-cases/{caseID}/notification", id: "exportSAUENotification",
                summary:
                    "The notification for the enforcing authority of a case decided notifiable: no patient "
                    + "identifiers; audited",
                tag: "Dose", access: .permission(.reviewSAUE), body: NoBody.self, response: SAUENotification.self,
                problems: [.notFound, .conflict]
            ) { call, _ in
                try await call.department.exportSAUENotification(try call.id("caseID"), by: call.actor)
            },
        ]
    }
}
