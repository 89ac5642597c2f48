import LightboxDomain
import SQLKit
import Testing

@testable import LightboxStore

/// The SQL that PS3.4 §C.2.2.2 matching becomes, run on a small table of its own on both engines: each rule keeps
/// what it should and drops what it should not.
@Suite("Archive matching in SQL")
struct ArchiveMatchSQLTests {
    static let name = ArchiveColumn.value("r.name_upper", .personName)
    static let code = ArchiveColumn.value("r.code", .text)
    static let day = ArchiveColumn.value("r.day", .date)
    static let moment = ArchiveColumn.value("r.moment", .time)
    static let stamp = ArchiveColumn.value("r.stamp", .dateTime)
    static let uid = ArchiveColumn.value("r.uid", .uid)
    static let number = ArchiveColumn.integer("r.num")
    static let childModality = ArchiveColumn.anyRow(
        from: "qr_fixture_child c WHERE c.parent_id = r.id", .value("c.modality", .text))
    static let childRequest = ArchiveColumn.sequence(
        from: "qr_fixture_child c WHERE c.parent_id = r.id",
        items: [0x0040_1001: .value("c.proc_id", .text), 0x0040_0009: .value("c.step_id", .text)])
    static let ownRequest = ArchiveColumn.sequence(
        from: nil, items: [0x0040_1001: .value("r.req_id", .text), 0x0040_0009: .value("r.sps_id", .text)])

    /// Runs `body` with the fixture: six rows, the last two without values but a name (upper-cased as the index keeps
    /// it), and child rows for rows 1 and 2.
    static func withFixture(
        _ engine: TestEngine,
        _ body: @escaping @Sendable (any SQLDatabase, LightboxDatabase.Engine) async throws -> Void
    ) async throws {
        try await TestDatabase.with(engine) { test async throws in
            let sql = try test.database.sql()
            try await sql.raw(
                """
                CREATE TABLE qr_fixture (id INTEGER PRIMARY KEY, name_upper TEXT, code TEXT, day TEXT, moment TEXT, \
                stamp TEXT, uid TEXT, num INTEGER, req_id TEXT, sps_id TEXT)
                """
            ).run()
            try await sql.raw(
                "CREATE TABLE qr_fixture_child (parent_id INTEGER, modality TEXT, proc_id TEXT, step_id TEXT)"
            )
            .run()
            let rows: [(Int, String, String, String, String?, String, String, Int, String, String)] = [
                (1, "Smith^John", "CT", "20240105", "101500", "20240105101500", "1.2.3.1", 7, "R1", "S1"),
                (2, "SMITHSON^Ann", "MR", "20240131", "130059", "20240131130059", "1.2.3.2", 8, "R2", "S2"),
                (3, "Jones^Bob", "ct", "20240201", "130100", "20240201130100", "1.2.3.3", 9, "R1", "S3"),
                (4, "O%Brien_[1]", "C%T", "20231231", "235959.5", "20231231235959.5", "1.2.3.4", 10, "", ""),
                (5, "", "", "", nil, "", "1.2.3.5", 0, "", ""),
                (6, "Müller^Jörg", "", "", nil, "", "1.2.3.6", 0, "", ""),
            ]
            for row in rows {
                try await sql.raw(
                    """
                    INSERT INTO qr_fixture VALUES (\(bind: row.0), \(bind: row.1.uppercased()), \(bind: row.2), \(bind: row.3), \
                    \(bind: row.4), \(bind: row.5), \(bind: row.6), \(bind: row.7), \(bind: row.8), \(bind: row.9))
                    """
                ).run()
            }
            for child in [(1, "CT", "P1", "S1"), (1, "SR", "P2", "S2"), (2, "MR", "P1", "S3")] {
                try await sql.raw(
                    """
                    INSERT INTO qr_fixture_child VALUES (\(bind: child.0), \(bind: child.1), \(bind: child.2), \
                    \(bind: child.3))
                    """
                ).run()
            }
            try await body(sql, test.database.engine)
        }
    }

    /// The ids of the fixture's rows that `match` on `column` keeps.
    static func ids(
        _ match: AttributeMatch, _ column: ArchiveColumn, _ sql: any SQLDatabase, _ engine: LightboxDatabase.Engine
    ) async throws -> [Int] {
        let condition = ArchiveMatchSQL.condition(match, on: column, engine: engine) ?? "1 = 1"
        let query: SQLQueryString = "SELECT r.id AS id FROM qr_fixture r WHERE " + condition + " ORDER BY r.id"
        return try await sql.raw(query).all().map { try $0.decode(column: "id", as: Int.self) }
    }

