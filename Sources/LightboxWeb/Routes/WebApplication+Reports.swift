import Foundation
import Hummingbird
import LightboxDomain

extension RecordReport.Command: APISchema {
    public static let schemaName = "RecordReport"
    public static let pathMembers = ["examID"]
    public static var example: RecordReport.Command {
        .init(
            examID: Examples.id(2),
            text: "Chest PA: 2 cm spiculated mass in the right upper lobe. No effusion. Recommend CT chest.",
            alert: .significantUnexpected)
    }
}

extension VerifyReport.Command: APISchema {
    public static let schemaName = "VerifyReport"
    public static let pathMembers = ["examID"]
    public static var example: VerifyReport.Command { .init(examID: Examples.id(2)) }
}

extension WebApplication {
    /// Reporting (the clinical evaluation) and its verification, which queues the report for the
    /// ordering systems (HL7 ORU^R01 through the outbox). The same use cases as every other door.
    static var reportRoutes: [APIRoute] {
        [
            .json(
                .post, "/api/exams/{examID}/report", id: "recordReport",
                summary:
                    "Report a discharged exam (entitled reporter; alert category for urgent or unexpected findings)",
                tag: "Pathway", access: .permission(.report), body: RecordReport.Command.self,
                response: Outcome<Exam>.self, problems: [.conflict]
            ) { call, command in
                try await call.department.recordReport(command, by: call.actor)
            },
            .json(
                .post, "/api/exams/{examID}/report/verification", id: "verifyReport",
                summary:
                    "Verify the report so it is sent to the ordering systems (not by a supervised reporter themself)",
                tag: "Pathway", access: .permission(.verifyReport), body: VerifyReport.Command.self,
                response: Outcome<Exam>.self, problems: [.conflict]
            ) { call, command in
                try await call.department.verifyReport(command, by: call.actor)
            },
        ]
    }
}
