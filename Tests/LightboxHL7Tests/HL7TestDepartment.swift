import Foundation
import HL7
import LightboxDomain
import LightboxHL7
import LightboxStore
import Logging
import NIOPosix

struct WallClock: LightboxDomain.Clock {
    func now() -> Date { Date() }
}

struct RandomIDs: IDGenerator {
    func next() -> UUID { UUID() }
}

/// The database engines the HL7 door is tested on: every store-backed test runs on both.
enum HL7TestEngine: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite
    case postgres

    var description: String { rawValue }

    /// `LIGHTBOX_TEST_POSTGRES_URL` (scripts/test and .ci/run start a server and set it). Without it the
    /// PostgreSQL cases fail: a green run must mean both engines passed.
    static func postgresURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["LIGHTBOX_TEST_POSTGRES_URL"], !url.isEmpty else {
            throw TestFailure(
                "LIGHTBOX_TEST_POSTGRES_URL is not set: the HL7 tests run on PostgreSQL as well as SQLite "
                    + "(scripts/test starts PostgreSQL and exports it, e.g. postgres://user:pass@127.0.0.1:port/db)")
        }
        return url
    }

    /// Runs one SQL statement with psql (PostgreSQL's own client, an outside program like the peers).
    static func psql(_ url: String, _ statement: String) throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/psql") else {
            throw TestFailure("/usr/bin/psql is missing (apt-get install postgresql-client)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        process.arguments = [url, "-v", "ON_ERROR_STOP=1", "-q", "-c", statement]
        var environment = ProcessInfo.processInfo.environment
        environment["PGCONNECT_TIMEOUT"] = "10"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestFailure("psql '\(statement)' failed: \(String(decoding: output, as: UTF8.self))")
        }
    }
}

/// Wraps the real store; while `failing` is set, every transaction is rolled back after its work (as a
/// failed commit would be), so a test can see what the door answers when nothing could be committed.
final class FailableStore: DepartmentStore, @unchecked Sendable {
    struct CommitFailure: Error, CustomStringConvertible {
        var description: String { "commit failed (test)" }
    }

    let inner: any DepartmentStore
    private let lock = NSLock()
    private var failingFlag = false

    init(_ inner: any DepartmentStore) { self.inner = inner }

    var failing: Bool {
        get { lock.withLock { failingFlag } }
        set { lock.withLock { failingFlag = newValue } }
    }

    func transaction<T: Sendable>(_ body: @escaping @Sendable (any UnitOfWork) async throws -> T) async throws -> T {
        let fail = failing
        return try await inner.transaction { unit in
            let result = try await body(unit)
            if fail { throw CommitFailure() }
            return result
        }
    }
}

/// A department on a fresh database (an SQLite file, or a new PostgreSQL schema) with the sample catalogue
/// and one referrer, and the HL7 listener on a free loopback port.
struct HL7TestDepartment {
    static let referrerRegistration = "C4455667"
    static let admin = Actor(staffID: nil, username: "test-admin", role: .admin, door: .cli)
    static let manager = Actor(staffID: nil, username: "test-manager", role: .manager, door: .cli)

    let engine: HL7TestEngine
    let directory: URL
    let database: LightboxDatabase
    let store: FluentDepartmentStore
    /// The store behind the listener.
    let listenerStore: FailableStore
    let department: Department
    let listener: HL7Listener
    let port: Int

    static func with<T>(_ engine: HL7TestEngine = .sqlite, _ body: (HL7TestDepartment) async throws -> T)
        async throws -> T
    {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-hl7-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        switch engine {
        case .sqlite:
            return try await with(
                engine, directory: directory,
                configuration: try DatabaseConfiguration.from(databaseURL: nil, dataDirectory: directory.path), body)
        case .postgres:
            let url = try HL7TestEngine.postgresURL()
            let schema = "lightbox_hl7_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            try HL7TestEngine.psql(url, "CREATE SCHEMA \(schema)")
            do {
                let result = try await with(
                    engine, directory: directory,
                    configuration: .init(location: .postgres(url: url), postgresSchema: schema), body)
                try HL7TestEngine.psql(url, "DROP SCHEMA \(schema) CASCADE")
                return result
            } catch {
                try? HL7TestEngine.psql(url, "DROP SCHEMA IF EXISTS \(schema) CASCADE")
                throw error
            }
        }
    }

