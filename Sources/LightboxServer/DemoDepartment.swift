import Foundation
import LightboxDomain
import LightboxWeb

/// Loads a realistic demo department — rooms, staff with entitlements and sign-ins, the sample
/// catalogue, referrers and a day of patients in every state of the journey — entirely through the
/// domain's use cases, so every rule holds and the audit log is real. Loading twice changes nothing
/// (the second time only a fresh API token is issued for the demo integration account).
public struct DemoDepartment: Sendable {
    /// The password of every demo account (demo only; printed at start-up).
    public static let password = "lightbox-demo"
    /// Marker account: when it exists, the department is already loaded.
    static let markerUsername = "demo.manager"
    static let integrationUsername = "demo.integration"

    /// What to tell the person who started the demo.
    public struct SignIns: Sendable {
        public var lines: [String]
        /// A fresh API token of the demo integration account.
        public var integrationToken: String
        public var alreadyLoaded: Bool
    }

    let department: Department
    let auth: AuthService
    let clock: any Clock
    let configuration: DepartmentConfiguration

    public init(
        department: Department, store: any DepartmentStore, auth: AuthService, clock: any Clock,
        configuration: DepartmentConfiguration
    ) {
        self.department = department
        self.auth = auth
        self.clock = clock
        self.configuration = configuration
    }

    /// A person in the demo department.
    struct Person {
        var username: String
        var family: String
        var given: String
        var profession: Profession
        var role: AccessRole
        var title: String
        var registration: (body: String, number: String)?
    }

    static let people: [Person] = [
        Person(
            username: "demo.manager", family: "Hughes", given: "Sarah", profession: .manager, role: .manager,
            title: "Imaging services manager"),
        Person(
            username: "g.okafor", family: "Okafor", given: "Grace", profession: .radiographer, role: .radiographer,
            title: "Band 7 lead radiographer", registration: ("HCPC", "RA100001")),
        Person(
            username: "t.nguyen", family: "Nguyen", given: "Tom", profession: .radiographer, role: .radiographer,
            title: "Band 6 radiographer", registration: ("HCPC", "RA100002")),
        Person(
            username: "a.kowalski", family: "Kowalski", given: "Anna", profession: .radiographer, role: .radiographer,
            title: "CT radiographer", registration: ("HCPC", "RA100003")),
        Person(
            username: "l.evans", family: "Evans", given: "Lewis", profession: .radiographer, role: .radiographer,
            title: "Band 5 radiographer (CT entitlement lapsed)", registration: ("HCPC", "RA100004")),
        Person(
            username: "dr.shah", family: "Shah", given: "Priya", profession: .radiologist, role: .radiologist,
            title: "Consultant radiologist", registration: ("GMC", "7100001")),
        Person(
            username: "dr.brennan", family: "Brennan", given: "Ciaran", profession: .radiologist, role: .radiologist,
            title: "Consultant radiologist (fluoroscopy)", registration: ("GMC", "7100002")),
        Person(
            username: "m.ali", family: "Ali", given: "Mohammed", profession: .reportingRadiographer,
            role: .reportingRadiographer, title: "Reporting radiographer", registration: ("HCPC", "RA100005")),
        Person(
            username: "j.price", family: "Price", given: "Jade", profession: .assistantPractitioner,
            role: .assistantPractitioner, title: "Assistant practitioner (supervised)"),
        Person(
            username: "k.doyle", family: "Doyle", given: "Kieran", profession: .apprentice, role: .apprentice,
            title: "Degree apprentice radiographer"),
        Person(
            username: "s.chen", family: "Chen", given: "Sophie", profession: .student, role: .student,
            title: "Student radiographer (year 2)"),
        Person(
            username: "b.walsh", family: "Walsh", given: "Bethany", profession: .imagingSupportWorker,
            role: .supportWorker, title: "Imaging support worker"),
        Person(
            username: "r.clarke", family: "Clarke", given: "Ruth", profession: .radiographyAssistant,
            role: .supportWorker, title: "Radiography assistant (reception)"),
        Person(
            username: "e.fraser", family: "Fraser", given: "Euan", profession: .clinicalScientist, role: .physicist,
            title: "Medical physics expert", registration: ("HCPC", "CS100001")),
        Person(
            username: "demo.admin", family: "Morgan", given: "Dylan", profession: .administrator, role: .admin,
            title: "PACS/RIS administrator"),
        Person(
            username: "h.osei", family: "Osei", given: "Hannah", profession: .radiographer, role: .radiographer,
            title: "Band 6 radiographer (fluoroscopy)", registration: ("HCPC", "RA100006")),
    ]

