import Foundation
import Hummingbird
import LightboxDomain

extension TrainingRecord: APISchema {
    public static let schemaName = "TrainingRecord"
    public static var example: TrainingRecord {
        TrainingRecord(
            id: Examples.id(40), staffID: Examples.id(5), course: .irmer, completedOn: Examples.now,
            expires: Examples.now.addingTimeInterval(365 * 86400), evidence: "e-LfH IR(ME)R module certificate 4471",
            recordedBy: "m.manager", recordedAt: Examples.now, lapsedAt: Examples.now)
    }
}

extension RecordTraining.Command: APISchema {
    public static let schemaName = "RecordTraining"
    public static var example: RecordTraining.Command {
        let record = TrainingRecord.example
        return .init(
            staffID: record.staffID, course: record.course, completedOn: record.completedOn, expires: record.expires,
            evidence: record.evidence)
    }
}

extension Competency: APISchema {
    public static let schemaName = "Competency"
    public static var example: Competency {
        Competency(
            id: Examples.id(41), staffID: Examples.id(5), duty: .operate, scope: ExamScope(modality: .DX),
            assessorID: Examples.id(6), assessorName: "Grace Okafor", assessedOn: Examples.now,
            expires: Examples.now.addingTimeInterval(3 * 365 * 86400),
            evidence: "Direct observation of 10 DX exams, competency document v3", recordedBy: "m.manager",
            recordedAt: Examples.now, lapsedAt: Examples.now)
    }
}

extension RecordCompetency.Command: APISchema {
    public static let schemaName = "RecordCompetency"
    public static var example: RecordCompetency.Command {
        let competency = Competency.example
        return .init(
            staffID: competency.staffID, duty: competency.duty, scope: competency.scope,
            assessorID: competency.assessorID, assessedOn: competency.assessedOn, expires: competency.expires,
            evidence: competency.evidence)
    }
}

extension SupervisedPracticeEntry: APISchema {
    public static let schemaName = "SupervisedPracticeEntry"
    public static var example: SupervisedPracticeEntry {
        SupervisedPracticeEntry(
            id: Examples.id(42), staffID: Examples.id(8), supervisorID: Examples.id(6), supervisorName: "Grace Okafor",
            performedOn: Examples.now, activity: "PA chest, ambulant adult", examID: Examples.id(1),
            reflection: "Centring improved after feedback", recordedBy: "s.chen", recordedAt: Examples.now,
            signedOffAt: Examples.now, signedOffBy: "g.okafor", supervisorComment: "Good technique")
    }
}

extension LogSupervisedPractice.Command: APISchema {
    public static let schemaName = "LogSupervisedPractice"
    public static var example: LogSupervisedPractice.Command {
        let entry = SupervisedPracticeEntry.example
        return .init(
            staffID: entry.staffID, supervisorID: entry.supervisorID, performedOn: entry.performedOn,
            activity: entry.activity, examID: entry.examID, reflection: entry.reflection)
    }
}

extension SignOffSupervisedPractice.Command: APISchema {
    public static let schemaName = "SignOffSupervisedPractice"
    public static let pathMembers = ["entryID"]
    public static var example: SignOffSupervisedPractice.Command {
        .init(entryID: Examples.id(42), comment: "Good technique")
    }
}

extension CPDEntry: APISchema {
    public static let schemaName = "CPDEntry"
    public static var example: CPDEntry {
        CPDEntry(
            id: Examples.id(43), staffID: Examples.id(5), date: Examples.now, activity: "SoR webinar: paediatric dose",
            hours: 1.5, reflection: "Will review our paediatric chest exposure chart", recordedBy: "g.okafor",
            recordedAt: Examples.now)
    }
}

extension RecordCPD.Command: APISchema {
    public static let schemaName = "RecordCPD"
    public static var example: RecordCPD.Command {
        let entry = CPDEntry.example
        return .init(
            staffID: entry.staffID, date: entry.date, activity: entry.activity, hours: entry.hours,
            reflection: entry.reflection)
    }
}

extension Appraisal: APISchema {
    public static let schemaName = "Appraisal"
    public static var example: Appraisal {
        Appraisal(
            id: Examples.id(44), staffID: Examples.id(5), heldOn: Examples.now,
            nextDue: Examples.now.addingTimeInterval(365 * 86400), appraiser: "Mark Evans", recordedBy: "m.manager",
            recordedAt: Examples.now)
    }
}

