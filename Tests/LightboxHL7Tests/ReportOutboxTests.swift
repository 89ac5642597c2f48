import Foundation
import HL7
import LightboxDomain
import LightboxHL7
import Logging
import NIOPosix
import Testing

/// Reports out: the outbox delivered to a python-hl7 MLLP server started by the test.
@Suite("HL7 reports out", .serialized)
struct ReportOutboxTests {
    static let receiverScript = """
        import asyncio, sys
        from hl7.mllp import start_hl7_server

        port = int(sys.argv[1])
        log = sys.argv[2]

        async def handle(reader, writer):
            try:
                while not writer.is_closing():
                    message = await reader.readmessage()
                    control = str(message).split('\\r')[0].split('|')[9]
                    with open(log, 'a') as f:
                        f.write(control + '\\n')
                    writer.writemessage(message.create_ack())
                    await writer.drain()
            except asyncio.IncompleteReadError:
                if not writer.is_closing():
                    writer.close()

        async def main():
            async with await start_hl7_server(handle, host='127.0.0.1', port=port) as server:
                print('PORT', server.sockets[0].getsockname()[1], flush=True)
                await server.serve_forever()

        asyncio.run(main())
        """

    /// The python-hl7 receiver on `port`; ready once it accepts connections.
    final class Receiver {
        let process = Process()

        init(script: URL, port: Int, log: URL) async throws {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", script.path, "\(port)", log.path]
            process.standardOutput = FileHandle.nullDevice
            do { try process.run() } catch {
                throw TestFailure("python3 could not be started for the python-hl7 receiver: \(error)")
            }
            let deadline = Date().addingTimeInterval(20)
            while true {
                guard process.isRunning else {
                    throw TestFailure("python-hl7 MLLP receiver exited (is the hl7 package installed?)")
                }
                let client = MLLPClient(
                    configuration: .init(host: "127.0.0.1", port: port),
                    group: MultiThreadedEventLoopGroup.singleton, logger: Logger(label: "probe"))
                do {
                    try await client.connect()
                    await client.close()
                    return
                } catch {
                    await client.close()
                }
                guard Date() < deadline else {
                    stop()
                    throw TestFailure("python-hl7 MLLP receiver did not listen on \(port) within 20 s")
                }
                try await Task.sleep(for: .milliseconds(100))
            }
        }

        func stop() {
            // SIGKILL: the child may inherit SIGTERM blocked from the test runner, and a test must not hang.
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
    }

    static func freePort() throws -> Int {
        let text = try HL7InboundTests.run([
            "python3", "-c",
            "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])",
        ])
        guard let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw TestFailure("no free port: \(text)")
        }
        return port
    }

