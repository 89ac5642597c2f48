import Foundation
import LightboxDomain
import LightboxWeb

/// A busy department for trainers, evaluators and the page benchmark: on top of the demo
/// department, `scale.days` days (today and the days before it) of `scale.patientsPerDay` new
/// patients each, every one taken through the same use cases as the demo's own day
/// (``DemoJourneys``), one unit of work per step. Earlier days end as a department's days end
/// (reports verified, a few reported or waiting for a report, cancellations, did-not-attends,
/// rejected and returned requests); today's list is full and spread over the day's states: the
/// morning done, patients arriving, checked and in progress, the afternoon booked, new requests
/// waiting to be vetted and booked. Rooms are added so the patients fit the service hours.
///
/// Deterministic: patients, exams, rooms, people and outcomes come from a seeded generator and the
/// patient's number. Loaded once per data folder: a second load finds the first scaled patient and
/// adds nothing, saying so.
struct ScaledDemo: Sendable {
    /// Journeys taken at once: their transactions share SQLite commits (group commit), which is
    /// what makes 10,000 exams a matter of minutes; each journey's steps still run one by one.
    static let concurrentJourneys = 32

    let department: Department
    let auth: AuthService
    let clock: any Clock
    let configuration: DepartmentConfiguration
    let scale: DemoScale

    /// Who comes on each day, for which exam, when, and how far their journey goes.
    var plan: ScaledDemoPlan { ScaledDemoPlan(configuration: configuration, scale: scale) }

    /// What a load did.
    struct Summary: Sendable, Equatable {
        var alreadyLoaded: Bool
        var patients: Int
        var roomsAdded: Int
    }

    /// Loads the days unless they are there already; `progress` hears a line a day.
    @discardableResult
    func load(progress: @escaping @Sendable (String) -> Void) async throws -> Summary {
        let loader = Actor(staffID: nil, username: "demo-loader", role: .manager, door: .system)
        let first = try NHSNumber(ScaledDemoPlan.nhsNumber(0))
        let found = try await department.searchPatients(PatientQuery(nhsNumber: first, limit: 1), by: loader).value
        if !found.isEmpty {
            progress(
                "Scaled demo already loaded in this data folder (its first patient, NHS number \(first.digits), "
                    + "is there); nothing added. Start with an empty data folder to load another scale.")
            return Summary(alreadyLoaded: true, patients: 0, roomsAdded: 0)
        }
        let started = ContinuousClock.now
        let people = try await demoStaff(loader)
        let referrers = try await demoReferrers(loader)
        let plan = self.plan
        let plans = (0..<scale.days).map { plan.day($0) }
        let dxRooms = plans.map { day in Set(day.filter { $0.examCode != "CHEADN" }.map(\.roomIndex)).count }.max() ?? 1
        let ctRooms = plans.map { day in Set(day.filter { $0.examCode == "CHEADN" }.map(\.roomIndex)).count }.max() ?? 1
        var rooms: [String: Room] = [:]
        for index in 0..<max(dxRooms, 1) {
            rooms["dx\(index)"] = try await department.addRoom(
                .init(name: "General X-ray \(index + 3)", modality: .DX, aeTitle: "LBXR\(index + 3)"), by: loader
            ).value
        }
        for index in 0..<max(ctRooms, 1) {
            rooms["ct\(index)"] = try await department.addRoom(
                .init(name: "CT scanner \(index + 2)", modality: .CT, aeTitle: "LBCT\(index + 2)"), by: loader
            ).value
        }
        let journeys = DemoJourneys(
            department: department, clock: clock, configuration: configuration, staff: people, rooms: rooms,
            referrers: referrers)
        // The oldest day first, as the department lived them.
        for day in (0..<scale.days).reversed() {
            let dayStarted = ContinuousClock.now
            let startOfDay = journeys.calendar.startOfDay(
                for: journeys.calendar.date(byAdding: .day, value: -day, to: clock.now()) ?? clock.now())
            try await withThrowingTaskGroup(of: Void.self) { group in
                var running = 0
                for visit in plans[day] {
                    if running == Self.concurrentJourneys {
                        _ = try await group.next()
                        running -= 1
                    }
                    group.addTask {
                        try await take(visit, day: day, startOfDay: startOfDay, journeys: journeys)
                    }
                    running += 1
                }
                try await group.waitForAll()
            }
            let seconds = (ContinuousClock.now - dayStarted).components.seconds
            progress(
                "Scaled demo: \(day == 0 ? "today" : "\(day) day\(day == 1 ? "" : "s") ago"), "
                    + "\(scale.patientsPerDay) patients loaded in \(seconds) s")
        }
        let seconds = (ContinuousClock.now - started).components.seconds
        progress(
            "Scaled demo loaded: \(scale.days) days of \(scale.patientsPerDay) patients (\(scale.patients) exams), "
                + "\(dxRooms) more X-ray rooms and \(ctRooms) more CT scanners, in \(seconds) s.")
        return Summary(alreadyLoaded: false, patients: scale.patients, roomsAdded: dxRooms + ctRooms)
    }

