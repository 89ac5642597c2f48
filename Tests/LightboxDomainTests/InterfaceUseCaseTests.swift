import Foundation
import LightboxDomain
import Testing

/// Use cases the hospital interfaces (HL7 ADT/ORM, reports out) run, through the in-memory store.
@Suite("Interface use cases")
struct InterfaceUseCaseTests {
    struct UUIDs: IDGenerator {
        func next() -> UUID { UUID() }
    }

    let integration = Actor(staffID: nil, username: "EPR^RVH", role: .integration, door: .hl7, address: "10.1.1.1")

    @Test func orderByRegistrationNumberKeepsThePlacerNumberAndIsCancelledByIt() async throws {
        let f = try await Fixture.make()
        let patient = try await f.patient(sex: .male, age: 40)
        var command = CreateRequest.Command(
            identifiers: Fixture.identifiers(of: patient), examCode: "XCHEST", clinicalQuestion: "Cough",
            referrerID: nil, priority: .routine, referrerRegistrationNumber: f.edDoctor.registrationNumber,
            placerOrderNumber: "PL1^EPR", fillerOrderNumber: nil)
        let exam = try await f.department.createRequest(command, by: integration).value
        #expect(exam.referrerID == f.edDoctor.id)
        #expect(exam.placerOrderNumber == "PL1^EPR")

        let again = await #expect(throws: DomainError.self) {
            try await f.department.createRequest(command, by: integration)
        }
        #expect(again?.fields.map(\.field) == ["placerOrderNumber"])

        command.placerOrderNumber = "PL2^EPR"
        command.referrerRegistrationNumber = "NOBODY"
        let unknown = await #expect(throws: DomainError.self) {
            try await f.department.createRequest(command, by: integration)
        }
        #expect(unknown?.fields.first { $0.field == "referrerID" }?.problem.contains("NOBODY") == true)

        let cancelled = try await f.department.cancelOrder(
            .init(placerOrderNumber: "PL1^EPR", reason: "Ordered in error"), by: integration
        ).value
        #expect(cancelled.state == .cancelled)
        let missing = await #expect(throws: DomainError.self) {
            try await f.department.cancelOrder(.init(placerOrderNumber: "PL404", reason: "x"), by: integration)
        }
        #expect(missing?.kind == .notFound)
    }

    @Test func demographicsRegisterThenUpdateByIdentifier() async throws {
        let f = try await Fixture.make()
        let number = HospitalNumber(value: "RVH1", issuingAuthority: "RVH")
        var details = PatientDetails(
            hospitalNumbers: [number], name: PersonName(family: "Smith", given: ["Jo"]), sex: .female)
        let first = try await f.department.receivePatientDemographics(details, by: integration).value
        details.name = PersonName(family: "Jones", given: ["Jo"])
        details.hospitalNumbers = [number, HospitalNumber(value: "E77", issuingAuthority: "EMPI")]
        let second = try await f.department.receivePatientDemographics(details, by: integration).value
        #expect(second.id == first.id)
        #expect(second.name.family == "Jones")
        #expect(second.hospitalNumbers.count == 2)
    }

    @Test func mergeMovesExamsAndIdentifiersAndIsAudited() async throws {
        let f = try await Fixture.make()
        let survivor = try await f.patient(sex: .male, age: 50)
        let duplicate = try await f.patient(sex: .male, age: 50)
        let exam = try await f.request("XCHEST", for: duplicate)
        let merged = try await f.department.mergePatients(
            .init(survivorID: survivor.id, mergedID: duplicate.id), by: integration
        ).value
        #expect(merged.hospitalNumbers.contains(duplicate.hospitalNumbers[0]))
        let moved = try await f.department.viewExam(.init(examID: exam.id), by: f.manager).value
        #expect(moved.patientID == survivor.id)
        let old = await f.store.read { $0.patients[duplicate.id] }
        #expect(old?.mergedInto == survivor.id)
        let actions = await f.store.read { $0.audit.map(\.action) }
        #expect(actions.contains("patient.merged"))
        #expect(actions.contains("exam.patient-merged"))
        // A request against the merged record is refused.
        let refused = await #expect(throws: DomainError.self) {
            try await f.department.createRequest(
                .init(
                    patientID: duplicate.id, identifiers: Fixture.identifiers(of: duplicate), examCode: "XCHEST",
                    clinicalQuestion: "Cough", referrerID: f.edDoctor.id, priority: .routine), by: integration)
        }
        #expect(refused?.fields.contains { $0.code == .patientMerged } == true)
    }

    @Test func identifierChangeReplacesTheNumber() async throws {
        let f = try await Fixture.make()
        let patient = try await f.patient()
        let old = patient.hospitalNumbers[0]
        let replacement = HospitalNumber(value: "NEW1", issuingAuthority: old.issuingAuthority)
        let changed = try await f.department.changePatientIdentifier(
            .init(current: old, replacement: replacement), by: integration
        ).value
        #expect(changed.hospitalNumbers == [replacement])
        await #expect(throws: DomainError.self) {
            try await f.department.changePatientIdentifier(
                .init(current: old, replacement: replacement), by: integration)
        }
    }

    @Test func verifiedReportIsQueuedForEveryDestinationInTheSameTransaction() async throws {
        let f = try await Fixture.make()
        let reported = try await f.exam("XCHEST", at: .reported)
        let department = Department(
            DepartmentEnvironment(
                store: f.store, clock: f.clock, ids: UUIDs(), configuration: f.configuration,
                reportDestinations: ["EPR", "GP-LINK"]))
        _ = try await department.verifyReport(.init(examID: reported.id), by: f.radiologist)
        let queue = try await department.viewOutbox(.init(), by: f.manager).value
        #expect(queue.map(\.destination) == ["EPR", "GP-LINK"])
        #expect(queue.allSatisfy { $0.examID == reported.id && $0.sequence == 1 && $0.deliveredAt == nil })
        let actions = await f.store.read { $0.audit.map(\.action) }
        #expect(actions.filter { $0 == "report.queued" }.count == 2)
    }
}
