import Foundation
import HL7
import LightboxDomain
import LightboxHL7
import LightboxTestSupport
import Logging
import NIOPosix
import Testing

/// Reports out: the outbox delivered to a python-hl7 MLLP server started by the test.
@Suite("HL7 reports out", .serialized)
struct ReportOutboxTests {
    @Test(arguments: HL7TestEngine.allCases) func reportsQueueWhileTheReceiverIsDownAndArriveInOrderOnceEach(
        engine: HL7TestEngine
    ) async throws {
        try await HL7TestDepartment.with(engine) { d in
            // The receiver is down at first: reports must wait for it.
            let port = try PythonMLLPReceiver.freePort()

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
            let receiver = try await PythonMLLPReceiver(port: port, directory: d.directory)
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
            #expect(try receiver.received().map(\.controlID) == expected, "in order, none lost, none twice")
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
