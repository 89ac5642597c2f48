import Foundation
import LightboxDomain
import LightboxStore
import LightboxTestSupport
import LightboxWeb
import Synchronization
import Testing

@testable import LightboxServer

@Suite("Scaled demo")
struct ScaledDemoTests {
    static let reader = Actor(staffID: nil, username: "test", role: .manager, door: .system)

    /// The state an exam of the plan must be in once loaded.
    static func state(_ visit: ScaledDemoPlan.Visit) -> ExamState {
        switch visit.ending {
        case .rejected: return .rejected
        case .returned: return .returnedForInformation
        case .cancelled: return .cancelled
        case .didNotAttend: return .didNotAttend
        case .rebooked: return .booked
        case nil: break
        }
        switch visit.stop {
        case .requested: return .requested
        case .justified: return .justified
        case .booked: return .booked
        case .arrived: return .arrived
        case .checked: return .checked
        case .inProgress: return .inProgress
        case .completed: return .completed
        case .imagesChecked: return .imagesChecked
        case .discharged: return .discharged
        case .reported: return .reported
        case .reportVerified: return .reportVerified
        }
    }

    @Test(
        "Loads days of patients through the use cases, each exam in its planned state; a second load adds nothing",
        arguments: TestEngine.allCases)
    func loadDays(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let store = FluentDepartmentStore(database: database.database)
            let clock = FixedClock()
            let configuration = DepartmentConfiguration.default
            let department = Department(
                store: store, clock: clock, ids: SequentialIDGenerator(namespace: 0xA), configuration: configuration)
            let auth = AuthService(
                store: store, clock: clock, ids: SequentialIDGenerator(namespace: 0xB),
                configuration: AuthConfiguration(bcryptCost: AuthConfiguration.minimumBcryptCost))
            _ = try await DemoDepartment(
                department: department, store: store, auth: auth, clock: clock, configuration: configuration
            ).load()
            let before = try await department.listExams(ExamQuery(limit: 1000), by: Self.reader).value
            let roomsBefore = try await department.browse.rooms(by: Self.reader)

            let scale = try DemoScale(days: 2, patientsPerDay: 50)
            let demo = ScaledDemo(
                department: department, auth: auth, clock: clock, configuration: configuration, scale: scale)
            let lines = Mutex<[String]>([])
            let summary = try await demo.load { line in lines.withLock { $0.append(line) } }
            #expect(summary == ScaledDemo.Summary(alreadyLoaded: false, patients: 100, roomsAdded: 2))
            #expect(lines.withLock { $0.count } == 3, "a line a day and a summary")

            let after = try await department.listExams(ExamQuery(limit: 1000), by: Self.reader).value
            let added = after.filter { exam in !before.contains { $0.id == exam.id } }
            #expect(added.count == 100)
            let plans = (0..<scale.days).flatMap { demo.plan.day($0) }
            var expected: [ExamState: Int] = [:]
            for visit in plans { expected[Self.state(visit), default: 0] += 1 }
            var found: [ExamState: Int] = [:]
            for exam in added { found[exam.state, default: 0] += 1 }
            #expect(found == expected)
            let every: Set<ExamState> = [
                .requested, .justified, .rejected, .returnedForInformation, .booked, .arrived, .checked, .inProgress,
                .completed, .imagesChecked, .discharged, .reported, .reportVerified, .cancelled, .didNotAttend,
            ]
            #expect(every.subtracting(found.keys).isEmpty, "states missing: \(every.subtracting(found.keys))")

            // Each patient is the plan's, and each booked exam sits in its slot on its day.
            let first = try #require(plans.first { $0.number == 0 })
            let patient = try #require(
                try await department.searchPatients(
                    PatientQuery(nhsNumber: try NHSNumber(ScaledDemoPlan.nhsNumber(0)), limit: 1), by: Self.reader
                ).value.first)
            #expect(patient.name.family == first.family && patient.name.given == [first.given])
            let rooms = try await department.browse.rooms(by: Self.reader)
            #expect(rooms.count == roomsBefore.count + 2)
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = configuration.timeZone
            let today = calendar.startOfDay(for: clock.now())
            let yesterdaysList = added.filter { exam in
                guard let booking = exam.booking else { return false }
                return calendar.isDate(booking.scheduledAt, inSameDayAs: today.addingTimeInterval(-86_400))
            }
            #expect(yesterdaysList.count >= 40, "yesterday's exams were booked on yesterday")
            let finished = added.filter { $0.state == .reportVerified }
            #expect(!finished.isEmpty)

