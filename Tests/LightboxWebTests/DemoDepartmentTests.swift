import Foundation
import LightboxDomain
import LightboxServer
import LightboxStore
import LightboxTestSupport
import LightboxWeb
import Testing

@Suite("Demo department")
struct DemoDepartmentTests {
    @Test(
        "Loads through the use cases with every state of the journey, and loading again changes nothing",
        arguments: TestEngine.allCases)
    func loadTwice(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let store = FluentDepartmentStore(database: database.database)
            let clock = FixedClock()
            let configuration = DepartmentConfiguration.default
            let department = Department(
                store: store, clock: clock, ids: SequentialIDGenerator(namespace: 0xD), configuration: configuration)
            let auth = AuthService(
                store: store, clock: clock, ids: SequentialIDGenerator(namespace: 0xE),
                configuration: AuthConfiguration(bcryptCost: AuthConfiguration.minimumBcryptCost))
            let demo = DemoDepartment(
                department: department, store: store, auth: auth, clock: clock, configuration: configuration)
            let first = try await demo.load()
            #expect(!first.alreadyLoaded)
            #expect(first.lines.contains { $0.contains(DemoDepartment.password) })

            let reader = Actor(staffID: nil, username: "test", role: .manager, door: .system)
            let exams = try await department.listExams(ExamQuery(), by: reader).value
            let states = Set(exams.map(\.state))
            let expected: Set<ExamState> = [
                .requested, .justified, .rejected, .returnedForInformation, .booked, .arrived, .checked, .inProgress,
                .completed, .imagesChecked, .discharged, .reported, .reportVerified, .cancelled, .didNotAttend,
            ]
            #expect(expected.isSubset(of: states), "missing states: \(expected.subtracting(states))")
            let staff = try await department.browse.staff(by: reader)
            #expect(staff.count >= 15)
            let rooms = try await department.browse.rooms(by: reader)
            #expect(rooms.filter { $0.modality == .DX && !$0.isMobile }.count == 2)
            #expect(rooms.contains { $0.modality == .CT })
            #expect(rooms.contains { $0.modality == .RF })
            #expect(rooms.contains { $0.isMobile })
            let entitlements = try await department.browse.entitlements(by: reader)
            #expect(entitlements.contains { !$0.isInForce(at: clock.now()) }, "one expired entitlement")
            #expect(entitlements.contains { $0.supervisionRequired })
            let accounts = try await auth.accounts()
            #expect(Set(accounts.map(\.role)) == Set(AccessRole.allCases), "every role can sign in")

            let second = try await demo.load()
            #expect(second.alreadyLoaded)
            #expect(second.integrationToken != first.integrationToken)
            let examsAfter = try await department.listExams(ExamQuery(), by: reader).value
            #expect(examsAfter.count == exams.count)
            let staffAfter = try await department.browse.staff(by: reader)
            #expect(staffAfter.count == staff.count)
            let verification = try await AuditVerifier(database: database.database).verify()
            #expect(verification.isIntact)
        }
    }
}