    private static func with<T>(
        _ engine: HL7TestEngine, directory: URL, configuration: DatabaseConfiguration,
        _ body: (HL7TestDepartment) async throws -> T
    ) async throws -> T {
        var logger = Logger(label: "lightbox.hl7.test")
        logger.logLevel = .critical
        let database = try await LightboxDatabase.open(configuration, logger: logger)
        do {
            try await database.migrate()
            let store = FluentDepartmentStore(database: database)
            let environment = DepartmentEnvironment(
                store: store, clock: WallClock(), ids: RandomIDs(), configuration: .default, policy: .default)
            let department = Department(environment)
            _ = try await department.upsertCatalogueEntries(.init(entries: SampleCatalogue.entries), by: admin)
            _ = try await department.addReferrer(
                .init(
                    name: PersonName(family: "Okafor", given: ["Ada"]), kind: .doctor,
                    registrationNumber: referrerRegistration, scope: .everything), by: admin)
            let listenerStore = FailableStore(store)
            var listenerEnvironment = environment
            listenerEnvironment.store = listenerStore
            let listener = try await HL7Listener.bind(
                .init(host: "127.0.0.1", port: 0), environment: listenerEnvironment,
                group: MultiThreadedEventLoopGroup.singleton, logger: logger)
            guard let port = listener.port else { throw TestFailure("listener has no port") }
            let serving = Task { try await listener.run() }
            let fixture = HL7TestDepartment(
                engine: engine, directory: directory, database: database, store: store,
                listenerStore: listenerStore, department: department, listener: listener, port: port)
            do {
                let result = try await body(fixture)
                serving.cancel()
                await listener.close()
                _ = await serving.result
                await database.shutdown()
                return result
            } catch {
                serving.cancel()
                await listener.close()
                _ = await serving.result
                throw error
            }
        } catch {
            await database.shutdown()
            throw error
        }
    }

    func client() -> MLLPClient {
        MLLPClient(
            configuration: .init(host: "127.0.0.1", port: port, acknowledgmentTimeout: .seconds(5)),
            group: MultiThreadedEventLoopGroup.singleton, logger: Logger(label: "lightbox.hl7.test.client"))
    }

    /// Sends raw bytes in one MLLP frame and returns the reply parsed.
    func send(_ text: String) async throws -> Message {
        try await send(Array(text.utf8))
    }

    func send(_ bytes: [UInt8]) async throws -> Message {
        try Message(parsing: try await sendRaw(bytes))
    }

    func sendRaw(_ bytes: [UInt8]) async throws -> [UInt8] {
        let client = client()
        do {
            let reply = try await client.send(bytes)
            await client.close()
            return reply
        } catch {
            await client.close()
            throw error
        }
    }

    func exams() async throws -> [Exam] {
        try await department.listExams(ExamQuery(limit: 1000), by: Self.manager).value
    }

    func auditActions() async throws -> [String] {
        try await department.viewAuditLog(.init(limit: 1000), by: Self.manager).value.map(\.action)
    }

    func patients(family: String = "SMITH") async throws -> [Patient] {
        try await department.searchPatients(PatientQuery(familyName: family, limit: 200), by: Self.manager).value
    }
}

extension Message {
    var acknowledgmentCode: String? { segment("MSA")?.field(1).text }
    /// ERR-2 of each ERR as "SEG-field".
    var errorLocations: [String] {
        segments("ERR").map { "\($0.field(2).component(1).value)-\($0.field(2).component(3).value)" }
    }
}