            // Loading again adds nothing and says so.
            let again = try await demo.load { line in lines.withLock { $0.append(line) } }
            #expect(again.alreadyLoaded)
            #expect(lines.withLock { $0.last?.contains("already loaded") } == true)
            let afterAgain = try await department.listExams(ExamQuery(limit: 1000), by: Self.reader).value
            #expect(afterAgain.count == after.count)
            #expect(try await department.browse.rooms(by: Self.reader).count == rooms.count)
            let verification = try await AuditVerifier(database: database.database).verify()
            #expect(verification.isIntact)
        }
    }

    @Test("The plan is the same on every load (seeded), and today's list is spread over the day")
    func deterministic() throws {
        let configuration = DepartmentConfiguration.default
        func plan() throws -> ScaledDemoPlan {
            ScaledDemoPlan(configuration: configuration, scale: try DemoScale(days: 10, patientsPerDay: 1000))
        }
        let one = try plan().day(0)
        let two = try plan().day(0)
        #expect(one == two)
        #expect(one.count == 1000)
        #expect(try plan().day(1) != one)
        // Slots never overlap in a room and all fall in the service hours.
        var seen = Set<String>()
        for visit in one {
            let key = "\(visit.examCode == "CHEADN")-\(visit.roomIndex)-\(visit.slotMinute)"
            #expect(!seen.contains(key), "two patients in one slot: \(key)")
            seen.insert(key)
            #expect(visit.slotMinute >= configuration.serviceHours.lowerBound * 60)
            #expect(visit.slotMinute + configuration.defaultSlotMinutes <= configuration.serviceHours.upperBound * 60)
        }
        let inProgress = one.filter { $0.stop == .inProgress && $0.ending == nil }.count
        let rooms = Set(one.map { "\($0.examCode == "CHEADN")-\($0.roomIndex)" }).count
        #expect(inProgress <= rooms + 5, "about one patient in progress a room (\(inProgress) in \(rooms) rooms)")
    }

    @Test("A scale out of bounds is refused naming the setting; either flag asks for the scaled demo")
    func bounds() throws {
        #expect(throws: ConfigurationLoader.ConfigurationError.self) { try DemoScale(days: 0, patientsPerDay: 10) }
        #expect(throws: ConfigurationLoader.ConfigurationError.self) { try DemoScale(days: 10, patientsPerDay: 0) }
        let tooMany = #expect(throws: ConfigurationLoader.ConfigurationError.self) {
            try DemoScale(days: 60, patientsPerDay: 5000)
        }
        #expect(tooMany?.key == "demoPatientsPerDay")
        var flags = ConfigurationLoader.Flags()
        flags.demoDays = 3
        let configuration = try ConfigurationLoader(environment: [:]).load(flags)
        #expect(configuration.demo)
        let expected = try DemoScale(days: 3, patientsPerDay: 1000)
        #expect(configuration.demoScale == expected)
        let plain = try ConfigurationLoader(environment: [:]).load(ConfigurationLoader.Flags())
        #expect(plain.demoScale == nil)
        #expect(throws: ConfigurationLoader.ConfigurationError.self) {
            try ConfigurationLoader(environment: ["LIGHTBOX_DEMO_PATIENTS_PER_DAY": "lots"]).load(
                ConfigurationLoader.Flags())
        }
    }
}
