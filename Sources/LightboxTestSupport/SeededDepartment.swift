import Foundation
import LightboxDomain
import LightboxStore
import LightboxWeb

/// A small department for tests, created through the use cases: the sample catalogue, rooms, a
/// referrer, staff with entitlements (including a supervised assistant practitioner, a student and
/// a radiographer whose entitlement has expired), patients, and one account with an API token for
/// every `AccessRole`.
public struct SeededDepartment: Sendable {
    public let store: FluentDepartmentStore
    public let clock: FixedClock
    public let department: Department
    public let auth: AuthService
    public let configuration: DepartmentConfiguration
    /// The broadcaster the store publishes committed events to (the pages' live lists).
    public let live: LiveUpdates
    /// The database the store runs on (the audit page's chain check walks it).
    public var database: LightboxDatabase?

    public var rooms: [String: Room] = [:]
    public var staff: [String: StaffMember] = [:]
    public var referrer: Referrer
    public var patients: [String: Patient] = [:]
    /// API token per role (accounts `role-<role>`).
    public var tokens: [AccessRole: String] = [:]
    /// API token per named person (`radiographer`, `radiographer2`, `radiologist`, `ap`, `student`,
    /// `expired`, `support`), each linked to that person's staff record.
    public var personTokens: [String: String] = [:]

    /// The password of `sessionUser` (for sign-in tests).
    public static let sessionPassword = "correct horse battery staple"
    public static let sessionUsername = "session.radiographer"

