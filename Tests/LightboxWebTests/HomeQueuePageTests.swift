import Foundation
import HTTPTypes
import HummingbirdTesting
import LightboxDomain
import LightboxTestSupport
import Testing

@testable import LightboxWeb

/// Issue 14's "Home per role" bounded to what this person has to do now: each queue its most pressing rows and
/// its count from the store, "and N more" linking to the full list; the reporting worklist in pages; and one
/// rule for a six-week wait on the pages and in DM01.
@Suite("Home queues and worklist pages")
struct HomeQueuePageTests {
    /// A routine request for the seeded department's patient, made `daysAgo` days before the seeded clock's now.
    static func request(
        _ seeded: SeededDepartment, daysAgo: Double, priority: Priority = .routine, state: ExamState = .requested
    ) throws -> Exam {
        var exam = PageModelTests.exam(state, priority: priority)
        exam.patientID = try #require(seeded.patients.values.first).id
        exam.referrerID = seeded.referrer.id
        exam.requestedAt = seeded.clock.now().addingTimeInterval(-daysAgo * 86_400)
        return exam
    }

    @Test("A home queue shows its most pressing rows and counts the rest in the store: 'and N more', linked")
    func boundedQueue() async throws {
        try await TestApp.run(.sqlite) { seeded, client, database in
            let rows = seeded.configuration.homeQueueRows
            let exams =
                try (1...(rows + 3)).map { try Self.request(seeded, daysAgo: Double($0)) }
                + [try Self.request(seeded, daysAgo: 0.5, priority: .urgent)]
            try await seeded.store.transaction { unit in
                for exam in exams { try await unit.exams.insert(exam) }
            }
            try await PageTests.account(seeded, "g.okafor", .radiographer, person: "radiographer")
            var radiographer = PageSession(client)
            _ = try await radiographer.signIn("g.okafor", PageTests.password)
            let home = try await radiographer.get("/")
            #expect(home.status == .ok)
            let vetting = try #require(
                home.html.components(separatedBy: "<section").first { $0.contains("id=\"vetting\"") })
            #expect(vetting.contains("<span class=\"count\">\(rows + 4)</span>"), "the whole queue counted")
            #expect(vetting.components(separatedBy: "href=\"/exams/").count - 1 == rows, "only the first rows listed")
            #expect(vetting.contains("<a href=\"/vetting\" id=\"vetting-more-link\">and 4 more</a>"))
            // Most pressing first: the urgent request, then the longest waits; the newest routine ones are counted.
            let shown = vetting.components(separatedBy: "href=\"/exams/").dropFirst().map { String($0.prefix(36)) }
            #expect(shown.first == exams.last?.id.uuidString)
            let newest = exams.prefix(4).map(\.id.uuidString)
            #expect(newest.allSatisfy { !shown.contains($0) }, "the four most recent routine requests wait below")
            let audited = try AuditRows.query(
                database, "SELECT detail FROM audit_entries WHERE action = 'exam.list' ORDER BY sequence DESC LIMIT 1")
            #expect(audited.first?.contains("of \(rows + 4)") == true, "\(audited)")
        }
    }

    @Test("Today's list on the home is the person's rooms on today's rota, named in its title")
    func todayForMyRooms() async throws {
        try await TestApp.run(.sqlite) { seeded, client, _ in
            let rooms = seeded.rooms.values.sorted { $0.name < $1.name }
            try #require(rooms.count >= 2)
            let staffID = try #require(seeded.staff["radiographer"]?.id)
            let now = seeded.clock.now()
            var mineRequest = try Self.request(seeded, daysAgo: 3, state: .booked)
            mineRequest.booking = Booking(
                roomID: rooms[0].id, scheduledAt: now.addingTimeInterval(600), bookedBy: "d", bookedAt: now)
            var otherRequest = try Self.request(seeded, daysAgo: 3, state: .booked)
            otherRequest.booking = Booking(
                roomID: rooms[1].id, scheduledAt: now.addingTimeInterval(900), bookedBy: "d", bookedAt: now)
            let mine = mineRequest
            let other = otherRequest
            let rota = RotaAssignment(
                id: UUID(), roomID: rooms[0].id, roomName: rooms[0].name,
                day: CalendarDate(now, in: seeded.configuration.timeZone), session: .morning, staffID: staffID,
                staffName: "G Okafor", role: .operator, supervised: false, note: nil, assignedBy: "manager",
                assignedAt: now)
            try await seeded.store.transaction { unit in
                try await unit.exams.insert(mine)
                try await unit.exams.insert(other)
                try await unit.rota.insert(rota)
            }
            try await PageTests.account(seeded, "g.okafor", .radiographer, person: "radiographer")
            var radiographer = PageSession(client)
            _ = try await radiographer.signIn("g.okafor", PageTests.password)
            let home = try await radiographer.get("/")
            let today = try #require(
                home.html.components(separatedBy: "<section").first { $0.contains("id=\"today\"") })
            #expect(
                today.contains("Today&#39;s list: \(rooms[0].name)") || today.contains("Today's list: \(rooms[0].name)")
            )
            #expect(today.contains("/exams/\(mine.id.uuidString)"))
            #expect(!today.contains("/exams/\(other.id.uuidString)"), "another room's patient is not on my list")
        }
    }

    @Test("The reporting worklist pages: a page's rows, where it stands, and the links before and after")
    func reportingPages() async throws {
        let layout = LayoutModel(
            title: "Reporting", user: PageModelTests.user(.radiologist), policy: .default, csrfToken: "t",
            path: "/reporting", idleSeconds: 60)
        let page = (0..<50).map { _ in PageModelTests.exam(.discharged) }
        let model = ReportingPageModel(
            layout: layout,
            pages: ReportingPageModel.Pages(
                toReport: ExamQueue(exams: page, total: 120), toReportPage: 2,
                toVerify: ExamQueue(exams: [PageModelTests.exam(.reported)], total: 1), toVerifyPage: 1, rows: 50),
            alerts: [], patients: [:], canReport: true, canVerify: true, now: PageModelTests.now,
            configuration: .default, livePosition: nil)
        #expect(model.toReport.count == 50)
        #expect(
            model.toReportPaging.first == 51 && model.toReportPaging.last == 100 && model.toReportPaging.total == 120)
        #expect(model.toReportPaging.previousHref == "/reporting?page=1&verify-page=1")
        #expect(model.toReportPaging.nextHref == "/reporting?page=3&verify-page=1")
        #expect(model.toReportPaging.hasPages)
        #expect(!model.toVerifyPaging.hasPages && model.toVerifyPaging.nextHref == nil)
        let queries = ReportingPageModel.Pages.queries(toReportPage: 3, toVerifyPage: 1, rows: 50)
        #expect(queries.toReport.offset == 100 && queries.toReport.limit == 50)
        #expect(queries.toReport.order == .reportingTarget)

        try await TestApp.run(.sqlite) { seeded, client, _ in
            try await PageTests.account(seeded, "p.shah", .radiologist, person: "radiologist")
            var radiologist = PageSession(client)
            _ = try await radiologist.signIn("p.shah", PageTests.password)
            #expect(try await radiologist.get("/reporting?page=2").status == .ok)
            #expect(try await radiologist.get("/reporting?page=0").status == .notFound)
            #expect(try await radiologist.get("/reporting?verify-page=x").status == .notFound)
        }
    }

    @Test("Six weeks or more counts, on the pages as in DM01: 41 days is within, 42 is over")
    func sixWeekRule() throws {
        var configuration = DepartmentConfiguration.default
        configuration.timeZoneIdentifier = "Europe/London"
        let zone = configuration.timeZone
        let now = PageModelTests.now  // Monday 2 March 2026, 09:00 in London
        let censusDay = CalendarDate(now, in: zone)
        let boundary = DiagnosticWait.requestedBefore(
            days: configuration.diagnosticWaitWeeks * 7, censusDay: censusDay, in: zone)
        // Late on the evening 42 calendar days ago: under 42 × 24 hours, but DM01 counts it as six weeks.
        let cases: [(requested: Date, over: Bool)] = [
            (censusDay.adding(days: -41).start(in: zone).addingTimeInterval(60), false),
            (censusDay.adding(days: -41).start(in: zone).addingTimeInterval(-60), true),
            (censusDay.adding(days: -42).start(in: zone).addingTimeInterval(8 * 3600), true),
            (now.addingTimeInterval(-41 * 86_400), false),
        ]
        for (requested, over) in cases {
            var exam = PageModelTests.exam(.justified)
            exam.requestedAt = requested
            let wait = DiagnosticWait(requestedAt: requested, now: now, configuration: configuration)
            #expect(wait.breached == over, "\(requested)")
            #expect((requested < boundary) == over, "DM01 counts it the same way")
            let row = ExamRow(exam, patient: nil, now: now, configuration: configuration)
            #expect(row.overWaitTarget == over, "the home's list")
            let entry = WaitingListEntry(exam: exam, reason: .toBook, now: now, configuration: configuration)
            #expect((entry.clock == .breached) == over, "the waiting list")
        }
        let exactly = ExamRow(
            {
                var exam = PageModelTests.exam(.justified); exam.requestedAt = now.addingTimeInterval(-42 * 86_400);
                return exam
            }(),
            patient: nil, now: now, configuration: configuration)
        #expect(exactly.waitingDays == 42 && exactly.overWaitTarget, "exactly six weeks is over, not only after it")
        #expect(exactly.waitText == "42 days: at or over the 6-week target")
    }
}
