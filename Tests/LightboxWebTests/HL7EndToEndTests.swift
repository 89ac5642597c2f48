import Foundation
import HL7
import Hummingbird
import HummingbirdTesting
import LightboxDomain
import LightboxHL7
import LightboxTestSupport
import LightboxWeb
import Logging
import NIOPosix
import Testing

/// The HL7 door and the JSON API of one department, end to end with python-hl7 as the hospital: orders sent
/// with `mllp_send` become requests the API shows, and reports recorded and verified through the API reach a
/// python-hl7 MLLP server as ORU^R01, queued while it is down, in order, each once.
@Suite("HL7 end to end through the API", .serialized)
struct HL7EndToEndTests {
    struct WallClock: LightboxDomain.Clock {
        func now() -> Date { Date() }
    }

    /// Random ids as in production: ORU control ids (MSH-10) are drawn from the outbox entry's id.
    struct RandomIDs: IDGenerator {
        func next() -> UUID { UUID() }
    }

    /// The seeded department with a report destination "EPR", its API, and the MLLP listener on a free port.
    struct Department {
        let seeded: SeededDepartment
        let path: Pathway
        let environment: DepartmentEnvironment
        let hl7Port: Int
        let directory: URL
    }

    static func run(
        _ engine: TestEngine, _ body: @escaping @Sendable (Department) async throws -> Void
    ) async throws {
        try await TestDatabase.with(engine) { database in
            let seeded = try await SeededDepartment.create(in: database.database)
            try await ReportTests.entitleRadiologistToReport(seeded)
            let environment = DepartmentEnvironment(
                store: seeded.store, clock: seeded.clock, ids: RandomIDs(),
                configuration: seeded.configuration, reportDestinations: ["EPR"])
            let api = APIEnvironment(
                department: LightboxDomain.Department(environment), store: seeded.store, policy: .default,
                auth: seeded.auth, clock: seeded.clock, healthCheck: {})
            var logger = Logger(label: "lightbox.web.tests.hl7")
            logger.logLevel = .critical
            let listener = try await HL7Listener.bind(
                .init(host: "127.0.0.1", port: 0), environment: environment,
                group: MultiThreadedEventLoopGroup.singleton, logger: logger)
            let serving = Task { try await listener.run() }
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-e2e-\(UUID())")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            do {
                let app = Application(router: WebApplication(environment: api).buildRouter().router)
                try await app.test(.router) { client in
                    let department = Department(
                        seeded: seeded, path: Pathway(seeded: seeded, api: APIClient(client)),
                        environment: environment, hl7Port: try #require(listener.port), directory: directory)
                    try await body(department)
                }
            } catch {
                serving.cancel()
                await listener.close()
                _ = await serving.result
                throw error
            }
            serving.cancel()
            await listener.close()
            _ = await serving.result
        }
    }

    @Test("An ORM^O01 sent with mllp_send creates a request the API shows", arguments: TestEngine.allCases)
    func orderThroughMLLPSend(engine: TestEngine) async throws {
        try await Self.run(engine) { d in
            let patient = try #require(d.seeded.patients["man"])
            let order =
                "MSH|^~\\&|EPR|RVJ|LIGHTBOX|RAD|20260302090000||ORM^O01^ORM_O01|E2E-ORM-1|P|2.5.1\r"
                + "PID|1||\(patient.nhsNumber?.digits ?? "")^^^NHS^NH||KHAN^IMRAN||19801102|M\r"
                + "PV1|1|O\r"
                + "ORC|NW|E2E-PL-1^EPR|||||^^^^^R||20260302090000|||\(d.seeded.referrer.registrationNumber)^ADEYEMI^TOLU\r"
                + "OBR|1|E2E-PL-1^EPR||XCHEST^XR Chest PA^LOCAL" + String(repeating: "|", count: 27)
                + "^Breathless on exertion\r"
            let file = d.directory.appendingPathComponent("orm.hl7")
            try Data(order.replacingOccurrences(of: "\r", with: "\n").utf8).write(to: file)
            let send = try ExternalProgram(path: "/usr/bin/env").run(
                ["mllp_send", "--loose", "-p", "\(d.hl7Port)", "-f", file.path, "127.0.0.1"], timeout: 60)
            #expect(send.status == 0, "mllp_send (python-hl7) must be installed: \(send.standardError)")
            #expect(send.standardOutput.contains("MSA|AA|E2E-ORM-1"), "ACK: \(send.standardOutput)")

            let token = d.path.token("radiographer")
            let list = try await d.path.api.send(.get, "/api/exams?patientID=\(patient.id)", token: token)
            #expect(list.status == .ok, "\(list.text)")
            #expect(list.text.contains("\"placerOrderNumber\":\"E2E-PL-1^EPR\""), "\(list.text)")
            guard case .array(let exams)? = list.json, exams.count == 1, case .string(let examID)? = exams[0]["id"]
            else {
                Issue.record("one exam expected: \(list.text)")
                return
            }
            let exam = try await d.path.api.send(.get, "/api/exams/\(examID)", token: token)
            #expect(exam.status == .ok)
            #expect(exam.string("state") == "requested")
            #expect(exam.string("examCode") == "XCHEST")
            #expect(exam.string("clinicalQuestion") == "Breathless on exertion")
            #expect(exam.text.contains("\"door\":\"hl7\""), "the journey records the HL7 door: \(exam.text)")
        }
    }

