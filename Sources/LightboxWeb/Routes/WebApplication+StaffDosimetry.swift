import Foundation
import Hummingbird
import LightboxDomain

/// Body of `POST /api/staff-dosimetry/readings`.
extension RecordDosemeterReading.Command: APISchema {
    public static let schemaName = "RecordDosemeterReading"
    public static var example: RecordDosemeterReading.Command {
        .init(
            staffID: Examples.id(5), site: .wholeBody, periodStart: StaffDosimetryExamples.periodStart,
            periodEnd: StaffDosimetryExamples.periodEnd, doseMilliSievert: 0.8, dosemeterReference: "TLD-0042")
    }
}

/// Body of `POST /api/staff-dosimetry/investigations/{investigationID}/closure`.
extension CloseStaffDoseInvestigation.Command: APISchema {
    public static let schemaName = "CloseStaffDoseInvestigation"
    public static let pathMembers = ["investigationID"]
    public static var example: CloseStaffDoseInvestigation.Command {
        .init(
            investigationID: Examples.id(50), findings: "Long fluoroscopy lists this month; lead glasses issued",
            doseConfirmed: true)
    }
}

/// Body of `POST /api/staff-dosimetry/classifications`.
extension ClassifyWorker.Command: APISchema {
    public static let schemaName = "ClassifyWorker"
    public static var example: ClassifyWorker.Command {
        .init(
            staffID: Examples.id(5), classified: true, from: StaffDosimetryExamples.periodStart,
            reason: "Interventional list; RPA advises classification")
    }
}

enum StaffDosimetryExamples {
    static let periodStart =
        (try? CalendarDate(year: 2026, month: 2, day: 1)) ?? CalendarDate(Examples.now, in: .current)
    static let periodEnd =
        (try? CalendarDate(year: 2026, month: 2, day: 28)) ?? CalendarDate(Examples.now, in: .current)
    static var reading: DosemeterReading {
        DosemeterReading(
            id: Examples.id(51), staffID: Examples.id(5), staffName: "Grace Okafor", site: .wholeBody,
            periodStart: periodStart, periodEnd: periodEnd, doseMilliSievert: 0.8, dosemeterReference: "TLD-0042",
            investigationID: Examples.id(50), recordedBy: "p.nair", recordedAt: Examples.now)
    }
    static var investigation: StaffDoseInvestigation {
        StaffDoseInvestigation(
            id: Examples.id(50), readingID: Examples.id(51), staffID: Examples.id(5), staffName: "Grace Okafor",
            site: .wholeBody, periodStart: periodStart, periodEnd: periodEnd, doseMilliSievert: 0.8,
            levelMilliSievert: 0.5, arithmetic: "Whole body, Hp(10) 0.8 mSv > investigation level 0.5 mSv",
            openedAt: Examples.now, findings: CloseStaffDoseInvestigation.Command.example.findings,
            doseConfirmed: true, closedBy: Examples.id(7), closedByName: "Dr Priya Nair", closedAt: Examples.now)
    }
    static var classification: ClassifiedWorker {
        ClassifiedWorker(
            staffID: Examples.id(5), staffName: "Grace Okafor", classified: true, from: periodStart,
            reason: ClassifyWorker.Command.example.reason, changedBy: "m.evans", changedAt: Examples.now)
    }
}

extension DosemeterReading: APISchema {
    public static let schemaName = "DosemeterReading"
    public static var example: DosemeterReading { StaffDosimetryExamples.reading }
}

extension StaffDoseInvestigation: APISchema {
    public static let schemaName = "StaffDoseInvestigation"
    public static var example: StaffDoseInvestigation { StaffDosimetryExamples.investigation }
}

extension ClassifiedWorker: APISchema {
    public static let schemaName = "ClassifiedWorker"
    public static var example: ClassifiedWorker { StaffDosimetryExamples.classification }
}

extension StaffDosimetryOverview: APISchema {
    public static let schemaName = "StaffDosimetryOverview"
    public static var example: StaffDosimetryOverview {
        StaffDosimetryOverview(
            levels: StaffDoseInvestigationLevels(), readings: [StaffDosimetryExamples.reading],
            totals: [
                StaffDoseTotal(
                    staffID: Examples.id(5), staffName: "Grace Okafor", site: .wholeBody, year: 2026,
                    totalMilliSievert: 0.8, readings: 1, classified: true)
            ], investigations: [StaffDosimetryExamples.investigation],
            classifications: [StaffDosimetryExamples.classification])
    }
}

extension WebApplication {
    /// Staff dosimetry (issue 16): personal dosemeter readings, investigations above the investigation levels,
    /// classified workers.
    static var staffDosimetryRoutes: [APIRoute] {
        [
            .json(
                .get, "/api/staff-dosimetry", id: "viewStaffDosimetry",
                summary:
                    "Dosemeter readings (of one wearer with ?staffID=), yearly totals, investigations and classified "
                    + "workers, with the investigation levels in force; audited",
                tag: "Dose", access: .permission(.manageStaffDosimetry),
                query: [QueryParameter("staffID", "Only this wearer")], body: NoBody.self,
                response: StaffDosimetryOverview.self, problems: [.unprocessableContent]
            ) { call, _ in
                var errors: [Problem.FieldError] = []
                let staffID = call.queryUUID("staffID", errors: &errors)
                if !errors.isEmpty { throw Problem.invalid("The wearer is wrong.", errors: errors) }
                return try await call.department.viewStaffDosimetry(staffID: staffID, by: call.actor)
            },
            .json(
                .post, "/api/staff-dosimetry/readings", id: "recordDosemeterReading",
                summary:
                    "Record a personal dosemeter reading; above its investigation level it opens an investigation; "
                    + "audited",
                tag: "Dose", access: .permission(.manageStaffDosimetry), body: RecordDosemeterReading.Command.self,
                response: DosemeterReading.self, status: .created, problems: [.unprocessableContent]
            ) { call, command in
                try await call.department.recordDosemeterReading(command, by: call.actor)
            },
            .json(
                .post, "/api/staff-dosimetry/investigations/{investigationID}/closure",
                id: "closeStaffDoseInvestigation",
                summary: "The clinical scientist closes an investigation with findings; audited", tag: "Dose",
                access: .permission(.investigateStaffDose), body: CloseStaffDoseInvestigation.Command.self,
                response: StaffDoseInvestigation.self, problems: [.notFound, .conflict, .unprocessableContent]
            ) { call, command in
                try await call.department.closeStaffDoseInvestigation(command, by: call.actor)
            },
            .json(
                .post, "/api/staff-dosimetry/classifications", id: "classifyWorker",
                summary: "Designate a classified worker, or end the designation, with the date and why; audited",
                tag: "Dose", access: .permission(.manageStaffDosimetry), body: ClassifyWorker.Command.self,
                response: ClassifiedWorker.self, status: .created, problems: [.unprocessableContent]
            ) { call, command in
                try await call.department.classifyWorker(command, by: call.actor)
            },
        ]
    }
}