    /// Builds the department in `database`; its store publishes committed events to `live`.
    public static func create(
        in database: LightboxDatabase, clock: FixedClock = FixedClock(), live: LiveUpdates = LiveUpdates()
    ) async throws -> SeededDepartment {
        let store = FluentDepartmentStore(database: database, events: live)
        let configuration = DepartmentConfiguration.default
        let ids = SequentialIDGenerator(namespace: 0xA)
        let department = Department(store: store, clock: clock, ids: ids, configuration: configuration)
        let auth = AuthService(
            store: store, clock: clock, ids: SequentialIDGenerator(namespace: 0xB),
            configuration: AuthConfiguration(bcryptCost: AuthConfiguration.minimumBcryptCost, sessionLifetime: 3600))
        let setup = Actor(staffID: nil, username: "test-setup", role: .manager, door: .system)
        let now = clock.now()
        let year: TimeInterval = 365 * 86400

        _ = try await department.upsertCatalogueEntries(.init(entries: SampleCatalogue.entries), by: setup)
        var rooms: [String: Room] = [:]
        rooms["xr"] = try await department.addRoom(.init(name: "X-ray 1", modality: .DX), by: setup).value
        rooms["ct"] = try await department.addRoom(.init(name: "CT 1", modality: .CT), by: setup).value
        let referrer = try await department.addReferrer(
            .init(
                name: PersonName(family: "Adeyemi", given: ["Tolu"], prefix: "Dr"), kind: .doctor,
                registrationNumber: "GMC7000111", scope: .everything),
            by: setup
        ).value

        var staff: [String: StaffMember] = [:]
        let people: [(String, Profession, String, String)] = [
            ("radiographer", .radiographer, "Okafor", "Grace"),
            ("radiographer2", .radiographer, "Nguyen", "Tom"),
            ("radiologist", .radiologist, "Shah", "Priya"),
            ("ap", .assistantPractitioner, "Price", "Jade"),
            ("student", .student, "Chen", "Sophie"),
            ("expired", .radiographer, "Evans", "Lewis"),
            ("support", .imagingSupportWorker, "Walsh", "Bethany"),
        ]
        for (key, profession, family, given) in people {
            let registration: ProfessionalRegistration? =
                [.radiographer, .radiologist].contains(profession)
                ? ProfessionalRegistration(
                    body: "HCPC", number: "RA\(family.count)\(given.count)00", expires: now.addingTimeInterval(year))
                : nil
            staff[key] = try await department.addStaffMember(
                .init(
                    name: PersonName(family: family, given: [given]), profession: profession, registration: registration
                ),
                by: setup
            ).value
        }
        func grant(_ key: String, _ duty: Duty, _ scope: ExamScope, supervised: Bool = false, expires: Date? = nil)
            async throws
        {
            guard let member = staff[key] else { return }
            _ = try await department.grantEntitlement(
                .init(
                    staffID: member.id, duty: duty, scope: scope, starts: now.addingTimeInterval(-2 * year),
                    expires: expires ?? now.addingTimeInterval(year), supervisionRequired: supervised,
                    trainingEvidence: "Competency sign-off"),
                by: setup)
        }
        for key in ["radiographer", "radiographer2"] {
            for duty in [Duty.justify, .operate, .checkImages] { try await grant(key, duty, ExamScope(modality: .DX)) }
            try await grant(key, .operate, ExamScope(modality: .CT))
            try await grant(key, .checkImages, ExamScope(modality: .CT))
        }
        for modality in [Modality.DX, .CT] {
            try await grant("radiologist", .justify, ExamScope(modality: modality))
            try await grant("radiologist", .checkImages, ExamScope(modality: modality))
            try await grant("radiologist", .operate, ExamScope(modality: modality))
        }
        try await grant("ap", .operate, ExamScope(modality: .DX), supervised: true)
        try await grant("student", .operate, ExamScope(modality: .DX), supervised: true)
        try await grant("expired", .operate, ExamScope(modality: .DX), expires: now.addingTimeInterval(-86400))

        var patients: [String: Patient] = [:]
        let patientSpecs: [(String, String, String, (Int, Int, Int), AdministrativeSex, String)] = [
            ("man", "Khan", "Imran", (1980, 11, 2), .male, "9434765919"),
            ("woman", "O'Neill", "Siobhan", (1994, 1, 30), .female, "9434765870"),
            ("elderly", "Baptiste", "Jean", (1950, 8, 8), .male, "9434765862"),
        ]
        for (key, family, given, born, sex, nhs) in patientSpecs {
            patients[key] = try await department.registerPatient(
                PatientDetails(
                    nhsNumber: nhs,
                    hospitalNumbers: [HospitalNumber(value: "RVJ\(nhs.suffix(5))", issuingAuthority: "RVJ")],
                    name: PersonName(family: family, given: [given]),
                    dateOfBirth: try CalendarDate(year: born.0, month: born.1, day: born.2), sex: sex,
                    address: PostalAddress(lines: ["1 Test Street"], postcode: "BS1 4DJ")),
                by: setup
            ).value
        }

        var seeded = SeededDepartment(
            store: store, clock: clock, department: department, auth: auth, configuration: configuration, live: live,
            database: database, rooms: rooms,
            staff: staff, referrer: referrer, patients: patients)
        let personRoles: [String: AccessRole] = [
            "radiographer": .radiographer, "radiographer2": .radiographer, "radiologist": .radiologist,
            "ap": .assistantPractitioner, "student": .student, "expired": .radiographer, "support": .supportWorker,
        ]
        for (key, role) in personRoles {
            _ = try await auth.createAccount(
                username: "person-\(key)", role: role, password: nil, staffID: staff[key]?.id, by: setup)
            seeded.personTokens[key] = try await auth.issueToken(username: "person-\(key)", name: "test", by: setup)
                .secret
        }
        // One account per role, linked to a staff member of a matching profession where there is one,
        // so role checks, not missing staff records, decide what they may do.
        let roleStaff: [AccessRole: String] = [
            .radiographer: "radiographer", .radiologist: "radiologist", .reportingRadiographer: "radiographer2",
            .assistantPractitioner: "ap", .student: "student", .apprentice: "student", .supportWorker: "support",
        ]
        for role in AccessRole.allCases {
            let username = "role-\(role.rawValue)"
            _ = try await auth.createAccount(
                username: username, role: role, password: nil, staffID: roleStaff[role].flatMap { staff[$0]?.id },
                referrerID: role == .referrer ? referrer.id : nil, by: setup)
            seeded.tokens[role] = try await auth.issueToken(username: username, name: "test", by: setup).secret
        }
        _ = try await auth.createAccount(
            username: sessionUsername, role: .radiographer, password: sessionPassword,
            staffID: staff["radiographer"]?.id,
            by: setup)
        return seeded
    }

    /// The API environment over this department.
    public func environment(
        limits: WebLimits = WebLimits(maxBodyBytes: 64 * 1024, maxCSVRows: 1000), healthy: Bool = true
    )
        -> APIEnvironment
    {
        var environment = APIEnvironment(
            department: department, store: store, policy: .default, auth: auth, clock: clock, limits: limits,
            healthCheck: {
                if !healthy { throw TestDatabase.SetupError(description: "database unreachable (simulated)") }
            },
            metricsText: { "# TYPE test_metric counter\ntest_metric 1\n" })
        environment.live = live
        if let database {
            environment.auditChain = AuditChainMonitor {
                switch try await AuditVerifier(database: database).verify() {
                case .intact(let entries): (true, "\(entries) entries, each chained to the one before it")
                case .broken(let chainBreak): (false, chainBreak.description)
                }
            }
        }
        return environment
    }
}
