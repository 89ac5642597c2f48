import Foundation
import Hummingbird
import LightboxDomain

/// Body of `POST /api/exams/{examID}/dose`.
extension RecordDoseEntry.Command: APISchema {
    public static let schemaName = "RecordDoseEntry"
    public static let pathMembers = ["examID"]
    public static var example: RecordDoseEntry.Command {
        .init(
            examID: Examples.id(2), doseAreaProduct: .init(12.5, "dGy.cm2"), referencePointDose: .init(8.2, "mGy"),
            fluoroscopyTime: .init(2.5, "min"), numberOfExposures: 4, kilovolts: 75, milliampereSeconds: 12,
            ctdiVol: .init(52, "mGy"), phantomDiameterCm: 16, dlp: .init(820, "mGy.cm"),
            averageGlandularDoseLeft: .init(1.4, "mGy"), averageGlandularDoseRight: .init(1.3, "mGy"),
            administeredActivity: .init(350, "MBq"), radiopharmaceutical: "Tc-99m MDP",
            peakSkinDose: .init(1.2, "Gy"))
    }
}

/// Body of `POST /api/dose/alerts/{alertID}/acknowledgement`.
extension AcknowledgeDoseAlert.Command: APISchema {
    public static let schemaName = "AcknowledgeDoseAlert"
    public static let pathMembers = ["alertID"]
    public static var example: AcknowledgeDoseAlert.Command {
        .init(alertID: Examples.id(10), comment: "Repeat scan for motion; justified. No further action.")
    }
}

/// Body of `POST /api/dose/reference-levels`.
extension ManageReferenceLevels.SetCommand: APISchema {
    public static let schemaName = "SetLocalReferenceLevel"
    public static var example: ManageReferenceLevels.SetCommand {
        .init(
            examCode: "CHEADN", roomID: Examples.id(4), ctdiVolMilligray: 45, dlpMilligrayCm: 750,
            doseAreaProductGyCm2: 1.2, doseAreaProductPerRadiographGyCm2: 0.1, referencePointDoseMilligray: 10,
            fluoroscopySeconds: 60, averageGlandularDoseMilligray: 2, administeredActivityMBq: 400,
            effectiveFrom: Examples.now.addingTimeInterval(86_400), signedOffBy: Examples.id(5),
            reason: "Median of the last 50 exams in CT1, dose audit 2026-11")
    }
}

extension LocalReferenceLevel: APISchema {
    public static let schemaName = "LocalReferenceLevel"
    public static var example: LocalReferenceLevel {
        let command = ManageReferenceLevels.SetCommand.example
        return LocalReferenceLevel(
            id: Examples.id(9), examCode: command.examCode, roomID: command.roomID,
            ctdiVolMilligray: command.ctdiVolMilligray, dlpMilligrayCm: command.dlpMilligrayCm,
            doseAreaProductGyCm2: command.doseAreaProductGyCm2,
            doseAreaProductPerRadiographGyCm2: command.doseAreaProductPerRadiographGyCm2,
            referencePointDoseMilligray: command.referencePointDoseMilligray,
            fluoroscopySeconds: command.fluoroscopySeconds,
            averageGlandularDoseMilligray: command.averageGlandularDoseMilligray,
            administeredActivityMBq: command.administeredActivityMBq, effectiveFrom: Examples.now,
            signedOffBy: Examples.id(5), signedOffByName: "Dr Priya Nair", recordedBy: "p.nair",
            reason: command.reason, recordedAt: Examples.now)
    }
}

extension ManageReferenceLevels.Levels: APISchema {
    public static let schemaName = "ReferenceLevels"
    public static var example: ManageReferenceLevels.Levels {
        .init(
            national: [DiagnosticReferenceLevel.ukNationalDefaults[0]], localInForce: [LocalReferenceLevel.example],
            history: [LocalReferenceLevel.example])
    }
}

extension ProposedReferenceLevel: APISchema {
    public static let schemaName = "ProposedReferenceLevel"
    public static var example: ProposedReferenceLevel {
        .init(
            examCode: "CHEADN", roomID: Examples.id(4), sampleSize: 50, examsFound: 50,
            figures: [.init(metric: .dlp, median: 720, exams: 50, national: 790, localInForce: 750)])
    }
}

