import Foundation
import SQLKit
import Testing

@testable import LightboxStore

@Suite("Audit chain")
struct AuditChainTests {
    static func pending(_ index: Int, patient: UUID? = UUID(), at: Date = Date(timeIntervalSince1970: 1_795_000_000))
        -> AuditChainWriter.Pending
    {
        .init(
            id: UUID(), at: at.addingTimeInterval(Double(index)), actorUsername: "j.smith", actorRole: "radiographer",
            action: "exam.started", patientID: patient, examID: index.isMultiple(of: 2) ? UUID() : nil, door: "web",
            address: index.isMultiple(of: 3) ? nil : "127.0.0.1", detail: "entry \(index) — Ünïcödé ✓")
    }

    static func append(_ database: LightboxDatabase, _ entries: [AuditChainWriter.Pending]) async throws {
        _ = try await database.withTransaction { _, sql in
            try await AuditChainWriter(engine: database.engine).append(entries, on: sql)
        }
    }

    static func entryID(_ database: LightboxDatabase, sequence: Int64) async throws -> String? {
        try await database.sql().raw("SELECT id FROM audit_entries WHERE sequence = \(bind: sequence)").first()?
            .decode(column: "id", as: String.self)
    }

    @Test("an empty chain verifies", arguments: TestEngine.allCases)
    func emptyChain(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { test async throws in
            #expect(try await AuditVerifier(database: test.database).verify() == .intact(entries: 0))
        }
    }

    @Test("appends link each entry to the one before and verify across pages", arguments: TestEngine.allCases)
    func appendAndVerify(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { test async throws in
            try await Self.append(test.database, (1...7).map { Self.pending($0) })
            try await Self.append(test.database, [Self.pending(8)])
            // A page size of 3 makes the verifier cross page boundaries.
            #expect(try await AuditVerifier(database: test.database, pageSize: 3).verify() == .intact(entries: 8))
            let rows = try await test.database.sql().raw(
                "SELECT sequence, previous_hash, hash FROM audit_entries ORDER BY sequence"
            ).all()
            #expect(rows.count == 8)
            var previous = AuditEntryContent.genesisHash
            for (index, row) in rows.enumerated() {
                #expect(try row.decode(column: "sequence", as: Int64.self) == Int64(index + 1))
                #expect(try row.decode(column: "previous_hash", as: String.self) == previous)
                previous = try row.decode(column: "hash", as: String.self)
                #expect(previous.count == 64)
            }
        }
    }

