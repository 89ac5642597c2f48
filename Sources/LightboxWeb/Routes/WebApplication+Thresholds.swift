import Foundation
import Hummingbird
import LightboxDomain

/// Body of `POST /api/thresholds`.
extension SetThreshold.Command: APISchema {
    public static let schemaName = "SetThreshold"
    public static var example: SetThreshold.Command {
        .init(
            name: "pregnancyEnquiryAgeRange", value: .range(12, 50),
            effectiveFrom: Examples.now.addingTimeInterval(86_400),
            signedOffBy: Examples.id(5), reason: "Align with the RCR audit age range (MPE advice 2026-12)")
    }
}

extension ThresholdChange: APISchema {
    public static let schemaName = "ThresholdChange"
    public static var example: ThresholdChange {
        ThresholdChange(
            id: Examples.id(30), name: "tenDayRuleDays", value: .single(10),
            effectiveFrom: Examples.now.addingTimeInterval(86_400), signedOffBy: Examples.id(5),
            signedOffByName: "Dr Priya Nair", changedBy: "m.evans", reason: "Local rule confirmed by the MPE",
            recordedAt: Examples.now)
    }
}

extension ThresholdStatus: APISchema {
    public static let schemaName = "ThresholdStatus"
    public static var example: ThresholdStatus {
        ThresholdStatus(
            name: "tenDayRuleDays", kind: .integer,
            summary: "High-dose exams go ahead within this many days of the first day of the last period",
            minimum: 1, maximum: 28, current: .single(10), defaultValue: .single(10), source: .change,
            currentChange: Examples.id(30), history: [ThresholdChange.example])
    }
}

extension WebApplication {
    static var thresholdRoutes: [APIRoute] {
        [
            .json(
                .get, "/api/thresholds", id: "listThresholds",
                summary: "Every threshold of DOMAIN.md: value in force, start-up default, source and history",
                tag: "Thresholds", access: .permission(.viewReferenceData), body: NoBody.self,
                response: [ThresholdStatus].self
            ) { call, _ in
                try await call.department.viewThresholds(by: call.actor)
            },
            .json(
                .post, "/api/thresholds", id: "setThreshold",
                summary:
                    "Change a threshold from a date (now or later), signed off by a clinical scientist (the MPE); audited",
                tag: "Thresholds", access: .permission(.manageThresholds), body: SetThreshold.Command.self,
                response: ThresholdChange.self, status: .created, problems: [.unprocessableContent]
            ) { call, command in
                try await call.department.setThreshold(command, by: call.actor)
            },
        ]
    }
}