    @Test(
        "Reports verified through the API reach python-hl7 as ORU^R01: queued while it is down, then in order, once each",
        arguments: TestEngine.allCases)
    func reportsReachTheReceiver(engine: TestEngine) async throws {
        try await Self.run(engine) { d in
            let port = try PythonMLLPReceiver.freePort()
            var logger = Logger(label: "lightbox.web.tests.outbox")
            logger.logLevel = .critical
            // The sender runs on the wall clock so its back-off advances; the reports are stamped with the
            // department's fixed clock (in the past), so they are due at once.
            var senderEnvironment = d.environment
            senderEnvironment.clock = WallClock()
            let sender = ReportOutboxSender(
                destinations: [.init(name: "EPR", host: "127.0.0.1", port: port)], environment: senderEnvironment,
                timing: .init(
                    firstRetry: .milliseconds(200), maximumRetry: .seconds(1), idlePoll: .milliseconds(100),
                    acknowledgmentTimeout: .seconds(5)),
                group: MultiThreadedEventLoopGroup.singleton, logger: logger)
            let running = Task { try await sender.run() }
            defer { running.cancel() }

            // Three exams reported and verified through the API while the receiver is down.
            let radiologist = d.path.token("radiologist")
            var accessions: [String] = []
            for (index, patient) in ["man", "woman", "elderly"].enumerated() {
                let exam = try await ReportTests.dischargedChest(d.path, patient: patient)
                try await d.path.step(
                    exam, "report", by: radiologist, #"{"text":"REPORT-\#(index + 1): clear lungs."}"#)
                let verified = try await d.path.step(exam, "report/verification", by: radiologist)
                accessions.append(try #require(verified.string("value.accessionNumber")))
            }
            let manager = d.seeded.tokens[.manager]
            try await Task.sleep(for: .seconds(2))
            let waiting = try await d.path.api.send(
                .get, "/api/interfaces/outbox?destination=EPR&pending=true", token: manager)
            #expect(waiting.status == .ok, "\(waiting.text)")
            guard case .array(let queued)? = waiting.json else {
                Issue.record("outbox view is not a list: \(waiting.text)")
                return
            }
            #expect(queued.count == 3, "all three wait for the receiver: \(waiting.text)")

            // The receiver comes up: all three arrive as ORU^R01, in verification order, each once.
            let receiver = try await PythonMLLPReceiver(port: port, directory: d.directory)
            defer { receiver.stop() }
            let deadline = Date().addingTimeInterval(30)
            var pending = 3
            while pending > 0 && Date() < deadline {
                try await Task.sleep(for: .milliseconds(200))
                let view = try await d.path.api.send(
                    .get, "/api/interfaces/outbox?destination=EPR&pending=true", token: manager)
                if case .array(let items)? = view.json { pending = items.count }
            }
            #expect(pending == 0, "the queue drained")
            // Give a duplicate, if one were sent, time to arrive before counting.
            try await Task.sleep(for: .milliseconds(500))
            let received = try receiver.received()
            #expect(received.count == 3, "none lost, none twice: \(received)")
            #expect(received.allSatisfy { $0.messageType.hasPrefix("ORU^R01") }, "\(received)")
            #expect(received.map { String($0.fillerOrderNumber.prefix { $0 != "^" }) } == accessions, "in order")
            for (index, message) in received.enumerated() {
                #expect(message.observationValues.contains("REPORT-\(index + 1): clear lungs."), "\(message)")
            }
            #expect(Set(received.map(\.controlID)).count == 3)
            running.cancel()
            _ = await running.result
        }
    }
}