extension RecordAppraisal.Command: APISchema {
    public static let schemaName = "RecordAppraisal"
    public static var example: RecordAppraisal.Command {
        let appraisal = Appraisal.example
        return .init(
            staffID: appraisal.staffID, heldOn: appraisal.heldOn, nextDue: appraisal.nextDue,
            appraiser: appraisal.appraiser)
    }
}

extension StaffNotice: APISchema {
    public static let schemaName = "StaffNotice"
    public static var example: StaffNotice {
        StaffNotice(
            id: Examples.id(45), staffID: Examples.id(5), audience: .person,
            message: "Grace Okafor's IR(ME)R training expired. Entitlements removed: perform DX.",
            createdAt: Examples.now)
    }
}

extension StaffExpiryReport: APISchema {
    public static let schemaName = "StaffExpiryReport"
    public static var example: StaffExpiryReport {
        StaffExpiryReport(
            lapses: ["IR(ME)R training of Grace Okafor"], revokedEntitlements: [Examples.id(7)], notices: 2)
    }
}

extension WebApplication {
    /// Staff records of issue 17: training, competencies, supervised practice, CPD, appraisals, notices.
    static var staffRecordRoutes: [APIRoute] {
        let staffFilter = [
            QueryParameter(
                "staffID",
                "Only this member of staff (default: yourself, or everyone for those who may see all staff records)",
                format: "uuid")
        ]
        return [
            .json(
                .get, "/api/training", id: "listTraining",
                summary: "Mandatory training records (yours, or everyone's for a manager)", tag: "Staff records",
                access: .signedIn, query: staffFilter, body: NoBody.self, response: [TrainingRecord].self
            ) { call, _ in
                try await call.department.viewStaffRecords.list(
                    TrainingRecord.self, staffID: call.staffFilter(), by: call.actor)
            },
            .json(
                .post, "/api/training", id: "recordTraining",
                summary:
                    "Record mandatory training with its expiry (its lapse removes the entitlements it underpins); audited",
                tag: "Staff records", access: .permission(.manageStaff), body: RecordTraining.Command.self,
                response: Outcome<TrainingRecord>.self, status: .created, problems: [.unprocessableContent]
            ) { call, command in
                try await call.department.recordTraining(command, by: call.actor)
            },
            .json(
                .get, "/api/training/{recordID}", id: "getTraining", summary: "One training record",
                tag: "Staff records", access: .signedIn, body: NoBody.self, response: TrainingRecord.self
            ) { call, _ in
                try await call.department.viewStaffRecords.get(TrainingRecord.self, call.id("recordID"), by: call.actor)
            },
            .json(
                .get, "/api/competencies", id: "listCompetencies",
                summary: "Assessed competencies (yours, or everyone's for a manager)", tag: "Staff records",
                access: .signedIn, query: staffFilter, body: NoBody.self, response: [Competency].self
            ) { call, _ in
                try await call.department.viewStaffRecords.list(
                    Competency.self, staffID: call.staffFilter(), by: call.actor)
            },
            .json(
                .post, "/api/competencies", id: "recordCompetency",
                summary: "Record an assessed competency (entitlements can be granted on it); audited",
                tag: "Staff records", access: .permission(.manageStaff), body: RecordCompetency.Command.self,
                response: Outcome<Competency>.self, status: .created, problems: [.unprocessableContent]
            ) { call, command in
                try await call.department.recordCompetency(command, by: call.actor)
            },
            .json(
                .get, "/api/competencies/{competencyID}", id: "getCompetency", summary: "One competency",
                tag: "Staff records", access: .signedIn, body: NoBody.self, response: Competency.self
            ) { call, _ in
                try await call.department.viewStaffRecords.get(Competency.self, call.id("competencyID"), by: call.actor)
            },
            .json(
                .get, "/api/practice-log", id: "listSupervisedPractice",
                summary: "Supervised-practice log entries (yours, or everyone's for a manager)", tag: "Staff records",
                access: .signedIn, query: staffFilter, body: NoBody.self, response: [SupervisedPracticeEntry].self
            ) { call, _ in
                try await call.department.viewStaffRecords.list(
                    SupervisedPracticeEntry.self, staffID: call.staffFilter(), by: call.actor)
            },
            .json(
                .get, "/api/practice-log/awaiting-sign-off", id: "listPracticeAwaitingSignOff",
                summary: "Supervised practice naming you as supervisor, not yet signed off", tag: "Staff records",
                access: .signedIn, body: NoBody.self, response: [SupervisedPracticeEntry].self
            ) { call, _ in
                try await call.department.viewStaffRecords.awaitingSignOff(by: call.actor)
            },
            .json(
                .post, "/api/practice-log", id: "logSupervisedPractice",
                summary: "Log supervised practice for the named supervisor to sign off; audited", tag: "Staff records",
                access: .signedIn, body: LogSupervisedPractice.Command.self,
                response: Outcome<SupervisedPracticeEntry>.self, status: .created, problems: [.unprocessableContent]
            ) { call, command in
                try await call.department.logSupervisedPractice(command, by: call.actor)
            },
            .json(
                .post, "/api/practice-log/{entryID}/sign-off", id: "signOffSupervisedPractice",
                summary: "The named supervisor signs an entry off; audited", tag: "Staff records", access: .signedIn,
                body: SignOffSupervisedPractice.Command.self, response: Outcome<SupervisedPracticeEntry>.self,
                problems: [.conflict]
            ) { call, command in
                try await call.department.signOffSupervisedPractice(command, by: call.actor)
            },
            .json(
                .get, "/api/cpd", id: "listCPD", summary: "CPD log (yours, or everyone's for a manager)",
                tag: "Staff records", access: .signedIn, query: staffFilter, body: NoBody.self,
                response: [CPDEntry].self
            ) { call, _ in
                try await call.department.viewStaffRecords.list(
                    CPDEntry.self, staffID: call.staffFilter(), by: call.actor)
            },
            .json(
                .post, "/api/cpd", id: "recordCPD",
                summary: "Add to a CPD log (your own, or anyone's for a manager); audited",
                tag: "Staff records", access: .signedIn, body: RecordCPD.Command.self,
                response: Outcome<CPDEntry>.self, status: .created, problems: [.unprocessableContent]
            ) { call, command in
                try await call.department.recordCPD(command, by: call.actor)
            },
            .json(
                .get, "/api/appraisals", id: "listAppraisals", summary: "Appraisals and when the next is due",
                tag: "Staff records", access: .signedIn, query: staffFilter, body: NoBody.self,
                response: [Appraisal].self
            ) { call, _ in
                try await call.department.viewStaffRecords.list(
                    Appraisal.self, staffID: call.staffFilter(), by: call.actor)
            },
            .json(
                .post, "/api/appraisals", id: "recordAppraisal",
                summary: "Record an appraisal and the next due date; audited",
                tag: "Staff records", access: .permission(.manageStaff), body: RecordAppraisal.Command.self,
                response: Outcome<Appraisal>.self, status: .created, problems: [.unprocessableContent]
            ) { call, command in
                try await call.department.recordAppraisal(command, by: call.actor)
            },
            .json(
                .get, "/api/notices", id: "listNotices",
                summary: "Notices for your home page (expiries that removed entitlements)", tag: "Staff records",
                access: .signedIn, body: NoBody.self, response: [StaffNotice].self
            ) { call, _ in
                try await call.department.viewStaffRecords.notices(by: call.actor)
            },
            .json(
                .post, "/api/staff-expiries/run", id: "applyStaffExpiries",
                summary: "Apply lapsed training, competencies and registrations now (the scheduled job does it too)",
                tag: "Staff records", access: .permission(.manageEntitlements), body: NoBody.self,
                response: Outcome<StaffExpiryReport>.self
            ) { call, _ in
                try await call.department.applyStaffExpiries(by: call.actor)
            },
        ]
    }
}

extension APICall {
    /// The `staffID` query filter of the staff-record lists.
    func staffFilter() throws -> UUID? {
        var errors: [Problem.FieldError] = []
        let id = queryUUID("staffID", errors: &errors)
        guard errors.isEmpty else { throw Problem.invalid("The staff filter is not valid.", errors: errors) }
        return id
    }
}
