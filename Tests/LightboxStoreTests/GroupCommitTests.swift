import Foundation
import LightboxDomain
import SQLKit
import Synchronization
import Testing

@testable import LightboxStore

/// Tries to break SQLite group commit: many units at once, some throwing, some failing a statement, one making
/// the shared COMMIT itself fail. The PostgreSQL runs check that the same units behave the same there (one
/// transaction each).
@Suite("Group commit")
struct GroupCommitTests {
    struct Refused: Error, Equatable {
        let index: Int
    }

    /// How a unit of the test ends.
    enum Fate: Equatable {
        case commits
        /// Writes a patient and two audit entries, then throws.
        case throwsAfterWriting
        /// Writes a patient and its audit entries, then inserts the same patient again (a duplicate refused by
        /// the repository).
        case duplicateAfterWriting
    }

    static func fate(_ index: Int) -> Fate {
        if index % 5 == 2 { return .throwsAfterWriting }
        if index % 7 == 3 { return .duplicateAfterWriting }
        return .commits
    }

    /// A valid NHS number (modulus 11) that differs for each index.
    static func nhsNumber(_ index: Int) -> String {
        var base = 400_000_000 + index * 7
        while true {
            let digits = String(base).compactMap(\.wholeNumberValue)
            let sum = digits.enumerated().reduce(0) { $0 + $1.element * (10 - $1.offset) }
            let check = (11 - sum % 11) % 11
            if check != 10 { return String(base) + String(check) }
            base += 1
        }
    }

    static func patient(_ index: Int) throws -> Patient {
        let id = try #require(UUID(uuidString: "00000000-0000-4000-8000-" + String(format: "%012d", index)))
        var patient = try Fixtures.patient(id: id, family: "Group\(index)", nhs: nhsNumber(index))
        patient.hospitalNumbers = [HospitalNumber(value: "G\(index)", issuingAuthority: "GRP")]
        return patient
    }

    static func draft(_ action: String, patientID: UUID) -> AuditEntryDraft {
        AuditEntryDraft(
            Fixtures.actor(), action: action, patientID: patientID, examID: nil, at: Fixtures.at(9), detail: "unit")
    }

    /// One unit of work of the test, through the store as every door uses it.
    static func unit(_ index: Int, store: FluentDepartmentStore) async throws -> UUID {
        let patient = try patient(index)
        let fate = fate(index)
        return try await store.transaction { unit async throws in
            try await unit.patients.insert(patient)
            try await unit.audit.append(draft("patient.registered", patientID: patient.id))
            try await unit.audit.append(draft("patient.read", patientID: patient.id))
            switch fate {
            case .commits: break
            case .throwsAfterWriting: throw Refused(index: index)
            case .duplicateAfterWriting: try await unit.patients.insert(patient)
            }
            return patient.id
        }
    }

    /// Waits (bounded) until `condition` holds.
    static func waitUntil(
        _ what: String, timeout: Duration = .seconds(20), _ condition: @Sendable () async throws -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        while try await !condition() {
            guard ContinuousClock.now < deadline else {
                throw TestDatabase.SetupError(description: "timed out waiting until \(what)")
            }
            try await Task.sleep(for: .milliseconds(2))
        }
    }

    /// Starts a unit that holds the SQLite connection (its group in flight) until `release` is called, and
    /// returns once it is running: whatever is queued meanwhile forms the next groups, deterministically.
    static func holdConnection(_ database: LightboxDatabase) async throws -> (
        release: @Sendable () -> Void, done: Task<Void, any Error>
    ) {
        let (gate, opener) = AsyncStream<Void>.makeStream()
        let started = Mutex(false)
        let done = Task {
            try await database.withTransaction { _, sql in
                started.withLock { $0 = true }
                for await _ in gate { break }
                try await sql.raw("SELECT 1 AS one").run()
            }
        }
        try await waitUntil("the holding unit runs") { started.withLock { $0 } }
        return (
            {
                opener.yield(); opener.finish()
            }, done
        )
    }

    static func count(_ database: LightboxDatabase, _ query: SQLQueryString) async throws -> Int {
        try await database.sql().raw(query).first()?.decode(column: "n", as: Int.self) ?? -1
    }

