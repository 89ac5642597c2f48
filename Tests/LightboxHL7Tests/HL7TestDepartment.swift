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

/// A department on a fresh SQLite file with the sample catalogue and one referrer, and the HL7 listener
/// on a free loopback port.
struct HL7TestDepartment {
    static let referrerRegistration = "C4455667"
    static let admin = Actor(staffID: nil, username: "test-admin", role: .admin, door: .cli)
    static let manager = Actor(staffID: nil, username: "test-manager", role: .manager, door: .cli)

    let directory: URL
    let database: LightboxDatabase
    let store: FluentDepartmentStore
    let department: Department
    let listener: HL7Listener
    let port: Int

    static func with<T>(_ body: (HL7TestDepartment) async throws -> T) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-hl7-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var logger = Logger(label: "lightbox.hl7.test")
        logger.logLevel = .warning
        let database = try await LightboxDatabase.open(
            try DatabaseConfiguration.from(databaseURL: nil, dataDirectory: directory.path), logger: logger)
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
            let listener = try await HL7Listener.bind(
                .init(host: "127.0.0.1", port: 0), environment: environment,
                group: MultiThreadedEventLoopGroup.singleton, logger: logger)
            guard let port = listener.port else { throw TestFailure("listener has no port") }
            let serving = Task { try await listener.run() }
            let fixture = HL7TestDepartment(
                directory: directory, database: database, store: store, department: department, listener: listener,
                port: port)
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