    /// Loads the department unless it is there already, and returns the sign-ins to print.
    public func load() async throws -> SignIns {
        let loader = Actor(staffID: nil, username: "demo-loader", role: .manager, door: .system)
        let alreadyLoaded = try await auth.account(username: Self.markerUsername) != nil
        if !alreadyLoaded {
            try await build(loader)
        }
        let token = try await auth.issueToken(username: Self.integrationUsername, name: "demo start-up", by: loader)
        var lines = [
            alreadyLoaded ? "Demo department already loaded." : "Demo department loaded.",
            "Demo sign-ins (password for all: \(Self.password)):",
        ]
        for person in Self.people {
            lines.append(
                "  \(person.username.padding(toLength: 14, withPad: " ", startingAt: 0)) \(person.role.rawValue.padding(toLength: 23, withPad: " ", startingAt: 0)) \(person.title)"
            )
        }
        lines.append(
            "  \("dr.patel".padding(toLength: 14, withPad: " ", startingAt: 0)) \("referrer".padding(toLength: 23, withPad: " ", startingAt: 0)) GP (referrer)"
        )
        lines.append("Demo API token (role integration): \(token.secret)")
        return SignIns(lines: lines, integrationToken: token.secret, alreadyLoaded: alreadyLoaded)
    }

    // MARK: Building

