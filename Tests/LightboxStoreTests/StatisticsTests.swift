import Foundation
import LightboxDomain
import Testing

@testable import LightboxStore

/// The department's statistics on a small fixture whose figures are worked out by hand below, on both engines:
/// the SQL aggregation of `FluentStatisticsRepository` and the domain's definitions must give exactly these.
@Suite("Statistics")
struct StatisticsTests {
    struct StillClock: Clock {
        let moment: Date
        func now() -> Date { moment }
    }

    struct RandomIDs: IDGenerator {
        func next() -> UUID { UUID() }
    }

    static func at(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text) ?? Date(timeIntervalSince1970: 0)
    }

    /// Now: Monday 30 November 2026, 12:00 in London (GMT, so UTC).
    static let now = at("2026-11-30T12:00:00Z")
    static let manager = Actor(staffID: nil, username: "m.manager", role: .manager, door: .web)

    struct Fixture: Sendable {
        let xr1: Room
        let ct: Room
        let operatorA: StaffMember
        let operatorB: StaffMember
        let exams: [String: Exam]
    }

    static func exam(
        _ code: String, _ modality: Modality, patient: UUID, referrer: UUID, state: ExamState, requested: String,
        priority: Priority = .routine, source: PatientSource? = .outpatient, performed: String? = nil,
        room: UUID? = nil, operatorID: UUID? = nil, images: Int = 0, rejects: Int = 0, issued: String? = nil,
        closed: String? = nil, pregnancy: PregnancyAnswer? = nil
    ) throws -> Exam {
        let id = UUID()
        let actor = manager
        var history = [
            ExamStep(action: nil, from: nil, to: .requested, at: at(requested), actor: actor, roomID: nil, note: nil)
        ]
        if let closed {
            history.append(
                ExamStep(action: nil, from: .booked, to: state, at: at(closed), actor: actor, roomID: nil, note: nil))
        }
        var exam = Exam(
            id: id, accessionNumber: Exam.accessionNumber(for: id), patientID: patient, referrerID: referrer,
            examCode: code, examName: code, modality: modality, bodyRegion: .chest, laterality: .notApplicable,
            clinicalQuestion: "?", priority: priority, patientSource: source, location: nil,
            pregnancyStatusOnRequest: pregnancy, research: nil, requestIdentifiers: RequestIdentifiers(),
            requestedAt: at(requested), state: state, history: history)
        if let performed, let room {
            exam.performance = PerformanceRecord(
                operatorStaffID: operatorID, supervisorStaffID: nil, entitlementID: nil, roomID: room,
                startedAt: at(performed),
                projections: images > 0 ? [PerformedProjection(name: "AP", images: images)] : [])
            if rejects > 0 {
                exam.imageChecks = [
                    ImageCheckRecord(
                        checkedBy: operatorID ?? id, diagnostic: true,
                        rejects: (0..<rejects).map { _ in
                            ImageReject(projection: "AP", reason: .positioning, repeated: true)
                        }, note: nil, at: at(performed).addingTimeInterval(600))
                ]
            }
        }
        if let issued {
            exam.report = ReportRecord(
                text: "No abnormality.", alert: nil, reportedBy: operatorID ?? id,
                reportedAt: at(issued).addingTimeInterval(-60), needsIndependentVerification: false,
                verifiedBy: operatorID ?? id, verifiedAt: at(issued))
        }
        return exam
    }

    static func seed(_ store: FluentDepartmentStore) async throws -> Fixture {
        let xr1 = modified(Fixtures.room(name: "X-ray 1")) { $0.status = .inUse }
        let ct = modified(Fixtures.room(name: "CT 1")) {
            $0.status = .inUse
            $0.modality = .CT
            $0.aeTitle = "CT1"
        }
        let a = Fixtures.staff(family: "Adeyemi")
        let b = Fixtures.staff(family: "Brown")
        let woman = try modified(try Fixtures.patient()) {
            $0.dateOfBirth = try CalendarDate(iso: "1996-05-01")
            $0.childbearingPotential = nil
        }
        let man = modified(try Fixtures.patient(family: "Obi", nhs: "4010232137")) {
            $0.sex = .male
            $0.childbearingPotential = nil
        }
        let older = try modified(try Fixtures.patient(family: "Evans", nhs: "9000000009")) {
            $0.dateOfBirth = try CalendarDate(iso: "1966-01-01")
            $0.childbearingPotential = nil
        }
        let referrer = Fixtures.referrer()
        let chest = modified(Fixtures.catalogueEntry(code: "XCHEST", name: "XR Chest")) {
            $0.pregnancyRelevant = false
            $0.snomedCT = "399208008"
        }
        let abdomen = modified(Fixtures.catalogueEntry(code: "XABDOM", name: "XR Abdomen")) {
            $0.pregnancyRelevant = true
            $0.snomedCT = nil
        }
        let head = modified(Fixtures.catalogueEntry(code: "CHEADN", name: "CT Head")) {
            $0.modality = .CT
            $0.pregnancyRelevant = false
            $0.snomedCT = "303653007"
        }
        let p = woman.id
        let r = referrer.id
        let exams: [String: Exam] = [
            // The waiting list at the census (30 November): 1, 10, 42, 41 and 121 days.
            "w1": try exam("XCHEST", .DX, patient: p, referrer: r, state: .booked, requested: "2026-11-29T09:00:00Z"),
            "w2": try exam(
                "XCHEST", .DX, patient: p, referrer: r, state: .requested, requested: "2026-11-20T09:00:00Z"),
            "w3": try exam(
                "CHEADN", .CT, patient: p, referrer: r, state: .justified, requested: "2026-10-19T10:00:00Z"),
            "w4": try exam("CHEADN", .CT, patient: p, referrer: r, state: .booked, requested: "2026-10-20T10:00:00Z"),
            "w5": try exam(
                "XCHEST", .DX, patient: p, referrer: r, state: .returnedForInformation,
                requested: "2026-08-01T09:00:00Z"),
            // Off the list: performed on 20 September; cancelled on 5 September.
            "n1": try exam(
                "XCHEST", .DX, patient: p, referrer: r, state: .reportVerified, requested: "2026-09-01T09:00:00Z",
                performed: "2026-09-20T09:00:00Z", room: xr1.id, operatorID: a.id, images: 1,
                issued: "2026-09-21T09:00:00Z"),
            "n2": try exam(
                "XCHEST", .DX, patient: p, referrer: r, state: .cancelled, requested: "2026-09-01T09:00:00Z",
                closed: "2026-09-05T09:00:00Z"),
            // Performed in November.
            "t1": try exam(
                "XCHEST", .DX, patient: p, referrer: r, state: .reportVerified, requested: "2026-11-02T08:00:00Z",
                priority: .emergency, source: .emergencyDepartment, performed: "2026-11-02T09:00:00Z", room: xr1.id,
                operatorID: a.id, images: 4, rejects: 1, issued: "2026-11-02T21:00:00Z"),
            "t2": try exam(
                "XCHEST", .DX, patient: p, referrer: r, state: .reportVerified, requested: "2026-11-03T08:00:00Z",
                priority: .emergency, source: .emergencyDepartment, performed: "2026-11-03T09:00:00Z", room: xr1.id,
                operatorID: b.id, images: 10, issued: "2026-11-04T15:00:00Z"),
            "t3": try exam(
                "XCHEST", .DX, patient: p, referrer: r, state: .reportVerified, requested: "2026-11-06T08:00:00Z",
                priority: .inpatient, source: .inpatient, performed: "2026-11-06T10:00:00Z", room: xr1.id,
                operatorID: a.id, images: 6, rejects: 2, issued: "2026-11-09T09:00:00Z"),
            "t4": try exam(
                "XCHEST", .DX, patient: p, referrer: r, state: .reportVerified, requested: "2026-11-10T08:00:00Z",
                priority: .inpatient, source: .inpatient, performed: "2026-11-10T10:00:00Z", room: xr1.id,
                operatorID: b.id, images: 5, rejects: 1, issued: "2026-11-11T11:00:00Z"),
            "t5": try exam(
                "CHEADN", .CT, patient: p, referrer: r, state: .discharged, requested: "2026-10-30T08:00:00Z",
                performed: "2026-11-01T08:00:00Z", room: ct.id, operatorID: a.id, images: 2),
            "t6": try exam(
                "CHEADN", .CT, patient: p, referrer: r, state: .discharged, requested: "2026-11-19T08:00:00Z",
                performed: "2026-11-20T08:00:00Z", room: ct.id, operatorID: b.id, images: 3),
            "t7": try exam(
                "XCHEST", .DX, patient: p, referrer: r, state: .discontinued, requested: "2026-11-05T08:00:00Z",
                performed: "2026-11-05T09:00:00Z", room: xr1.id, operatorID: a.id),
            // Performed in June, never reported: beyond four weeks.
            "o1": try exam(
                "XCHEST", .DX, patient: p, referrer: r, state: .discharged, requested: "2026-06-01T08:00:00Z",
                performed: "2026-06-01T09:00:00Z", room: xr1.id, operatorID: a.id, images: 1),
            // Pregnancy status: two abdomens of a woman of 30 (one recorded), a man's, a woman's of 60.
            "p1": try exam(
                "XABDOM", .DX, patient: woman.id, referrer: r, state: .discharged, requested: "2026-11-12T08:00:00Z",
                performed: "2026-11-12T09:00:00Z", room: xr1.id, operatorID: b.id, pregnancy: .no),
            "p2": try exam(
                "XABDOM", .DX, patient: woman.id, referrer: r, state: .discharged, requested: "2026-11-13T08:00:00Z",
                performed: "2026-11-13T09:00:00Z", room: xr1.id, operatorID: b.id),
            "p3": try exam(
                "XABDOM", .DX, patient: man.id, referrer: r, state: .discharged, requested: "2026-11-14T08:00:00Z",
                performed: "2026-11-14T09:00:00Z", room: xr1.id, operatorID: b.id),
            "p4": try exam(
                "XABDOM", .DX, patient: older.id, referrer: r, state: .discharged, requested: "2026-11-15T08:00:00Z",
                performed: "2026-11-15T09:00:00Z", room: xr1.id, operatorID: b.id),
        ]
        try await store.transaction { unit async throws in
            for patient in [woman, man, older] { try await unit.patients.insert(patient) }
            try await unit.referrers.insert(referrer)
            for member in [a, b] { try await unit.staff.insert(member) }
            for room in [xr1, ct] { try await unit.rooms.insert(room) }
            for entry in [chest, abdomen, head] { try await unit.catalogue.upsert(entry) }
            for exam in exams.values { try await unit.exams.insert(exam) }
        }
        return Fixture(xr1: xr1, ct: ct, operatorA: a, operatorB: b, exams: exams)
    }

    static func department(_ test: TestDatabase, configuration: DepartmentConfiguration = .default) -> Department {
        Department(
            store: FluentDepartmentStore(database: test.database), clock: StillClock(moment: now), ids: RandomIDs(),
            configuration: configuration)
    }

    static let november = StatisticsPeriod.month(year: 2026, month: 11, in: TimeZone(identifier: "Europe/London")!)

    @Test("DM01: the census counts what waits, by whole days from the request day", arguments: TestEngine.allCases)
    func dm01(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { test async throws in
            _ = try await Self.seed(FluentDepartmentStore(database: test.database))
            let department = Self.department(test)
            // By hand, 30 November: w1..w5 wait (n1 was performed, n2 cancelled; t* performed); w3 (42 days) and
            // w5 (121 days) have waited six weeks or more: 2 of 5 = 40 %, against a 1 % target.
            let report = try await department.viewDM01(.init(), by: Self.manager)
            #expect(report.waiting == 5)
            #expect(report.waitingAtOrOverTarget == 2)
            #expect(report.percentAtOrOverTarget == 40)
            #expect(report.meetsTarget == false)
            #expect(report.targetPercent == 1)
            #expect(
                report.modalities.map { [$0.modality.rawValue, "\($0.waiting)", "\($0.waitingAtOrOverTarget)"] } == [
                    ["CT", "2", "1"], ["DX", "3", "1"],
                ])
            // Bands: 1 day → 0-1 weeks, 10 → 1-2, 41 → 5-6, 42 → 6-7, 121 → 13 or more.
            let bands = report.bands.map(\.waiting)
            #expect(bands == [1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1])
            #expect(report.bands[6].overTarget && !report.bands[5].overTarget)

            // The census of 10 September: w5 (40 days) and n1 (requested 1 September, performed on the 20th) wait;
            // n2 was cancelled on the 5th. None has waited six weeks.
            let september = try await department.viewDM01(
                .init(census: Self.at("2026-09-10T11:00:00Z")), by: Self.manager)
            #expect(september.waiting == 2)
            #expect(september.waitingAtOrOverTarget == 0)
            #expect(september.meetsTarget)
        }
    }

    @Test("Turnaround: each target's share, median and 90th centile, and the backlog", arguments: TestEngine.allCases)
    func turnaround(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { test async throws in
            _ = try await Self.seed(FluentDepartmentStore(database: test.database))
            let report = try await Self.department(test).viewReportingTurnaround(Self.november, by: Self.manager)
            // By hand, November (t7 discontinued is left out): t1 12 h, t2 30 h, t3 71 h (Friday 10:00 to Monday
            // 09:00), t4 25 h reported; p1-p4 and t6 are not yet due (28 days); t5 (1 November 08:00) is overdue.
            let all = try #require(report.targets.first { $0.key == "all" })
            #expect(all.performed == 10)
            #expect(all.reported == 4)
            #expect(all.reportedWithinTarget == 4)
            #expect(all.overdue == 1)
            #expect(all.awaitingReport == 5)
            #expect(all.percentWithinTarget == 80)
            #expect(all.medianHours == 27.5)
            #expect(all.ninetiethPercentileHours == 71)
            // ED within 24 hours: t1 yes, t2 no.
            let ed = try #require(report.targets.first { $0.key == "emergency-department" })
            #expect([ed.performed, ed.reported, ed.reportedWithinTarget] == [2, 2, 1] as [Int])
            #expect(ed.percentWithinTarget == 50)
            #expect(ed.medianHours == 21)
            // Inpatient radiographs within one working day: t3 (due Monday 10:00) yes, t4 (due Wednesday 10:00) no.
            let inpatient = try #require(report.targets.first { $0.key == "inpatient-radiographs" })
            #expect([inpatient.performed, inpatient.reportedWithinTarget, inpatient.overdue] == [2, 1, 0] as [Int])
            #expect(inpatient.percentWithinTarget == 50)
            // Unreported beyond 28 days now: t5 (CT) and o1 (June, DX).
            #expect(report.unreportedBeyondLimitTotal == 2)
            #expect(report.unreportedBeyondLimit.map(\.modality) == [.CT, .DX])
        }
    }

    @Test("Reject rates per room and operator, flagged against the band", arguments: TestEngine.allCases)
    func rejectRates(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { test async throws in
            let fixture = try await Self.seed(FluentDepartmentStore(database: test.database))
            let report = try await Self.department(test).viewRejectRates(Self.november, by: Self.manager)
            // By hand, November: X-ray 1 has t1 (4 images, 1 rejected), t2 (10, 0), t3 (6, 2), t4 (5, 1), t7 (0),
            // p1-p4 (0): 25 images, 4 rejected = 16 %, above 10 %. CT 1: t5 (2), t6 (3), none rejected = 0 %,
            // below 5 %. Operator A: t1, t3, t5, t7 = 12 images, 3 rejected = 25 %. Operator B: t2, t4, t6,
            // p1-p4 = 18 images, 1 rejected = 5.56 %, within. Department: 30 images, 4 rejected = 13.3 %.
            #expect(report.department.imagesAcquired == 30)
            #expect(report.department.imagesRejected == 4)
            #expect(abs((report.department.ratePercent ?? 0) - 400.0 / 30) < 1e-9)
            let xr1 = try #require(report.rooms.first { $0.id == fixture.xr1.id })
            #expect([xr1.exams, xr1.imagesAcquired, xr1.imagesRejected] == [9, 25, 4] as [Int])
            #expect(xr1.ratePercent == 16)
            #expect(xr1.flag == .aboveBand)
            let ct = try #require(report.rooms.first { $0.id == fixture.ct.id })
            #expect([ct.exams, ct.imagesAcquired, ct.imagesRejected] == [2, 5, 0] as [Int])
            #expect(ct.flag == .belowBand)
            let a = try #require(report.operators.first { $0.id == fixture.operatorA.id })
            #expect([a.imagesAcquired, a.imagesRejected] == [12, 3] as [Int])
            #expect(a.ratePercent == 25)
            let b = try #require(report.operators.first { $0.id == fixture.operatorB.id })
            #expect([b.imagesAcquired, b.imagesRejected] == [18, 1] as [Int])
            #expect(b.flag == .withinBand)
            #expect(b.name.contains("Brown"))

            let activity = try await Self.department(test).viewRoomActivity(Self.november, by: Self.manager)
            #expect(activity.exams == 11)
            #expect(activity.rooms.map(\.name) == ["CT 1", "X-ray 1"])
            #expect(activity.rooms.map(\.exams) == [2, 9])
        }
    }

    @Test("Pregnancy status recorded where the enquiry applies", arguments: TestEngine.allCases)
    func pregnancy(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { test async throws in
            _ = try await Self.seed(FluentDepartmentStore(database: test.database))
            let report = try await Self.department(test).viewPregnancyRecording(Self.november, by: Self.manager)
            // By hand: the enquiry applies to p1 and p2 (a woman of 30, abdomen); not to p3 (a man) nor p4 (60,
            // over 55). p1 has a status recorded: 1 of 2 = 50 %.
            #expect(report.applicable == 2)
            #expect(report.recorded == 1)
            #expect(report.percentRecorded == 50)
            #expect(report.meetsTarget == false)
            #expect(report.exams.map(\.examCode) == ["XABDOM"])
        }
    }

    @Test(
        "The monthly dataset: one row per exam performed, fields in the dataset's codes", arguments: TestEngine.allCases
    )
    func dataset(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { test async throws in
            let fixture = try await Self.seed(FluentDepartmentStore(database: test.database))
            var configuration = DepartmentConfiguration.default
            configuration.diagnosticImagingDataset = DatasetSubmitter(providerCode: "RXH", siteCode: "RXH01")
            let export = try await Self.department(test, configuration: configuration)
                .exportDiagnosticImagingDataset(.init(month: "2026-11"), by: Self.manager)
            // t1-t6 and p1-p4 were performed in November; t7 was discontinued.
            #expect(export.records.count == 10)
            let t1 = try #require(fixture.exams["t1"])
            let row = try #require(export.records.first { $0.accessionNumber == t1.accessionNumber })
            #expect(
                row.fields == [
                    "9434765919", "1996-05-01", "2", "BN1 1AA", "G81001", "05", "GMC1234567", "RXH01", "2026-11-02",
                    "2026-11-02", "XCHEST", "399208008", "2026-11-02", "2026-11-02", "RXH", "RXH01",
                    t1.accessionNumber,
                ])
            // The abdomen has no SNOMED CT code in this catalogue: a warning, not an error; the month passes.
            #expect(export.passes)
            #expect(export.problems.allSatisfy { $0.severity == .warning && $0.field == "SNOMED_CT_CODE" })
            #expect(export.problems.count == 4)

            // Without the department's codes it does not.
            let unset = try await Self.department(test).exportDiagnosticImagingDataset(
                .init(month: "2026-11"), by: Self.manager)
            #expect(!unset.passes)
            #expect(unset.problems.contains { $0.field == "SITE_CODE" && $0.severity == .error })
        }
    }
}