    @Test("universal matching puts no condition and keeps every row", arguments: TestEngine.allCases)
    func universal(engine: TestEngine) async throws {
        try await Self.withFixture(engine) { sql, engine async throws in
            #expect(ArchiveMatchSQL.condition(.universal, on: Self.name, engine: engine) == nil)
            #expect(ArchiveMatchSQL.condition(.sequence([]), on: Self.childRequest, engine: engine) == nil)
            #expect(try await Self.ids(.universal, Self.code, sql, engine) == [1, 2, 3, 4, 5, 6])
        }
    }

    @Test("single value: exact for text, case-insensitive for person names", arguments: TestEngine.allCases)
    func single(engine: TestEngine) async throws {
        try await Self.withFixture(engine) { sql, engine async throws in
            #expect(try await Self.ids(.single("CT"), Self.code, sql, engine) == [1])
            #expect(try await Self.ids(.single("C"), Self.code, sql, engine) == [])
            #expect(try await Self.ids(.single("SMITH^JOHN"), Self.name, sql, engine) == [1])
            #expect(try await Self.ids(.single("smith^john"), Self.name, sql, engine) == [1])
            #expect(try await Self.ids(.single("SMITH"), Self.name, sql, engine) == [])
            #expect(try await Self.ids(.single("müller^jörg"), Self.name, sql, engine) == [6])
            #expect(try await Self.ids(.single("muller^jorg"), Self.name, sql, engine) == [])
            #expect(try await Self.ids(.single("C%T"), Self.code, sql, engine) == [4])
            #expect(try await Self.ids(.single("20240131"), Self.day, sql, engine) == [2])
            #expect(try await Self.ids(.single("8"), Self.number, sql, engine) == [2])
            #expect(try await Self.ids(.single("eight"), Self.number, sql, engine) == [])
        }
    }

    @Test("wildcards: * any run, ? one character; SQL's own wildcards stay literal", arguments: TestEngine.allCases)
    func wildcards(engine: TestEngine) async throws {
        try await Self.withFixture(engine) { sql, engine async throws in
            #expect(try await Self.ids(.wildcard("smith*"), Self.name, sql, engine) == [1, 2])
            #expect(try await Self.ids(.wildcard("SMITH^*"), Self.name, sql, engine) == [1])
            #expect(try await Self.ids(.wildcard("?ONES*"), Self.name, sql, engine) == [3])
            #expect(try await Self.ids(.wildcard("*SON*"), Self.name, sql, engine) == [2])
            #expect(try await Self.ids(.wildcard("?ONE"), Self.name, sql, engine) == [])
            #expect(try await Self.ids(.wildcard("mü?ler*"), Self.name, sql, engine) == [6])
            // Text is case-sensitive on both engines (SQLite's LIKE would not be).
            #expect(try await Self.ids(.wildcard("C*"), Self.code, sql, engine) == [1, 4])
            #expect(try await Self.ids(.wildcard("c?"), Self.code, sql, engine) == [3])
            #expect(try await Self.ids(.wildcard("C%*"), Self.code, sql, engine) == [4])
            #expect(try await Self.ids(.wildcard("C_*"), Self.code, sql, engine) == [])
            #expect(try await Self.ids(.wildcard("*[1]"), Self.name, sql, engine) == [4])
            #expect(try await Self.ids(.wildcard("O%B*_*"), Self.name, sql, engine) == [4])
            #expect(try await Self.ids(.wildcard("O_B*"), Self.name, sql, engine) == [])
        }
    }

    @Test(
        "lists: UIDs, multiple values with wildcards, and an empty value for records without one",
        arguments: TestEngine.allCases)
    func lists(engine: TestEngine) async throws {
        try await Self.withFixture(engine) { sql, engine async throws in
            #expect(try await Self.ids(.anyOf(["1.2.3.1", "1.2.3.3"]), Self.uid, sql, engine) == [1, 3])
            #expect(try await Self.ids(.anyOf(["1.2.3.9", "1.2.3"]), Self.uid, sql, engine) == [])
            #expect(try await Self.ids(.single("1.2.3.2"), Self.uid, sql, engine) == [2])
            #expect(try await Self.ids(.anyOf(["CT", "MR"]), Self.code, sql, engine) == [1, 2])
            #expect(try await Self.ids(.anyOf(["c?", ""]), Self.code, sql, engine) == [3, 5, 6])
            #expect(try await Self.ids(.anyOf(["jones*", "SMITH^JOHN"]), Self.name, sql, engine) == [1, 3])
            #expect(try await Self.ids(.anyOf(["7", "9", "x"]), Self.number, sql, engine) == [1, 3])
        }
    }

