import Foundation
import LightboxDomain
import Testing

@testable import LightboxStore

/// What the pages read in bulk (issue 14's page speed): a list's patients in one query, and the front of a queue
/// with its count, ordered, offset and counted by SQL exactly as the domain's reference (`ExamQuery.matches`,
/// `ExamOrder.precedes`) defines them, on both engines.
@Suite("Exam queues and batched patients")
struct ExamQueueStoreTests {
    @Test("Patients are read together by id, in chunks past the bound-variable limit", arguments: TestEngine.allCases)
    func patientsByID(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { test async throws in
            let store = FluentDepartmentStore(database: test.database)
            let template = try Fixtures.patient()
            let count = FluentPatientRepository.idsPerQuery * 2 + 37
            let patients = (0..<count).map { index in
                modified(template) { patient in
                    patient.id = UUID()
                    patient.nhsNumber = nil
                    patient.hospitalNumbers = []
                    patient.name.family = "Patient \(index)"
                }
            }
            try await store.transaction { unit async throws in
                for patient in patients { try await unit.patients.insert(patient) }
            }
            let unknown = Set((0..<3).map { _ in UUID() })
            let found = try await store.transaction { unit async throws in
                try await unit.patients.get(ids: Set(patients.map(\.id)).union(unknown))
            }
            #expect(found.count == count, "every stored patient, none for the unknown ids")
            #expect(patients.allSatisfy { found[$0.id] == $0 }, "each patient whole, under its own id")
            #expect(unknown.allSatisfy { found[$0] == nil })
            let few = try await store.transaction { unit async throws in
                try await unit.patients.get(ids: [patients[5].id, patients[count - 1].id])
            }
            #expect(few == [patients[5].id: patients[5], patients[count - 1].id: patients[count - 1]])
            #expect(try await store.transaction { unit async throws in try await unit.patients.get(ids: []) }.isEmpty)
        }
    }

    @Test("A queue's front, offset and count follow the domain's order and filters", arguments: TestEngine.allCases)
    func queues(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { test async throws in
            let store = FluentDepartmentStore(database: test.database)
            let seed = try await RepositoryTests.seed(store)
            let priorities: [Priority] = [.routine, .urgent, .twoWeekWait, .emergency, .inpatient, .routine]
            let sources: [PatientSource?] = [.generalPractice, .inpatient, .emergencyDepartment, nil, .outpatient]
            var exams: [Exam] = []
            for index in 0..<18 {
                var exam = try Fixtures.exam(
                    patientID: seed.patient.id, referrerID: seed.referrer.id, roomID: seed.room.id,
                    staffID: seed.staff.id, entitlementID: seed.entitlement.id,
                    state: index % 3 == 0 ? .requested : index % 3 == 1 ? .discharged : .booked,
                    requestedAt: Fixtures.at(Double((index * 7_919) % 18) * 600),
                    scheduledAt: Fixtures.at(86_400 + Double((index * 5) % 18) * 900))
                exam.priority = priorities[index % priorities.count]
                exam.patientSource = sources[index % sources.count]
                exam.performance?.startedAt = Fixtures.at(Double((index * 11) % 18) * 300)
                if index == 4 {
                    exam.vitalSignsAlerts = [
                        VitalSignsAlert(
                            id: UUID(), findings: ["pulse 124/min"], news2Score: 5, urgent: true, addressedTo: nil,
                            raisedAt: Fixtures.at(100))
                    ]
                }
                exams.append(exam)
            }
            let stored = exams
            try await store.transaction { unit async throws in
                for exam in stored { try await unit.exams.insert(exam) }
            }
            let queries = [
                ExamQuery(states: [.requested, .discharged], limit: 4, order: .urgency, offset: 2),
                ExamQuery(states: [.discharged], limit: 3, order: .reportingTarget),
                ExamQuery(states: [.discharged], limit: 3, order: .reportingTarget, offset: 3),
                ExamQuery(states: [.booked], limit: 2, order: .appointment, offset: 1),
                ExamQuery(limit: 5, order: .requested, offset: 10),
                ExamQuery(
                    scheduledFrom: Fixtures.at(86_400), scheduledBefore: Fixtures.at(86_400 + 6 * 900), limit: 50,
                    order: .appointment),
                ExamQuery(limit: 10, openAlert: true),
                ExamQuery(states: [.requested], limit: 10, offset: 50),
            ]
            for query in queries {
                let matching = exams.filter(query.matches).sorted(by: (query.order ?? .requested).precedes)
                let expected = Array(matching.dropFirst(query.offset ?? 0).prefix(query.limit))
                let (listed, counted) = try await store.transaction { unit async throws in
                    (try await unit.exams.list(query), try await unit.exams.count(query))
                }
                #expect(
                    listed.map(\.id) == expected.map(\.id), "\(query.order ?? .requested), offset \(query.offset ?? 0)")
                #expect(counted == matching.count, "counted in SQL as the domain counts")
            }
            let alerts = try await store.transaction { unit async throws in
                try await unit.exams.count(ExamQuery(openAlert: true))
            }
            #expect(alerts == 1)
            // Acknowledging the alert takes the exam off the open-alert column.
            let acknowledged = modified(exams[4]) { $0.vitalSignsAlerts[0].acknowledgedAt = Fixtures.at(200) }
            try await store.transaction { unit async throws in try await unit.exams.update(acknowledged) }
            #expect(
                try await store.transaction { unit async throws in
                    try await unit.exams.count(ExamQuery(openAlert: true))
                } == 0)
        }
    }
}