    @Test(
        "many concurrent units, some throwing: theirs leave nothing, the others commit, the chain verifies",
        arguments: TestEngine.allCases)
    func concurrentUnitsSomeFailing(engine: TestEngine) async throws {
        let units = 40
        try await TestDatabase.with(engine, sqliteMaximumGroupSize: 16) { test async throws in
            let store = FluentDepartmentStore(database: test.database)
            // On SQLite, queue every unit behind a held connection, so they are committed in groups of 16 each
            // mixing successes and failures, rather than whatever the scheduler happens to form.
            let hold = engine == .sqlite ? try await Self.holdConnection(test.database) : nil
            let outcomes = try await withThrowingTaskGroup(of: (Int, Result<UUID, any Error>).self) { group in
                for index in 0..<units {
                    group.addTask {
                        do {
                            return (index, .success(try await Self.unit(index, store: store)))
                        } catch {
                            return (index, .failure(error))
                        }
                    }
                }
                if let hold {
                    try await Self.waitUntil("every unit is queued") {
                        test.database.sqliteQueuedTransactions == units
                    }
                    hold.release()
                    try await hold.done.value
                }
                var outcomes: [Int: Result<UUID, any Error>] = [:]
                for try await (index, outcome) in group { outcomes[index] = outcome }
                return outcomes
            }
            var committed: [UUID] = []
            for index in 0..<units {
                let outcome = try #require(outcomes[index])
                let patientID = try Self.patient(index).id
                switch (Self.fate(index), outcome) {
                case (.commits, .success(let id)):
                    #expect(id == patientID)
                    committed.append(id)
                case (.throwsAfterWriting, .failure(let error)):
                    #expect(error as? Refused == Refused(index: index), "unit \(index) got \(error)")
                case (.duplicateAfterWriting, .failure(let error)):
                    #expect((error as? DomainError)?.code == .duplicate, "unit \(index) got \(error)")
                case (let fate, let outcome):
                    Issue.record("unit \(index) (\(fate)) ended \(outcome)")
                }
            }
            #expect(committed.count == (0..<units).filter { Self.fate($0) == .commits }.count)
            for index in 0..<units {
                let id = try Self.patient(index).id
                let expected = Self.fate(index) == .commits ? 1 : 0
                let patients = try await Self.count(
                    test.database, "SELECT COUNT(*) AS n FROM patients WHERE id = \(bind: id)")
                let numbers = try await Self.count(
                    test.database, "SELECT COUNT(*) AS n FROM patient_hospital_numbers WHERE patient_id = \(bind: id)")
                let entries = try await Self.count(
                    test.database,
                    "SELECT COUNT(*) AS n FROM audit_entries WHERE patient_id = \(bind: id.uuidString.lowercased())")
                #expect(patients == expected, "unit \(index)")
                #expect(numbers == expected, "unit \(index)")
                #expect(entries == 2 * expected, "unit \(index)")
            }
            #expect(
                try await AuditVerifier(database: test.database, pageSize: 7).verify()
                    == .intact(entries: Int64(2 * committed.count)))
            if engine == .sqlite {
                // The holding unit alone, then 40 queued units in groups of at most 16: 16 + 16 + 8.
                let commits = try #require(test.database.sqliteCommits)
                #expect(commits.groups == 4)
                #expect(commits.transactions == 1 + committed.count)
            }
        }
    }

    @Test("a statement failing inside a group rolls back only that unit's earlier writes")
    func failingStatementInGroup() async throws {
        try await TestDatabase.with(.sqlite) { test async throws in
            let store = FluentDepartmentStore(database: test.database)
            let hold = try await Self.holdConnection(test.database)
            let first = Task { try await Self.unit(0, store: store) }
            try await Self.waitUntil("the first unit is queued") { test.database.sqliteQueuedTransactions == 1 }
            // Corrupts the chain head, then fails a statement (the head's primary key is taken): if its savepoint
            // were not rolled back, the next unit would chain onto the bad hash and verification would fail.
            let saboteur = Task {
                try await test.database.withTransaction { _, sql in
                    try await sql.raw("UPDATE audit_chain_head SET last_hash = 'tampered' WHERE id = 1").run()
                    try await sql.raw(
                        "INSERT INTO audit_chain_head (id, last_sequence, last_hash) VALUES (1, 0, 'again')"
                    ).run()
                }
            }
            try await Self.waitUntil("the saboteur is queued") { test.database.sqliteQueuedTransactions == 2 }
            let last = Task { try await Self.unit(1, store: store) }
            try await Self.waitUntil("the last unit is queued") { test.database.sqliteQueuedTransactions == 3 }
            hold.release()
            try await hold.done.value
            #expect(try await first.value == (try Self.patient(0)).id)
            await #expect(throws: (any Error).self) { try await saboteur.value }
            #expect(try await last.value == (try Self.patient(1)).id)
            #expect(try await AuditVerifier(database: test.database).verify() == .intact(entries: 4))
            #expect(try #require(test.database.sqliteCommits).groups == 2)
        }
    }

    @Test("a failing COMMIT fails every unit of its group, stores none of them, and the next group commits")
    func failingCommit() async throws {
        try await TestDatabase.with(.sqlite) { test async throws in
            let store = FluentDepartmentStore(database: test.database)
            let hold = try await Self.holdConnection(test.database)
            var tasks: [Task<UUID, any Error>] = []
            let indexes = [0, 1, 4, 5, 6, 8]  // all .commits on their own
            for (position, index) in indexes.enumerated() {
                #expect(Self.fate(index) == .commits)
                tasks.append(Task { try await Self.unit(index, store: store) })
                let queued = tasks.count
                try await Self.waitUntil("unit \(index) is queued") {
                    test.database.sqliteQueuedTransactions == queued
                }
                if position == 2 {
                    // A row whose foreign key names no patient, with the check deferred to COMMIT: every statement
                    // succeeds, the COMMIT does not (SQLite reports the violation when the transaction ends).
                    tasks.append(
                        Task {
                            try await test.database.withTransaction { _, sql in
                                try await sql.raw("PRAGMA defer_foreign_keys = ON").run()
                                try await sql.raw(
                                    """
                                    INSERT INTO patient_hospital_numbers (id, patient_id, value, issuing_authority) \
                                    VALUES (\(bind: UUID()), \(bind: UUID()), 'X1', 'NOWHERE')
                                    """
                                ).run()
                                return UUID()
                            }
                        })
                    let queued = tasks.count
                    try await Self.waitUntil("the poisoned unit is queued") {
                        test.database.sqliteQueuedTransactions == queued
                    }
                }
            }
            hold.release()
            try await hold.done.value
            for (position, task) in tasks.enumerated() {
                do {
                    let id = try await task.value
                    Issue.record("unit at position \(position) saw success (\(id)) although its commit failed")
                } catch {
                    #expect(!(error is Refused))
                }
            }
            #expect(try await Self.count(test.database, "SELECT COUNT(*) AS n FROM patients") == 0)
            #expect(try await Self.count(test.database, "SELECT COUNT(*) AS n FROM patient_hospital_numbers") == 0)
            #expect(try await AuditVerifier(database: test.database).verify() == .intact(entries: 0))
            #expect(try #require(test.database.sqliteCommits).groups == 1)  // the holding unit's
            // The connection is usable again and foreign keys are checked at once again.
            let id = try await Self.unit(0, store: store)
            #expect(try await Self.count(test.database, "SELECT COUNT(*) AS n FROM patients") == 1)
            #expect(id == (try Self.patient(0)).id)
            await #expect(throws: (any Error).self) {
                try await test.database.withTransaction { _, sql in
                    try await sql.raw(
                        """
                        INSERT INTO patient_hospital_numbers (id, patient_id, value, issuing_authority) \
                        VALUES (\(bind: UUID()), \(bind: UUID()), 'X2', 'NOWHERE')
                        """
                    ).run()
                }
            }
            #expect(try await AuditVerifier(database: test.database).verify() == .intact(entries: 2))
        }
    }

    @Test(
        "every caller returns only once its unit is committed: another connection already sees it",
        arguments: TestEngine.allCases)
    func returnAfterCommit(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { test async throws in
            let store = FluentDepartmentStore(database: test.database)
            let other = try await test.openAnother()
            do {
                let indexes = (0..<60).filter { Self.fate($0) == .commits }
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in indexes {
                        group.addTask {
                            let id = try await Self.unit(index, store: store)
                            // A plain read on the other connection (no write lock): it sees committed data only.
                            let seen = try await Self.count(
                                other, "SELECT COUNT(*) AS n FROM patients WHERE id = \(bind: id)")
                            #expect(seen == 1, "unit \(index) returned before another connection could see it")
                        }
                    }
                    try await group.waitForAll()
                }
                #expect(
                    try await AuditVerifier(database: other).verify() == .intact(entries: Int64(2 * indexes.count)))
                if engine == .sqlite {
                    let commits = try #require(test.database.sqliteCommits)
                    #expect(commits.transactions == indexes.count)
                }
            } catch {
                await other.shutdown()
                throw error
            }
            await other.shutdown()
        }
    }

    @Test("a unit still queued after the connection wait is refused as overload, not run, and the store goes on")
    func staleUnitIsRefused() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "lightbox-group-wait-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var configuration = DatabaseConfiguration.sqlite(inDataDirectory: directory.path)
        configuration.connectionWaitSeconds = 1
        let database = try await LightboxDatabase.open(configuration)
        do {
            try await database.migrate()
            let store = FluentDepartmentStore(database: database)
            let hold = try await Self.holdConnection(database)
            let stale = Task { try await Self.unit(0, store: store) }
            try await Self.waitUntil("the unit is queued") { database.sqliteQueuedTransactions == 1 }
            try await Task.sleep(for: .milliseconds(1_300))
            hold.release()
            try await hold.done.value
            do {
                _ = try await stale.value
                Issue.record("a unit that waited past the limit was run")
            } catch let error as LightboxStoreError {
                #expect(error.code == "store.overloaded")
            }
            #expect(try await Self.count(database, "SELECT COUNT(*) AS n FROM patients") == 0)
            _ = try await Self.unit(1, store: store)
            #expect(try await AuditVerifier(database: database).verify() == .intact(entries: 2))
        } catch {
            await database.shutdown()
            throw error
        }
        await database.shutdown()
    }

    @Test("a lone transaction commits on its own at once, in a group of one")
    func loneTransaction() async throws {
        try await TestDatabase.with(.sqlite) { test async throws in
            let store = FluentDepartmentStore(database: test.database)
            let before = try #require(test.database.sqliteCommits)
            _ = try await Self.unit(0, store: store)
            _ = try await Self.unit(1, store: store)
            let after = try #require(test.database.sqliteCommits)
            #expect(after.groups - before.groups == 2)
            #expect(after.transactions - before.transactions == 2)
            #expect(test.database.sqliteQueuedTransactions == 0)
        }
    }

    @Test("after shutdown a transaction is refused at once, naming the shutdown, and never waits for the writer")
    func transactionAfterShutdown() async throws {
        try await TestDatabase.with(.sqlite) { test async throws in
            await test.database.shutdown()
            do {
                try await test.database.withTransaction { _, sql in try await sql.raw("SELECT 1 AS one").run() }
                Issue.record("a transaction ran on a database that was shut down")
            } catch let error as LightboxStoreError {
                #expect(error.code == "store.shut-down")
            }
        }
    }

    @Test("a transaction suspended inside its body while the database shuts down ends with an error, never hangs")
    func transactionRacingShutdown() async throws {
        try await TestDatabase.with(.sqlite) { test async throws in
            let (gate, opener) = AsyncStream<Void>.makeStream()
            let started = Mutex(false)
            let unit = Task {
                try await test.database.withTransaction { _, sql in
                    started.withLock { $0 = true }
                    for await _ in gate { break }
                    // Resumes after the writer thread has stopped: its connection is closed.
                    try await sql.raw("SELECT 1 AS one").run()
                }
            }
            try await Self.waitUntil("the unit runs") { started.withLock { $0 } }
            await test.database.shutdown()
            opener.yield()
            opener.finish()
            // Watched from an unstructured task: a unit whose job was dropped never ends, and a task group
            // awaiting it would never end either, so the test would hang instead of failing.
            let failed = Mutex<Bool?>(nil)
            Task {
                do {
                    try await unit.value
                    failed.withLock { $0 = false }
                } catch {
                    failed.withLock { $0 = true }
                }
            }
            try await Self.waitUntil("the unit ends after shutdown") { failed.withLock { $0 } != nil }
            #expect(failed.withLock { $0 } == true, "the unit reported success although its connection was closed")
        }
    }

    @Test("once the WAL passes SQLite's checkpoint threshold (1,000 pages) its pages are copied into the database file")
    func checkpointAfterThreshold() async throws {
        try await TestDatabase.with(.sqlite) { test async throws in
            let path = try #require(test.sqlitePath)
            @Sendable func mainFileSize() throws -> Int {
                try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
            }
            try await test.database.withTransaction { _, sql in
                try await sql.raw("CREATE TABLE filler (k INTEGER PRIMARY KEY, v BLOB)").run()
            }
            let before = try mainFileSize()
            // About 1,300 pages of 4 KiB, in commits of 4 pages: more frames than the threshold, and nothing but
            // a checkpoint writes to the database file itself. The write connection runs its own checkpoints
            // (SQLite's automatic one, right after the commit that passes the threshold): a checkpoint from the read
            // connection instead never caught up with a busy writer, so the log kept growing.
            for key in 0..<330 {
                try await test.database.withTransaction { _, sql in
                    try await sql.raw("INSERT INTO filler VALUES (\(bind: key), zeroblob(16000))").run()
                }
            }
            try await Self.waitUntil("the database file grows by the checkpointed pages") {
                ((try? mainFileSize()) ?? 0) > before + 1_000_000
            }
        }
    }
}