extension WebApplication {
    static var doseRoutes: [APIRoute] {
        [
            .json(
                .post, "/api/exams/{examID}/dose", id: "recordDoseEntry",
                summary:
                    "Enter an exam's dose figures with their units (checked against the plausible ranges); the register "
                    + "prefers RDSR, MPPS and image headers when they arrive", tag: "Dose",
                access: .permission(.performExam), body: RecordDoseEntry.Command.self, response: Outcome<Exam>.self,
                status: .created, problems: [.unprocessableContent, .conflict]
            ) { call, command in
                try await call.department.recordDoseEntry(command, by: call.actor)
            },
            .json(
                .get, "/api/dose/alerts", id: "listDoseAlerts",
                summary: "The physicist's queue of dose alerts (above a DRL multiple, cumulative), newest first",
                tag: "Dose", access: .permission(.viewDoseRegister),
                query: [
                    QueryParameter("status", "open (default) or all"),
                    QueryParameter("limit", "At most this many (1-1000, default 200)"),
                ], body: NoBody.self, response: [DoseAlert].self, problems: [.unprocessableContent]
            ) { call, _ in
                var errors: [Problem.FieldError] = []
                let limit = call.queryLimit(fallback: 200, maximum: ListDoseAlerts.maximumLimit, errors: &errors)
                let status = call.query("status") ?? "open"
                if status != "open" && status != "all" {
                    errors.append(.init(field: "status", problem: "must be open or all"))
                }
                guard errors.isEmpty else { throw Problem.invalid("The alert filters are not valid.", errors: errors) }
                return try await call.department.listDoseAlerts(
                    ListDoseAlerts.Command(openOnly: status == "open", limit: limit), by: call.actor)
            },
            .json(
                .post, "/api/dose/alerts/{alertID}/acknowledgement", id: "acknowledgeDoseAlert",
                summary: "Acknowledge a dose alert with a comment (audited)", tag: "Dose",
                access: .permission(.acknowledgeDoseAlerts), body: AcknowledgeDoseAlert.Command.self,
                response: DoseAlert.self, problems: [.unprocessableContent, .conflict]
            ) { call, command in
                try await call.department.acknowledgeDoseAlert(command, by: call.actor)
            },
            .json(
                .get, "/api/dose/reference-levels", id: "listReferenceLevels",
                summary: "Diagnostic reference levels: the national table, the local levels in force and their history",
                tag: "Dose", access: .permission(.viewDoseRegister), body: NoBody.self,
                response: ManageReferenceLevels.Levels.self
            ) { call, _ in
                try await call.department.referenceLevels.levels(by: call.actor)
            },
            .json(
                .post, "/api/dose/reference-levels", id: "setLocalReferenceLevel",
                summary:
                    "Set a local DRL for an exam type (and room) from a date, signed off by a clinical scientist; audited",
                tag: "Dose", access: .permission(.manageReferenceLevels), body: ManageReferenceLevels.SetCommand.self,
                response: LocalReferenceLevel.self, status: .created, problems: [.unprocessableContent]
            ) { call, command in
                try await call.department.referenceLevels.set(command, by: call.actor)
            },
            .json(
                .get, "/api/dose/reference-levels/proposed", id: "proposeLocalReferenceLevel",
                summary: "The proposed local DRL of a room: the median of its last N exams of a type, beside the DRLs",
                tag: "Dose", access: .permission(.viewDoseRegister),
                query: [
                    QueryParameter("examCode", "Catalogue exam code (required)"),
                    QueryParameter("roomID", "Room (required)", format: "uuid"),
                ], body: NoBody.self, response: ProposedReferenceLevel.self, problems: [.unprocessableContent]
            ) { call, _ in
                var errors: [Problem.FieldError] = []
                let examCode = call.query("examCode")
                if examCode == nil { errors.append(.init(field: "examCode", problem: "is required")) }
                let roomID = call.queryUUID("roomID", errors: &errors)
                if roomID == nil && call.query("roomID") == nil {
                    errors.append(.init(field: "roomID", problem: "is required"))
                }
                guard errors.isEmpty, let examCode, let roomID else {
                    throw Problem.invalid("Name the exam code and the room.", errors: errors)
                }
                return try await call.department.referenceLevels.propose(
                    examCode: examCode, roomID: roomID, by: call.actor)
            },
        ]
    }
}