    @Test(arguments: HL7TestEngine.allCases) func reportsQueueWhileTheReceiverIsDownAndArriveInOrderOnceEach(
        engine: HL7TestEngine
    ) async throws {
        try await HL7TestDepartment.with(engine) { d in
            let script = d.directory.appendingPathComponent("receiver.py")
            try Self.receiverScript.write(to: script, atomically: true, encoding: .utf8)
            let log = d.directory.appendingPathComponent("received.log")
            // The receiver is down at first: reports must wait for it.
            let port = try Self.freePort()

            let store = d.store
            let patient = try await d.department.registerPatient(
                PatientDetails(
                    hospitalNumbers: [HospitalNumber(value: "RVH42", issuingAuthority: "RVH")],
                    name: PersonName(family: "Brown", given: ["Ann"]), sex: .female),
                by: Actor(staffID: nil, username: "PAS^RVH", role: .integration, door: .hl7)
            ).value
            let referrer = try #require(
                try await store.transaction {
                    try await $0.referrers.find(registrationNumber: HL7TestDepartment.referrerRegistration)
                })
            var expected: [String] = []
            for index in 1...3 {
                let examID = UUID()
                let outboxID = UUID()
                expected.append(ReportOutboxSender.controlID(outboxID))
                let now = Date()
                var exam = Exam(
                    id: examID, accessionNumber: Exam.accessionNumber(for: examID), patientID: patient.id,
                    referrerID: referrer.id, examCode: "XCHEST", examName: "XR Chest PA", modality: .DX,
                    bodyRegion: .chest, laterality: .notApplicable, clinicalQuestion: "Cough", priority: .routine,
                    patientSource: nil, location: nil, pregnancyStatusOnRequest: nil, research: nil,
                    requestIdentifiers: RequestIdentifiers(), requestedAt: now, state: .reportVerified)
                exam.report = ReportRecord(
                    text: "Report \(index): no abnormality.\nSecond line.", alert: nil, reportedBy: UUID(),
                    reportedAt: now, needsIndependentVerification: false, verifiedBy: UUID(), verifiedAt: now)
                let queued = exam
                try await store.transaction { unit in
                    try await unit.exams.insert(queued)
                    try await unit.outbox.enqueue(
                        OutboxMessage(
                            id: outboxID, destination: "EPR", kind: .reportVerified, examID: examID, createdAt: now,
                            nextAttemptAt: now))
                }
            }

            let environment = DepartmentEnvironment(store: store, clock: WallClock(), ids: RandomIDs())
            var logger = Logger(label: "lightbox.hl7.test.outbox")
            logger.logLevel = .error
            let sender = ReportOutboxSender(
                destinations: [.init(name: "EPR", host: "127.0.0.1", port: port)], environment: environment,
                timing: .init(
                    firstRetry: .milliseconds(200), maximumRetry: .seconds(1), idlePoll: .milliseconds(100),
                    acknowledgmentTimeout: .seconds(5)),
                group: MultiThreadedEventLoopGroup.singleton, logger: logger)
            let running = Task { try await sender.run() }
            defer { running.cancel() }

            // Down: nothing delivered, the head retried with back-off, the rest waiting behind it in order.
            try await Task.sleep(for: .seconds(2))
            let waiting = try await d.department.viewOutbox(.init(destination: "EPR"), by: HL7TestDepartment.manager)
                .value
            #expect(waiting.count == 3)
            #expect(waiting.allSatisfy { $0.deliveredAt == nil })
            #expect(waiting[0].attempts >= 2 && waiting[0].lastError != nil, "\(waiting[0])")
            #expect(waiting[1].attempts == 0 && waiting[2].attempts == 0, "later reports wait behind the first")
            #expect(waiting.map(\.sequence) == [1, 2, 3])

            // Up again: all three arrive, in order, each once.
            let receiver = try await Receiver(script: script, port: port, log: log)
            defer { receiver.stop() }
            let deadline = Date().addingTimeInterval(30)
            var pending = 3
            while pending > 0 && Date() < deadline {
                try await Task.sleep(for: .milliseconds(200))
                pending = try await d.department.viewOutbox(
                    .init(destination: "EPR", pendingOnly: true), by: HL7TestDepartment.manager
                ).value.count
            }
            #expect(pending == 0)
            let received = try String(contentsOf: log, encoding: .utf8).split(separator: "\n").map(String.init)
            #expect(received == expected, "in order, none lost, none twice")
            running.cancel()
            _ = await running.result
        }
    }

    @Test func backOffDoublesUpToTheCap() {
        let timing = ReportOutboxSender.Timing(firstRetry: .seconds(1), maximumRetry: .seconds(10))
        #expect(
            (1...6).map { timing.delay(afterAttempts: $0) } == [
                .seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(10), .seconds(10),
            ])
    }

    @Test func controlIDsDifferForSequentialAndRandomIDs() throws {
        let first = try #require(UUID(uuidString: "00000000-0000-0000-0000-000000000001"))
        let second = try #require(UUID(uuidString: "00000000-0000-0000-0000-000000000002"))
        #expect(ReportOutboxSender.controlID(first) != ReportOutboxSender.controlID(second))
        let random = UUID()
        #expect(ReportOutboxSender.controlID(random) == ReportOutboxSender.controlID(random))
        #expect(ReportOutboxSender.controlID(random).count == 20)
    }
}