    /// Registers the visit's patient and takes the exam through its journey.
    private func take(_ visit: ScaledDemoPlan.Visit, day: Int, startOfDay: Date, journeys: DemoJourneys) async throws {
        let slot = startOfDay.addingTimeInterval(TimeInterval(visit.slotMinute * 60))
        let isCT = visit.examCode == "CHEADN"
        // A past day's steps happen at their time on that day; today's happen now, as in the demo.
        let stepTime: (DemoJourneys.Stop) -> Date? = { stop in
            day == 0 ? nil : slot.addingTimeInterval(TimeInterval(DemoJourneys.minutesAfterSlot(stop) * 60))
        }
        let registeredAt = journeys.department(at: day == 0 ? nil : slot.addingTimeInterval(-86_400))
        let details = PatientDetails(
            nhsNumber: ScaledDemoPlan.nhsNumber(visit.number),
            hospitalNumbers: [
                HospitalNumber(value: String(format: "RVJ%07d", 5_000_000 + visit.number), issuingAuthority: "RVJ")
            ],
            name: PersonName(family: visit.family, given: [visit.given]),
            dateOfBirth: try CalendarDate(year: visit.born.year, month: visit.born.month, day: visit.born.day),
            sex: visit.sex,
            address: PostalAddress(
                lines: [
                    "\(visit.number % 180 + 1) \(ScaledDemoPlan.streets[visit.number % ScaledDemoPlan.streets.count])",
                    "Bristol",
                ],
                postcode: "BS\(visit.number % 16 + 1) \(visit.number % 9 + 1)AB"),
            gpPracticeCode: "L81001")
        let patient = try await registeredAt.registerPatient(details, by: journeys.actor("r.clarke", .supportWorker))
            .value
        let operators = ["g.okafor", "t.nguyen", "h.osei", "m.ali"]
        let practitioner = operators[visit.roomIndex % operators.count]
        let reporter = visit.number % 2 == 0 ? "dr.shah" : "dr.brennan"
        let journey = DemoJourneys.Journey(
            patient: visit.number, examCode: visit.examCode, laterality: visit.laterality, referrer: visit.referrer,
            priority: visit.referrer == "ed" ? .urgent : .routine,
            room: isCT ? "ct\(visit.roomIndex)" : "dx\(visit.roomIndex)", stop: visit.stop, ending: visit.ending,
            justifier: isCT ? reporter : practitioner, operatorName: isCT ? "a.kowalski" : practitioner,
            checker: isCT ? "a.kowalski" : practitioner, reporter: reporter)
        try await journeys.take(
            journey, patient: patient, slot: slot, repeatsAProjection: visit.number % 25 == 9, stepTime: stepTime)
    }

    /// The demo department's people, by user name (from their accounts).
    private func demoStaff(_ loader: Actor) async throws -> [String: StaffMember] {
        let members = Dictionary(
            try await department.browse.staff(by: loader).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var staff: [String: StaffMember] = [:]
        for account in try await auth.accounts() {
            if let id = account.staffID, let member = members[id] { staff[account.username] = member }
        }
        for person in DemoDepartment.people where staff[person.username] == nil {
            throw DomainError(
                .validationFailed, "The demo department has no account \(person.username): load the demo first.")
        }
        return staff
    }

    /// The demo department's referrers: the GP, the emergency department and orthopaedics.
    private func demoReferrers(_ loader: Actor) async throws -> [String: Referrer] {
        let all = try await department.browse.referrers(by: loader)
        var referrers: [String: Referrer] = [:]
        for (key, number) in [("gp", "GMC7654321"), ("ed", "GMC7000111"), ("ortho", "GMC7000222")] {
            guard let referrer = all.first(where: { $0.registrationNumber == number }) else {
                throw DomainError(
                    .validationFailed, "The demo department has no referrer \(number): load the demo first.")
            }
            referrers[key] = referrer
        }
        return referrers
    }
}
