import Foundation
import LightboxDomain
import SQLKit
import Testing

@testable import LightboxStore

@Suite("Department store transactions")
struct DepartmentStoreTests {
    struct Refused: Error {}

    static func draft(_ action: String, patientID: UUID?, examID: UUID? = nil, at: Date = Fixtures.at(7))
        -> AuditEntryDraft
    {
        AuditEntryDraft(
            Fixtures.actor(), action: action, patientID: patientID, examID: examID, at: at, detail: "by test")
    }

    @Test("a change and its audit entry commit together, as stored", arguments: TestEngine.allCases)
    func auditInSameTransaction(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { test async throws in
            let store = FluentDepartmentStore(database: test.database)
            let patient = try Fixtures.patient()
            try await store.transaction { unit async throws in
                try await unit.patients.insert(patient)
                try await unit.audit.append(Self.draft("patient.registered", patientID: patient.id))
                try await unit.audit.append(Self.draft("patient.read", patientID: patient.id))
            }
            #expect(try await AuditVerifier(database: test.database).verify() == .intact(entries: 2))
            let row = try #require(
                try await test.database.sql().raw("SELECT * FROM audit_entries WHERE sequence = 1").first())
            #expect(try row.decode(column: "action", as: String.self) == "patient.registered")
            #expect(try row.decode(column: "actor_username", as: String.self) == "r.jones")
            #expect(try row.decode(column: "actor_role", as: String.self) == "radiographer")
            #expect(try row.decode(column: "patient_id", as: String?.self) == patient.id.uuidString.lowercased())
            #expect(try row.decode(column: "exam_id", as: String?.self) == nil)
            #expect(try row.decode(column: "door", as: String.self) == "web")
            #expect(try row.decode(column: "address", as: String?.self) == "10.0.0.7")
            #expect(try row.decode(column: "detail", as: String.self) == "by test")
            #expect(try row.decode(column: "at", as: String.self) == AuditEntryContent.timestamp(Fixtures.at(7)))
        }
    }

    @Test("audit entries read back by patient, exam and page, in sequence order", arguments: TestEngine.allCases)
    func readEntries(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { test async throws in
            let store = FluentDepartmentStore(database: test.database)
            let patient = UUID()
            let exam = UUID()
            let drafts = [
                Self.draft("patient.read", patientID: patient, at: Fixtures.at(1)),
                Self.draft("exam.requested", patientID: patient, examID: exam, at: Fixtures.at(2)),
                Self.draft("staff.added", patientID: nil, at: Fixtures.at(3)),
                Self.draft("exam.justified", patientID: patient, examID: exam, at: Fixtures.at(4)),
            ]
            try await store.transaction { unit async throws in
                for draft in drafts { try await unit.audit.append(draft) }
                #expect(try await unit.audit.entries(patientID: nil, examID: nil, afterSequence: nil, limit: 10) == [])
            }
            let (all, byPatient, byExam, page) = try await store.transaction { unit async throws in
                (
                    try await unit.audit.entries(patientID: nil, examID: nil, afterSequence: nil, limit: 10),
                    try await unit.audit.entries(patientID: patient, examID: nil, afterSequence: nil, limit: 10),
                    try await unit.audit.entries(patientID: patient, examID: exam, afterSequence: 2, limit: 10),
                    try await unit.audit.entries(patientID: nil, examID: nil, afterSequence: 1, limit: 2)
                )
            }
            #expect(all.map(\.sequence) == [1, 2, 3, 4])
            #expect(byPatient.map(\.sequence) == [1, 2, 4])
            #expect(byExam.map(\.sequence) == [4])
            #expect(page.map(\.sequence) == [2, 3])
            for (entry, draft) in zip(all, drafts) {
                var expected = draft
                expected.at = try #require(AuditEntryContent.date(fromTimestamp: AuditEntryContent.timestamp(draft.at)))
                #expect(entry.draft == expected)
                #expect(abs(entry.at.timeIntervalSince(draft.at)) < 0.001)
                #expect(entry.hash.count == 64)
            }
        }
    }

    @Test("an acknowledged SQLite commit is in the files on disk, as a kill -9 would leave them")
    func committedDataIsOnDisk() async throws {
        try await TestDatabase.with(.sqlite) { test async throws in
            let store = FluentDepartmentStore(database: test.database)
            let patient = try Fixtures.patient()
            try await store.transaction { unit async throws in
                try await unit.patients.insert(patient)
                try await unit.audit.append(Self.draft("patient.registered", patientID: patient.id))
            }
            // Copy the database and its write-ahead log while the connection is still open (no checkpoint, no
            // clean shutdown): what a killed process leaves behind.
            let path = try #require(test.sqlitePath)
            let crashDirectory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "lightbox-crash-\(UUID().uuidString)", isDirectory: true)
            try FileManager.default.createDirectory(at: crashDirectory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: crashDirectory) }
            let configuration = DatabaseConfiguration.sqlite(inDataDirectory: crashDirectory.path)
            guard case .sqlite(let copyPath) = configuration.location else { return }
            for suffix in ["", "-wal"] {
                try FileManager.default.copyItem(atPath: path + suffix, toPath: copyPath + suffix)
            }
            let recovered = try await LightboxDatabase.open(configuration)
            do {
                let found = try await FluentDepartmentStore(database: recovered).transaction { unit async throws in
                    try await unit.patients.get(patient.id)
                }
                #expect(found == patient)
                #expect(try await AuditVerifier(database: recovered).verify() == .intact(entries: 1))
            } catch {
                await recovered.shutdown()
                throw error
            }
            await recovered.shutdown()
        }
    }

    @Test("a transaction that throws leaves nothing behind, not even its audit entries", arguments: TestEngine.allCases)
    func rollback(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { test async throws in
            let store = FluentDepartmentStore(database: test.database)
            let seed = try await RepositoryTests.seed(store)
            let before = try await AuditVerifier(database: test.database).verify()
            let patient = try Fixtures.patient(family: "Rollback", nhs: "4010232137")
            await #expect(throws: Refused.self) {
                try await store.transaction { unit async throws -> Void in
                    try await unit.patients.insert(patient)
                    var room = seed.room
                    room.status = .suspended
                    try await unit.rooms.update(room)
                    try await unit.catalogue.upsert(Fixtures.catalogueEntry())
                    try await unit.audit.append(Self.draft("patient.registered", patientID: patient.id))
                    throw Refused()
                }
            }
            try await store.transaction { unit async throws in
                #expect(try await unit.patients.get(patient.id) == nil)
                #expect(try await unit.rooms.get(seed.room.id) == seed.room)
                #expect(try await unit.catalogue.list() == [])
            }
            #expect(try await AuditVerifier(database: test.database).verify() == before)
            let count = try await test.database.sql().raw("SELECT COUNT(*) AS n FROM audit_entries").first()?
                .decode(column: "n", as: Int.self)
            #expect(count == 0)
        }
    }

    @Test("a failing statement rolls back the transaction's earlier writes", arguments: TestEngine.allCases)
    func rollbackOnDatabaseError(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { test async throws in
            let store = FluentDepartmentStore(database: test.database)
            let seed = try await RepositoryTests.seed(store)
            let patient = try Fixtures.patient(family: "Orphan", nhs: "4010232137")
            // The exam names a referrer that does not exist: the foreign key refuses it.
            let exam = try Fixtures.exam(
                patientID: patient.id, referrerID: UUID(), roomID: seed.room.id, staffID: seed.staff.id,
                entitlementID: seed.entitlement.id)
            await #expect(throws: (any Error).self) {
                try await store.transaction { unit async throws in
                    try await unit.patients.insert(patient)
                    try await unit.audit.append(Self.draft("exam.requested", patientID: patient.id, examID: exam.id))
                    try await unit.exams.insert(exam)
                }
            }
            try await store.transaction { unit async throws in #expect(try await unit.patients.get(patient.id) == nil) }
            #expect(try await AuditVerifier(database: test.database).verify() == .intact(entries: 0))
        }
    }

    @Test("concurrent read-modify-write of one exam loses no step", arguments: TestEngine.allCases)
    func noLostUpdates(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { test async throws in
            let store = FluentDepartmentStore(database: test.database)
            let other = try await test.openAnother()
            let stores = [store, FluentDepartmentStore(database: other)]
            let seed = try await RepositoryTests.seed(store)
            let exam = modified(
                try Fixtures.exam(
                    patientID: seed.patient.id, referrerID: seed.referrer.id, roomID: seed.room.id,
                    staffID: seed.staff.id, entitlementID: seed.entitlement.id)
            ) { $0.history = [] }
            try await store.transaction { unit async throws in try await unit.exams.insert(exam) }
            do {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in 0..<10 {
                        group.addTask {
                            try await stores[index % 2].transaction { unit async throws in
                                guard var current = try await unit.exams.get(exam.id) else { throw Refused() }
                                // Give the other writer every chance to read the same version.
                                try await Task.sleep(for: .milliseconds(20))
                                current.history.append(
                                    ExamStep(
                                        action: nil, from: nil, to: current.state, at: Fixtures.at(Double(index)),
                                        actor: Fixtures.actor(), roomID: nil, note: "step \(index)"))
                                try await unit.exams.update(current)
                            }
                        }
                    }
                    try await group.waitForAll()
                }
                await other.shutdown()
            } catch {
                await other.shutdown()
                throw error
            }
            let stored = try await store.transaction { unit async throws in try await unit.exams.get(exam.id) }
            #expect(Set(stored?.history.compactMap(\.note) ?? []) == Set((0..<10).map { "step \($0)" }))
        }
    }

    @Test("concurrent transactions from two stores keep one linear chain", arguments: TestEngine.allCases)
    func concurrentTransactions(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { test async throws in
            let other = try await test.openAnother()
            let stores = [FluentDepartmentStore(database: test.database), FluentDepartmentStore(database: other)]
            do {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in 0..<20 {
                        let store = stores[index % 2]
                        group.addTask {
                            let patient = try Fixtures.patient(family: "Patient\(index)")
                            try await store.transaction { unit async throws in
                                try await unit.patients.insert(patient)
                                try await unit.audit.append(Self.draft("patient.registered", patientID: patient.id))
                                _ = try await unit.patients.search(PatientQuery(familyName: "patient"))
                                try await unit.audit.append(Self.draft("patient.read", patientID: patient.id))
                            }
                        }
                    }
                    try await group.waitForAll()
                }
                await other.shutdown()
            } catch {
                await other.shutdown()
                throw error
            }
            #expect(try await AuditVerifier(database: test.database).verify() == .intact(entries: 40))
            let patients = try await stores[0].transaction { unit async throws in
                try await unit.patients.search(PatientQuery(familyName: "patient"))
            }
            #expect(patients.count == 20)
        }
    }
}