    @Test(
        "ranges: inclusive, open at either end, partial upper bounds cover their whole span, empty values never in",
        arguments: TestEngine.allCases)
    func ranges(engine: TestEngine) async throws {
        try await Self.withFixture(engine) { sql, engine async throws in
            #expect(try await Self.ids(.range(lower: "20240101", upper: "20240131"), Self.day, sql, engine) == [1, 2])
            #expect(try await Self.ids(.range(lower: nil, upper: "20240131"), Self.day, sql, engine) == [1, 2, 4])
            #expect(try await Self.ids(.range(lower: "20240201", upper: nil), Self.day, sql, engine) == [3])
            #expect(try await Self.ids(.range(lower: "20240202", upper: nil), Self.day, sql, engine) == [])
            #expect(try await Self.ids(.range(lower: "1300", upper: "1300"), Self.moment, sql, engine) == [2])
            #expect(try await Self.ids(.range(lower: "1016", upper: "13"), Self.moment, sql, engine) == [2, 3])
            #expect(try await Self.ids(.range(lower: "235959.6", upper: nil), Self.moment, sql, engine) == [])
            #expect(try await Self.ids(.range(lower: nil, upper: "23"), Self.moment, sql, engine) == [1, 2, 3, 4])
            #expect(
                try await Self.ids(.range(lower: "2024013113", upper: "20240201"), Self.stamp, sql, engine) == [2, 3])
        }
    }

    @Test("related rows: one matching row is enough", arguments: TestEngine.allCases)
    func relatedRows(engine: TestEngine) async throws {
        try await Self.withFixture(engine) { sql, engine async throws in
            #expect(try await Self.ids(.single("SR"), Self.childModality, sql, engine) == [1])
            #expect(try await Self.ids(.anyOf(["MR", "SR"]), Self.childModality, sql, engine) == [1, 2])
            #expect(try await Self.ids(.wildcard("M*"), Self.childModality, sql, engine) == [2])
            #expect(try await Self.ids(.single("US"), Self.childModality, sql, engine) == [])
        }
    }

    @Test(
        "sequences: one item must match every item key; keys the index lacks are universal",
        arguments: TestEngine.allCases)
    func sequences(engine: TestEngine) async throws {
        try await Self.withFixture(engine) { sql, engine async throws in
            func item(_ procedure: String, _ step: String) -> AttributeMatch {
                .sequence([
                    ArchiveQueryKey(tag: 0x0040_1001, match: procedure.isEmpty ? .universal : .single(procedure)),
                    ArchiveQueryKey(tag: 0x0040_0009, match: step.isEmpty ? .universal : .single(step)),
                ])
            }
            #expect(try await Self.ids(item("P1", "S1"), Self.childRequest, sql, engine) == [1])
            #expect(try await Self.ids(item("P1", "S3"), Self.childRequest, sql, engine) == [2])
            #expect(try await Self.ids(item("P1", ""), Self.childRequest, sql, engine) == [1, 2])
            // P2 and S1 are both in row 1, but in different items.
            #expect(try await Self.ids(item("P2", "S1"), Self.childRequest, sql, engine) == [])
            #expect(try await Self.ids(item("R1", "S3"), Self.ownRequest, sql, engine) == [3])
            #expect(try await Self.ids(item("R1", ""), Self.ownRequest, sql, engine) == [1, 3])
            let unknown = AttributeMatch.sequence([ArchiveQueryKey(tag: 0x0008_1150, match: .single("1.2"))])
            #expect(try await Self.ids(unknown, Self.childRequest, sql, engine) == [1, 2, 3, 4, 5, 6])
        }
    }

    @Test("the SQL keeps exactly the rows the domain's reference meaning keeps", arguments: TestEngine.allCases)
    func agreesWithReference(engine: TestEngine) async throws {
        try await Self.withFixture(engine) { sql, engine async throws in
            let columns: [(String, ArchiveColumn, ArchiveValueKind)] = [
                ("name_upper", Self.name, .personName), ("code", Self.code, .text), ("day", Self.day, .date),
                ("moment", Self.moment, .time), ("stamp", Self.stamp, .dateTime), ("uid", Self.uid, .uid),
            ]
            let matches: [AttributeMatch] = [
                .single("CT"), .single("smith^john"), .wildcard("*S*"), .wildcard("?%*"), .wildcard("*[1]"),
                .wildcard("2024*"), .anyOf(["CT", "c?", ""]), .anyOf(["1.2.3.2", "1.2.3.6"]),
                .range(lower: "2024", upper: nil), .range(lower: nil, upper: "20240131"),
                .range(lower: "1016", upper: "13"), .single("20240105"), .wildcard("MÜ*"),
            ]
            let rows = try await sql.raw(
                "SELECT id, name_upper, code, day, moment, stamp, uid FROM qr_fixture ORDER BY id"
            ).all()
            for (name, column, kind) in columns {
                for match in matches {
                    let expected = try rows.filter { row in
                        match.matches(try row.decode(column: name, as: String?.self), kind: kind)
                    }.map { try $0.decode(column: "id", as: Int.self) }
                    let found = try await Self.ids(match, column, sql, engine)
                    #expect(found == expected, "\(match) on \(name)")
                }
            }
        }
    }
}