    @Test("the entry hash is SHA-256 of the previous hash and the canonical content")
    func hashDefinition() {
        let content = AuditEntryContent(
            sequence: 1, id: "00000000-0000-0000-0000-000000000001", at: "2026-11-24T10:15:02.123Z",
            actorUsername: "a", actorRole: "admin", action: "x.y", patientID: nil, examID: nil, door: "cli",
            address: nil, detail: "")
        let expectedCanonical =
            "lightbox-audit-v1\nsequence:1:1\nid:36:00000000-0000-0000-0000-000000000001\nat:24:2026-11-24T10:15:02.123Z\nactor_username:1:a\nactor_role:5:admin\naction:3:x.y\npatient_id:-\nexam_id:-\ndoor:3:cli\naddress:-\ndetail:0:\n"
        #expect(String(decoding: content.canonicalForm, as: UTF8.self) == expectedCanonical)
        // printf '%s' "$(printf '0%.0s' {1..64})<canonical>" | sha256sum
        #expect(content.hash(previousHash: AuditEntryContent.genesisHash).count == 64)
        #expect(
            content.hash(previousHash: AuditEntryContent.genesisHash)
                != content.hash(previousHash: String(repeating: "1", count: 64)))
        var changed = content
        changed.patientID = ""
        #expect(changed.canonicalForm != content.canonicalForm, "absent and empty must differ")
    }

    @Test("timestamps are UTC with whole milliseconds")
    func timestamps() {
        #expect(
            AuditEntryContent.timestamp(Date(timeIntervalSince1970: 1_795_000_000.1239)) == "2026-11-18T11:06:40.123Z")
        #expect(AuditEntryContent.timestamp(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59.500Z")
    }

    @Test("changing one row with SQL makes the verifier name exactly that row", arguments: TestEngine.allCases)
    func tamperWithSQL(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { test async throws in
            try await Self.append(test.database, (1...6).map { Self.pending($0) })
            let id = try #require(try await Self.entryID(test.database, sequence: 4))
            try await test.database.sql().raw(
                "UPDATE audit_entries SET actor_username = 'someone.else' WHERE sequence = 4"
            )
            .run()
            let result = try await AuditVerifier(database: test.database, pageSize: 2).verify()
            #expect(result == .broken(.init(sequence: 4, entryID: id, reason: .contentHashMismatch)))
        }
    }

    @Test("re-hashing a changed row breaks the link of the next row", arguments: TestEngine.allCases)
    func tamperAndRehash(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { test async throws in
            try await Self.append(test.database, (1...5).map { Self.pending($0) })
            try await test.database.sql().raw(
                "UPDATE audit_entries SET detail = 'forged', hash = \(bind: String(repeating: "a", count: 64)) WHERE sequence = 2"
            ).run()
            let id3 = try #require(try await Self.entryID(test.database, sequence: 3))
            // Row 2 itself no longer matches its (forged) hash.
            let id2 = try #require(try await Self.entryID(test.database, sequence: 2))
            #expect(
                try await AuditVerifier(database: test.database).verify()
                    == .broken(.init(sequence: 2, entryID: id2, reason: .contentHashMismatch)))
            // A forger who recomputes the hash correctly moves the break to the next entry's link.
            let row = try #require(
                try await test.database.sql().raw("SELECT * FROM audit_entries WHERE sequence = 2").first())
            let content = AuditEntryContent(
                sequence: 2, id: id2, at: try row.decode(column: "at", as: String.self),
                actorUsername: try row.decode(column: "actor_username", as: String.self),
                actorRole: try row.decode(column: "actor_role", as: String.self),
                action: try row.decode(column: "action", as: String.self),
                patientID: try row.decode(column: "patient_id", as: String?.self),
                examID: try row.decode(column: "exam_id", as: String?.self),
                door: try row.decode(column: "door", as: String.self),
                address: try row.decode(column: "address", as: String?.self), detail: "forged")
            let forged = content.hash(previousHash: try row.decode(column: "previous_hash", as: String.self))
            try await test.database.sql().raw("UPDATE audit_entries SET hash = \(bind: forged) WHERE sequence = 2")
                .run()
            #expect(
                try await AuditVerifier(database: test.database).verify()
                    == .broken(.init(sequence: 3, entryID: id3, reason: .previousHashMismatch)))
        }
    }

    @Test(
        "deleting entries is seen: in the middle as a gap, at the end against the head", arguments: TestEngine.allCases)
    func deletions(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { test async throws in
            try await Self.append(test.database, (1...5).map { Self.pending($0) })
            let id4 = try #require(try await Self.entryID(test.database, sequence: 4))
            try await test.database.sql().raw("DELETE FROM audit_entries WHERE sequence = 5").run()
            #expect(
                try await AuditVerifier(database: test.database).verify()
                    == .broken(.init(sequence: 4, entryID: nil, reason: .headMismatch(headSequence: 5))))
            try await test.database.sql().raw("DELETE FROM audit_entries WHERE sequence = 3").run()
            #expect(
                try await AuditVerifier(database: test.database).verify()
                    == .broken(.init(sequence: 4, entryID: id4, reason: .sequenceGap(expected: 3))))
        }
    }

    @Test("changing a row with the sqlite3 program makes the verifier name that row")
    func tamperWithSQLite3Program() async throws {
        let sqlite3 = "/usr/bin/sqlite3"
        try #require(
            FileManager.default.isExecutableFile(atPath: sqlite3),
            "The sqlite3 program is needed at \(sqlite3) (apt install sqlite3)")
        try await TestDatabase.with(.sqlite) { test async throws in
            try await Self.append(test.database, (1...4).map { Self.pending($0) })
            let id = try #require(try await Self.entryID(test.database, sequence: 3))
            let path = try #require(test.sqlitePath)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: sqlite3)
            process.arguments = [path, "UPDATE audit_entries SET action = 'patient.merged' WHERE sequence = 3;"]
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            #expect(
                try await AuditVerifier(database: test.database).verify()
                    == .broken(.init(sequence: 3, entryID: id, reason: .contentHashMismatch)))
        }
    }

    @Test("concurrent appends, from two connection pools, keep the chain linear", arguments: TestEngine.allCases)
    func concurrentAppends(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { test async throws in
            let other = try await test.openAnother()
            do {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in 0..<24 {
                        let database = index.isMultiple(of: 2) ? test.database : other
                        group.addTask {
                            try await Self.append(database, [Self.pending(index), Self.pending(index + 100)])
                        }
                    }
                    try await group.waitForAll()
                }
                await other.shutdown()
            } catch {
                await other.shutdown()
                throw error
            }
            #expect(try await AuditVerifier(database: test.database, pageSize: 10).verify() == .intact(entries: 48))
        }
    }

    @Test("verifying while entries are appended never reports a false break", arguments: TestEngine.allCases)
    func verifyDuringAppends(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { test async throws in
            let other = try await test.openAnother()
            do {
                let results = try await withThrowingTaskGroup(of: [AuditVerification].self) { group in
                    group.addTask {
                        for index in 0..<30 { try await Self.append(other, [Self.pending(index)]) }
                        return []
                    }
                    group.addTask {
                        var results: [AuditVerification] = []
                        for _ in 0..<15 {
                            results.append(try await AuditVerifier(database: test.database, pageSize: 4).verify())
                        }
                        return results
                    }
                    return try await group.reduce(into: []) { $0 += $1 }
                }
                #expect(results.count == 15)
                let broken = results.filter { !$0.isIntact }
                #expect(broken.isEmpty, "false breaks: \(broken)")
                await other.shutdown()
            } catch {
                await other.shutdown()
                throw error
            }
            #expect(try await AuditVerifier(database: test.database).verify() == .intact(entries: 30))
        }
    }

    @Test("a rolled-back transaction leaves no audit entry and the head unchanged", arguments: TestEngine.allCases)
    func rollback(engine: TestEngine) async throws {
        struct Refused: Error {}
        try await TestDatabase.with(engine) { test async throws in
            try await Self.append(test.database, [Self.pending(1)])
            await #expect(throws: Refused.self) {
                try await test.database.withTransaction { _, sql in
                    try await AuditChainWriter(engine: test.database.engine).append([Self.pending(2)], on: sql)
                    throw Refused()
                }
            }
            #expect(try await AuditVerifier(database: test.database).verify() == .intact(entries: 1))
            try await Self.append(test.database, [Self.pending(3)])
            #expect(try await AuditVerifier(database: test.database).verify() == .intact(entries: 2))
        }
    }
}
