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

            let (patient, referrer) = try await d.patientAndReferrer(
                hospitalNumber: "RVH42", name: PersonName(family: "Brown", given: ["Ann"]), sex: .female)
            var expected: [String] = []
            for index in 1...3 {
                expected.append(
                    try await d.queueVerifiedReport(
                        of: patient, referrer: referrer, text: "Report \(index): no abnormality.\nSecond line.",
                        alert: nil))
            }

            let sender = d.reportSender(port: port, label: "lightbox.hl7.test.outbox")
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