    private func build(_ loader: Actor) async throws {
        let now = clock.now()
        let year: TimeInterval = 365 * 86400
        _ = try await department.upsertCatalogueEntries(.init(entries: SampleCatalogue.entries), by: loader)

        var rooms: [String: Room] = [:]
        for (key, command) in [
            ("xr1", AddRoom.Command(name: "General X-ray 1", modality: .DX, aeTitle: "LBXR1")),
            ("xr2", AddRoom.Command(name: "General X-ray 2", modality: .DX, aeTitle: "LBXR2")),
            ("ct", AddRoom.Command(name: "CT scanner", modality: .CT, aeTitle: "LBCT1")),
            ("fluoro", AddRoom.Command(name: "Fluoroscopy room", modality: .RF, aeTitle: "LBRF1")),
            ("mobile", AddRoom.Command(name: "Mobile unit (wards)", modality: .DX, isMobile: true, aeTitle: "LBMOB1")),
        ] {
            rooms[key] = try await department.addRoom(command, by: loader).value
        }

        var staff: [String: StaffMember] = [:]
        for person in Self.people {
            let registration = person.registration.map {
                ProfessionalRegistration(body: $0.body, number: $0.number, expires: now.addingTimeInterval(2 * year))
            }
            let member = try await department.addStaffMember(
                .init(
                    name: PersonName(family: person.family, given: [person.given]), profession: person.profession,
                    jobTitle: person.title, registration: registration),
                by: loader
            ).value
            staff[person.username] = member
            _ = try await auth.createAccount(
                username: person.username, role: person.role, password: Self.password, staffID: member.id, by: loader)
        }

        func grant(
            _ username: String, _ duty: Duty, _ scope: ExamScope, supervised: Bool = false, starts: Date? = nil,
            expires: Date? = nil, evidence: String
        ) async throws {
            guard let member = staff[username] else { return }
            _ = try await department.grantEntitlement(
                .init(
                    staffID: member.id, duty: duty, scope: scope, starts: starts ?? now.addingTimeInterval(-year),
                    expires: expires ?? now.addingTimeInterval(year), supervisionRequired: supervised,
                    trainingEvidence: evidence),
                by: loader)
        }
        let dx = ExamScope(modality: .DX)
        let ct = ExamScope(modality: .CT)
        let rf = ExamScope(modality: .RF)
        for username in ["g.okafor", "t.nguyen", "h.osei", "l.evans"] {
            try await grant(
                username, .justify, dx, evidence: "IR(ME)R practitioner training for plain film, trust guideline PF-1")
            try await grant(
                username, .operate, dx, evidence: "HCPC registration; department induction and competency sign-off")
            try await grant(username, .checkImages, dx, evidence: "Image evaluation competency")
        }
        try await grant("h.osei", .operate, rf, evidence: "Fluoroscopy competency")
        try await grant("a.kowalski", .operate, ct, evidence: "CT competency package 2024")
        try await grant("a.kowalski", .operate, dx, evidence: "Department induction and competency sign-off")
        try await grant("a.kowalski", .checkImages, ct, evidence: "CT image evaluation competency")
        try await grant("a.kowalski", .checkImages, dx, evidence: "Image evaluation competency")
        // Lewis's CT competency lapsed a month ago: the entitlement is kept (history) but no longer in force.
        try await grant(
            "l.evans", .operate, ct, starts: now.addingTimeInterval(-2 * year),
            expires: now.addingTimeInterval(-30 * 86400),
            evidence: "CT competency package 2023 (not renewed)")
        for username in ["dr.shah", "dr.brennan"] {
            for scope in [dx, ct, rf] {
                try await grant(username, .justify, scope, evidence: "GMC registration; IR(ME)R practitioner")
                try await grant(username, .checkImages, scope, evidence: "Consultant radiologist")
            }
            try await grant(username, .report, dx, evidence: "FRCR")
            try await grant(username, .report, ct, evidence: "FRCR")
        }
        try await grant("dr.brennan", .operate, rf, evidence: "Interventional and fluoroscopy training")
        try await grant("m.ali", .justify, dx, evidence: "IR(ME)R practitioner training")
        try await grant("m.ali", .operate, dx, evidence: "HCPC registration")
        try await grant("m.ali", .checkImages, dx, evidence: "Image evaluation competency")
        try await grant(
            "m.ali", .report, ExamScope(modality: .DX, bodyRegion: .chest), evidence: "PgCert chest reporting")
        try await grant(
            "j.price", .operate, ExamScope(modality: .DX, bodyRegion: .chest), supervised: true,
            evidence: "Assistant practitioner scope of practice: chest radiography")
        try await grant(
            "j.price", .operate, ExamScope(modality: .DX, bodyRegion: .upperLimb), supervised: true,
            evidence: "Assistant practitioner scope of practice: appendicular")
        try await grant("k.doyle", .operate, dx, supervised: true, evidence: "Apprenticeship year 3 competencies")
        try await grant("s.chen", .operate, dx, supervised: true, evidence: "University placement, year 2")

        var referrers: [String: Referrer] = [:]
        for (key, command) in [
            (
                "gp",
                AddReferrer.Command(
                    name: PersonName(family: "Patel", given: ["Anil"], prefix: "Dr"), kind: .generalPractitioner,
                    registrationNumber: "GMC7654321", organisationCode: "L81001",
                    scope: ReferralScope(rules: [ExamScope(modality: .DX)]))
            ),
            (
                "ed",
                AddReferrer.Command(
                    name: PersonName(family: "Adeyemi", given: ["Tolu"], prefix: "Dr"), kind: .doctor,
                    registrationNumber: "GMC7000111", organisationCode: "RVJ", scope: .everything)
            ),
            (
                "ortho",
                AddReferrer.Command(
                    name: PersonName(family: "Lindqvist", given: ["Erik"], prefix: "Mr"), kind: .doctor,
                    registrationNumber: "GMC7000222", organisationCode: "RVJ",
                    scope: ReferralScope(rules: [ExamScope(modality: .DX), ExamScope(modality: .CT)]))
            ),
        ] {
            referrers[key] = try await department.addReferrer(command, by: loader).value
        }
        _ = try await auth.createAccount(
            username: "dr.patel", role: .referrer, password: Self.password, staffID: nil,
            referrerID: referrers["gp"]?.id, by: loader)
        _ = try await auth.createAccount(
            username: Self.integrationUsername, role: .integration, password: nil, staffID: nil, by: loader)

        let journeys = DemoJourneys(
            department: department, clock: clock, configuration: configuration, staff: staff, rooms: rooms,
            referrers: referrers)
        try await journeys.run()
    }
}
