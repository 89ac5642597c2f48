import Foundation
import LightboxDomain
import SQLKit
import Synchronization
import Testing

@testable import LightboxStore

/// The domain's use cases running on the real store: a whole exam journey on each engine, every state change in
/// the verified audit chain, and a refused command leaving neither a change nor an audit entry.
@Suite("Use cases on the store")
struct JourneyTests {
    final class StepClock: LightboxDomain.Clock {
        private let current: Mutex<Date>
        init(_ start: Date) { current = Mutex(start) }
        func now() -> Date {
            current.withLock { date in
                date += 1
                return date
            }
        }
    }

    struct RandomIDs: IDGenerator {
        func next() -> UUID { UUID() }
    }

    static let start = Date(timeIntervalSince1970: 1_795_514_400)  // 2026-11-24 10:00 UTC

    @Test("a wrist X-ray from request to discharge, audited step by step", arguments: TestEngine.allCases)
    func journey(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { test async throws in
            let store = FluentDepartmentStore(database: test.database)
            let department = Department(store: store, clock: StepClock(Self.start), ids: RandomIDs())
            let manager = Actor(staffID: nil, username: "manager", role: .manager, door: .api, address: "127.0.0.1")
            _ = try await department.upsertCatalogueEntries(.init(entries: SampleCatalogue.entries), by: manager)
            let year: TimeInterval = 365 * 86_400

            func staff(_ username: String, _ profession: Profession, _ role: AccessRole) async throws -> Actor {
                var command = AddStaffMember.Command(
                    name: PersonName(family: username.capitalized, given: ["Test"]), profession: profession)
                command.registration = ProfessionalRegistration(
                    body: "HCPC", number: "RA-\(username)", expires: Self.start + year)
                let member = try await department.addStaffMember(command, by: manager).value
                return Actor(staffID: member.id, username: username, role: role, door: .web, address: "10.1.2.3")
            }
            func grant(_ actor: Actor, _ duty: Duty) async throws {
                let staffID = try #require(actor.staffID)
                _ = try await department.grantEntitlement(
                    .init(
                        staffID: staffID, duty: duty, scope: ExamScope(modality: .DX), starts: Self.start - year,
                        expires: Self.start + year, supervisionRequired: false, trainingEvidence: "Competency on file"),
                    by: manager)
            }
            let radiographer = try await staff("rad", .radiographer, .radiographer)
            try await grant(radiographer, .operate)
            try await grant(radiographer, .checkImages)
            let radiologist = try await staff("doc", .radiologist, .radiologist)
            try await grant(radiologist, .justify)
            let desk = try await staff("isw", .imagingSupportWorker, .supportWorker)
            let referrer = try await department.addReferrer(
                .init(
                    name: PersonName(family: "Jones", given: ["Bryn"], prefix: "Dr"), kind: .doctor,
                    registrationNumber: "GMC7000002", scope: .everything), by: manager
            ).value
            let room = try await department.addRoom(.init(name: "X-ray 1", modality: .DX, aeTitle: "XR1"), by: manager)
                .value
            let patient = try await department.registerPatient(
                .init(
                    nhsNumber: "9434765919", hospitalNumbers: [HospitalNumber(value: "H1", issuingAuthority: "RXH")],
                    name: PersonName(family: "Patient", given: ["Alex"]),
                    dateOfBirth: try CalendarDate(iso: "1986-05-01"),
                    sex: .male, address: PostalAddress(lines: ["1 High Street"], postcode: "EX1 1AA")), by: manager
            ).value

            var exam = try await department.createRequest(
                .init(
                    patientID: patient.id,
                    identifiers: RequestIdentifiers(
                        name: patient.name, dateOfBirth: patient.dateOfBirth, nhsNumber: patient.nhsNumber?.digits,
                        hospitalNumber: patient.hospitalNumbers.first),
                    examCode: "XWRIST", laterality: .left, clinicalQuestion: "Fall on outstretched hand; fracture?",
                    referrerID: referrer.id, priority: .urgent, pregnancyStatus: .notApplicable),
                by: Actor(staffID: nil, username: "order-comms", role: .integration, door: .hl7)
            ).value
            exam = try await department.justifyRequest(.init(examID: exam.id, decision: .accept), by: radiologist).value
            exam = try await department.bookExam(
                .init(examID: exam.id, roomID: room.id, scheduledAt: Self.start + 3_600), by: desk
            ).value
            exam = try await department.recordArrival(.init(examID: exam.id), by: desk).value
            exam = try await department.recordPauseAndCheck(
                .init(
                    examID: exam.id,
                    identity: IdentityConfirmation(
                        identifiers: [.name, .dateOfBirth, .address], methods: [.verbal, .wristband]),
                    anatomy: AnatomyConfirmation(bodyPartConfirmed: true, side: .left), pregnancy: nil, contrast: nil,
                    equipmentAndSettingsConfirmed: true), by: radiographer
            ).value
            exam = try await department.startExam(.init(examID: exam.id, supervisorStaffID: nil), by: radiographer)
                .value
            exam = try await department.completeExam(
                .init(
                    examID: exam.id,
                    projections: [PerformedProjection(name: "PA"), PerformedProjection(name: "Lateral")]),
                by: radiographer
            ).value

            // Refused: discharge before the image check. Nothing changes, no audit entry is written.
            let entriesBefore = try await AuditVerifier(database: test.database).verify()
            do {
                _ = try await department.dischargePatient(.init(examID: exam.id), by: radiographer)
                Issue.record("discharge before the image check was accepted")
            } catch let error as DomainError {
                #expect(error.code == .imagesNotChecked)
            }
            #expect(try await AuditVerifier(database: test.database).verify() == entriesBefore)
            let examID = exam.id
            let unchanged = try await store.transaction { unit async throws in try await unit.exams.get(examID) }
            #expect(unchanged == exam)

            exam = try await department.checkImages(.init(examID: exam.id, diagnostic: true), by: radiographer).value
            exam = try await department.dischargePatient(.init(examID: exam.id), by: radiographer).value
            #expect(exam.state == .discharged)

            let stored = try await store.transaction { unit async throws in try await unit.exams.get(examID) }
            #expect(stored == exam)
            #expect(
                stored?.history.map(\.to) == [
                    .requested, .justified, .booked, .arrived, .checked, .inProgress, .completed, .imagesChecked,
                    .discharged,
                ])
            let audit = try await store.transaction { unit async throws in
                try await unit.audit.entries(patientID: nil, examID: examID, afterSequence: nil, limit: 100)
            }
            #expect(
                audit.map(\.action) == [
                    "exam.requested", "exam.justified", "exam.booked", "exam.arrived", "exam.checked", "exam.started",
                    "exam.completed", "exam.images-checked", "exam.discharged",
                ])
            #expect(audit.allSatisfy { $0.patientID == patient.id })
            let verification = try await AuditVerifier(database: test.database).verify()
            #expect(verification.isIntact)

            // One audit row changed behind Lightbox's back is named by the verifier.
            let target = try #require(audit.first { $0.action == "exam.started" })
            try await test.database.sql().raw(
                "UPDATE audit_entries SET actor_username = 'someone.else' WHERE sequence = \(bind: target.sequence)"
            ).run()
            guard case .broken(let broken) = try await AuditVerifier(database: test.database).verify() else {
                Issue.record("the changed row was not detected")
                return
            }
            #expect(broken.sequence == target.sequence)
            #expect(broken.reason == .contentHashMismatch)
        }
    }
}
