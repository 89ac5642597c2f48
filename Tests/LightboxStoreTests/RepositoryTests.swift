import Foundation
import LightboxDomain
import SQLKit
import Testing

@testable import LightboxStore

@Suite("Repositories")
struct RepositoryTests {
    /// Reference data an exam needs, stored in one transaction.
    struct Seed: Sendable {
        let patient: Patient
        let referrer: Referrer
        let staff: StaffMember
        let entitlement: Entitlement
        let room: Room
    }

    static func seed(_ store: FluentDepartmentStore) async throws -> Seed {
        let staff = Fixtures.staff()
        let seed = Seed(
            patient: try Fixtures.patient(), referrer: Fixtures.referrer(), staff: staff,
            entitlement: Fixtures.entitlement(staffID: staff.id), room: Fixtures.room())
        try await store.transaction { unit async throws in
            try await unit.patients.insert(seed.patient)
            try await unit.referrers.insert(seed.referrer)
            try await unit.staff.insert(seed.staff)
            try await unit.entitlements.insert(seed.entitlement)
            try await unit.rooms.insert(seed.room)
        }
        return seed
    }

    static func expectDomainError(
        _ code: DomainError.Code, _ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation
    ) async {
        do {
            try await body()
            Issue.record("expected \(code.rawValue), nothing was thrown", sourceLocation: sourceLocation)
        } catch let error as DomainError {
            #expect(error.code == code, sourceLocation: sourceLocation)
        } catch {
            Issue.record("expected \(code.rawValue), got \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test("patients round-trip every field and are found by each identifier", arguments: TestEngine.allCases)
    func patients(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { test async throws in
            let store = FluentDepartmentStore(database: test.database)
            let patient = try Fixtures.patient()
            let other = try Fixtures.patient(family: "Obi", nhs: "4010232137")
            let otherWithoutNumbers = modified(other) { otherWithoutNumbers in
                otherWithoutNumbers.hospitalNumbers = [HospitalNumber(value: "H555", issuingAuthority: "RXH")]
            }
            try await store.transaction { unit async throws in
                try await unit.patients.insert(patient)
                try await unit.patients.insert(otherWithoutNumbers)
            }
            try await store.transaction { unit async throws in
                #expect(try await unit.patients.get(patient.id) == patient)
                #expect(try await unit.patients.find(nhsNumber: try NHSNumber("9434765919")) == patient)
                #expect(
                    try await unit.patients.find(hospitalNumber: .init(value: "K998877", issuingAuthority: "RYJ"))
                        == patient)
                #expect(
                    try await unit.patients.find(hospitalNumber: .init(value: "K998877", issuingAuthority: "RXH"))
                        == nil)
                #expect(try await unit.patients.search(PatientQuery(familyName: "o'br")) == [patient])
                #expect(
                    try await unit.patients.search(PatientQuery(familyName: "O")).map(\.id).sorted {
                        $0.uuidString < $1.uuidString
                    }
                        == [patient.id, other.id].sorted { $0.uuidString < $1.uuidString })
                #expect(try await unit.patients.search(PatientQuery(hospitalNumber: "H555")) == [otherWithoutNumbers])
                #expect(
                    try await unit.patients.search(
                        PatientQuery(familyName: "o", dateOfBirth: try CalendarDate(iso: "1980-02-29"), limit: 1)
                    ).count == 1)
                #expect(
                    try await unit.patients.search(PatientQuery(nhsNumber: try NHSNumber("4010232137"))) == [
                        otherWithoutNumbers
                    ])
                #expect(try await unit.patients.get(UUID()) == nil)
            }
            let changed = modified(patient) { changed in
                changed.name.family = "Murphy"
                changed.hospitalNumbers = [HospitalNumber(value: "Z1", issuingAuthority: "RXH")]
                changed.mergedInto = other.id
                changed.updatedAt = Fixtures.at(99)
            }
            try await store.transaction { unit async throws in try await unit.patients.update(changed) }
            try await store.transaction { unit async throws in
                #expect(try await unit.patients.get(patient.id) == changed)
                #expect(
                    try await unit.patients.find(hospitalNumber: .init(value: "H123456", issuingAuthority: "RXH"))
                        == nil)
                #expect(try await unit.patients.search(PatientQuery(familyName: "murph")) == [changed])
            }
            await Self.expectDomainError(.duplicate) {
                try await store.transaction { unit async throws in try await unit.patients.insert(patient) }
            }
            await Self.expectDomainError(.notFound) {
                try await store.transaction { unit async throws in
                    try await unit.patients.update(try Fixtures.patient())
                }
            }
        }
    }

    @Test("referrers, staff, entitlements and rooms round-trip", arguments: TestEngine.allCases)
    func referenceData(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { test async throws in
            let store = FluentDepartmentStore(database: test.database)
            let seed = try await Self.seed(store)
            let secondStaff = Fixtures.staff(family: "Adams", profession: .assistantPractitioner)
            let secondEntitlement = Fixtures.entitlement(staffID: secondStaff.id)
            try await store.transaction { unit async throws in
                try await unit.staff.insert(secondStaff)
                try await unit.entitlements.insert(secondEntitlement)
            }
            try await store.transaction { unit async throws in
                #expect(try await unit.referrers.get(seed.referrer.id) == seed.referrer)
                #expect(try await unit.referrers.find(registrationNumber: "GMC1234567") == seed.referrer)
                #expect(try await unit.referrers.list() == [seed.referrer])
                #expect(try await unit.staff.get(seed.staff.id) == seed.staff)
                #expect(try await unit.staff.list() == [secondStaff, seed.staff])
                #expect(try await unit.entitlements.get(seed.entitlement.id) == seed.entitlement)
                #expect(try await unit.entitlements.list(staffID: secondStaff.id) == [secondEntitlement])
                #expect(
                    Set(try await unit.entitlements.list().map(\.id)) == [seed.entitlement.id, secondEntitlement.id])
                #expect(try await unit.rooms.get(seed.room.id) == seed.room)
                #expect(try await unit.rooms.list() == [seed.room])
            }
            let referrer = modified(seed.referrer) { referrer in
                referrer.active = false
                referrer.scope = .everything
            }
            let member = modified(seed.staff) { member in
                member.active = false
                member.registration = nil
            }
            let entitlement = modified(seed.entitlement) { entitlement in
                entitlement.revokedAt = nil
                entitlement.expires = nil
            }
            let room = modified(seed.room) { room in
                room.status = .suspended
                room.restrictedTo = []
            }
            try await store.transaction { unit async throws in
                try await unit.referrers.update(referrer)
                try await unit.staff.update(member)
                try await unit.entitlements.update(entitlement)
                try await unit.rooms.update(room)
            }
            try await store.transaction { unit async throws in
                #expect(try await unit.referrers.get(referrer.id) == referrer)
                #expect(try await unit.staff.get(member.id) == member)
                #expect(try await unit.entitlements.get(entitlement.id) == entitlement)
                #expect(try await unit.rooms.get(room.id) == room)
            }
            await Self.expectDomainError(.duplicate) {
                try await store.transaction { unit async throws in
                    try await unit.referrers.insert(Fixtures.referrer(registration: "GMC1234567"))
                }
            }
            await Self.expectDomainError(.notFound) {
                try await store.transaction { unit async throws in
                    try await unit.entitlements.insert(Fixtures.entitlement(staffID: UUID()))
                }
            }
            await Self.expectDomainError(.notFound) {
                try await store.transaction { unit async throws in try await unit.rooms.update(Fixtures.room()) }
            }
        }
    }

    @Test("catalogue upsert inserts, then replaces by code", arguments: TestEngine.allCases)
    func catalogue(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { test async throws in
            let store = FluentDepartmentStore(database: test.database)
            let wrist = Fixtures.catalogueEntry()
            let chest = modified(Fixtures.catalogueEntry(code: "XCHES", name: "XR Chest")) { chest in
                chest.contrast = nil
                chest.snomedCT = nil
            }
            try await store.transaction { unit async throws in
                try await unit.catalogue.upsert(wrist)
                try await unit.catalogue.upsert(chest)
            }
            let renamed = modified(wrist) { renamed in
                renamed.name = "XR Wrist (scaphoid)"
                renamed.projections.append("Scaphoid views (trauma)")
            }
            try await store.transaction { unit async throws in
                try await unit.catalogue.upsert(renamed)
                try await unit.catalogue.upsert(renamed)
            }
            try await store.transaction { unit async throws in
                #expect(try await unit.catalogue.get(code: "XWRIS") == renamed)
                #expect(try await unit.catalogue.list() == [chest, renamed])
                #expect(try await unit.catalogue.get(code: "NOPE") == nil)
            }
        }
    }

    @Test("exams round-trip the whole journey and are listed by their indexed fields", arguments: TestEngine.allCases)
    func exams(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { test async throws in
            let store = FluentDepartmentStore(database: test.database)
            let seed = try await Self.seed(store)
            let otherRoom = Fixtures.room(name: "CT 1")
            let first = try Fixtures.exam(
                patientID: seed.patient.id, referrerID: seed.referrer.id, roomID: seed.room.id, staffID: seed.staff.id,
                entitlementID: seed.entitlement.id, state: .booked, requestedAt: Fixtures.at(10),
                scheduledAt: Fixtures.at(3_600))
            let second = modified(
                try Fixtures.exam(
                    patientID: seed.patient.id, referrerID: seed.referrer.id, roomID: otherRoom.id,
                    staffID: seed.staff.id,
                    entitlementID: seed.entitlement.id, state: .inProgress, requestedAt: Fixtures.at(5),
                    scheduledAt: Fixtures.at(7_200))
            ) { second in
                second.modality = .CT
            }
            let unbooked = modified(
                try Fixtures.exam(
                    patientID: seed.patient.id, referrerID: seed.referrer.id, roomID: seed.room.id,
                    staffID: seed.staff.id,
                    entitlementID: seed.entitlement.id, state: .requested, requestedAt: Fixtures.at(20))
            ) { unbooked in
                unbooked.booking = nil
            }
            try await store.transaction { unit async throws in
                try await unit.rooms.insert(otherRoom)
                for exam in [first, second, unbooked] { try await unit.exams.insert(exam) }
            }
            try await store.transaction { unit async throws in
                #expect(try await unit.exams.get(first.id) == first)
                #expect(try await unit.exams.find(accessionNumber: second.accessionNumber) == second)
                #expect(try await unit.exams.list(ExamQuery()) == [second, first, unbooked])
                #expect(try await unit.exams.list(ExamQuery(states: [.booked, .requested])) == [first, unbooked])
                #expect(try await unit.exams.list(ExamQuery(states: [])) == [])
                #expect(try await unit.exams.list(ExamQuery(roomID: seed.room.id)) == [first])
                #expect(try await unit.exams.list(ExamQuery(modality: .CT)) == [second])
                #expect(try await unit.exams.list(ExamQuery(patientID: seed.patient.id, limit: 2)) == [second, first])
                #expect(
                    try await unit.exams.list(
                        ExamQuery(scheduledFrom: Fixtures.at(3_600), scheduledBefore: Fixtures.at(7_200)))
                        == [first])
                #expect(try await unit.exams.list(ExamQuery(scheduledFrom: Fixtures.at(3_600.000_000_1))) == [second])
                #expect(
                    try await unit.exams.list(
                        ExamQuery(requestedFrom: Fixtures.at(10), requestedBefore: Fixtures.at(20))) == [first])
                #expect(try await unit.exams.list(ExamQuery(patientID: UUID())) == [])
            }
            let moved = modified(first) { moved in
                moved.state = .cancelled
                moved.booking = nil
                moved.closureReason = "Patient declined"
                moved.history.append(
                    ExamStep(
                        action: .cancel, from: .booked, to: .cancelled, at: Fixtures.at(500), actor: Fixtures.actor(),
                        roomID: nil, note: "Declined"))
            }
            try await store.transaction { unit async throws in try await unit.exams.update(moved) }
            try await store.transaction { unit async throws in
                #expect(try await unit.exams.get(first.id) == moved)
                #expect(try await unit.exams.list(ExamQuery(roomID: seed.room.id)) == [])
                #expect(try await unit.exams.list(ExamQuery(states: [.cancelled])) == [moved])
            }
            await Self.expectDomainError(.duplicate) {
                try await store.transaction { unit async throws in try await unit.exams.insert(first) }
            }
        }
    }

    @Test("accounts, API tokens and browser sessions round-trip", arguments: TestEngine.allCases)
    func accounts(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { test async throws in
            let store = FluentDepartmentStore(database: test.database)
            let seed = try await Self.seed(store)
            let account = Account(
                id: UUID(), username: "r.jones", staffID: seed.staff.id, role: .radiographer,
                passwordHash: "$2b$12$abcdefghijklmnopqrstuv", disabled: false, createdAt: Fixtures.at(1))
            let robot = Account(
                id: UUID(), username: "pas-feed", staffID: nil, role: .integration, passwordHash: nil, disabled: true,
                createdAt: Fixtures.at(2))
            let token = APIToken(
                id: UUID(), accountID: robot.id, name: "PAS interface", tokenHash: String(repeating: "ab", count: 32),
                createdAt: Fixtures.at(3))
            let session = BrowserSession(
                idHash: String(repeating: "cd", count: 32), accountID: account.id, createdAt: Fixtures.at(4),
                expiresAt: Fixtures.at(4 + 8 * 3_600))
            try await store.transaction { unit async throws in
                try await unit.accounts.create(account)
                try await unit.accounts.create(robot)
                try await unit.accounts.addToken(token)
                try await unit.accounts.saveSession(session)
            }
            try await store.transaction { unit async throws in
                #expect(try await unit.accounts.find(username: "r.jones") == account)
                #expect(try await unit.accounts.find(id: robot.id) == robot)
                #expect(try await unit.accounts.list() == [robot, account])
                #expect(try await unit.accounts.findToken(hash: token.tokenHash) == token)
                #expect(try await unit.accounts.tokens(accountID: robot.id) == [token])
                #expect(try await unit.accounts.findSession(idHash: session.idHash) == session)
            }
            let renamed = modified(account) { renamed in
                renamed.role = .reportingRadiographer
                renamed.disabled = true
                renamed.passwordHash = nil
            }
            let renewed = modified(session) { renewed in
                renewed.expiresAt = Fixtures.at(99_999)
            }
            try await store.transaction { unit async throws in
                try await unit.accounts.update(renamed)
                try await unit.accounts.revokeToken(id: token.id, at: Fixtures.at(10))
                try await unit.accounts.revokeToken(id: token.id, at: Fixtures.at(20))
                try await unit.accounts.saveSession(renewed)
            }
            try await store.transaction { unit async throws in
                #expect(try await unit.accounts.find(id: account.id) == renamed)
                #expect(try await unit.accounts.findToken(hash: token.tokenHash)?.revokedAt == Fixtures.at(10))
                #expect(try await unit.accounts.findSession(idHash: session.idHash) == renewed)
                try await unit.accounts.deleteSession(idHash: session.idHash)
                try await unit.accounts.deleteSession(idHash: session.idHash)
                #expect(try await unit.accounts.findSession(idHash: session.idHash) == nil)
            }
            await Self.expectDomainError(.duplicate) {
                try await store.transaction { unit async throws in
                    try await unit.accounts.create(
                        Account(
                            id: UUID(), username: "r.jones", staffID: nil, role: .admin, passwordHash: nil,
                            createdAt: Fixtures.at(0)))
                }
            }
            await Self.expectDomainError(.notFound) {
                try await store.transaction { unit async throws in
                    try await unit.accounts.revokeToken(id: UUID(), at: Fixtures.at(0))
                }
            }
        }
    }
}
