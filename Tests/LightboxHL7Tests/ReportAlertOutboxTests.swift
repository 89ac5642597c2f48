import Foundation
import HL7
import LightboxDomain
import LightboxHL7
import LightboxTestSupport
import Logging
import NIOPosix
import Testing

/// Issue 15 item 2 through the HL7 door: the ORU^R01 of a report with an alert category carries it
/// in a coded OBX after the text, received by a python-hl7 MLLP server; a report without one does not.
@Suite("HL7 reports out: the alert category", .serialized)
struct ReportAlertOutboxTests {
    @Test(arguments: HL7TestEngine.allCases) func oruCarriesTheAlertCategory(engine: HL7TestEngine) async throws {
        try await HL7TestDepartment.with(engine) { d in
            let port = try PythonMLLPReceiver.freePort()
            let (patient, referrer) = try await d.patientAndReferrer(
                hospitalNumber: "RVH43", name: PersonName(family: "Green", given: ["Ian"]), sex: .male)
            var controlIDs: [String] = []
            for alert in [FindingAlert.critical, nil] {
                controlIDs.append(
                    try await d.queueVerifiedReport(
                        of: patient, referrer: referrer, text: "Large left pneumothorax.", alert: alert))
            }
            let receiver = try await PythonMLLPReceiver(port: port, directory: d.directory)
            defer { receiver.stop() }
            let sender = d.reportSender(port: port, label: "lightbox.hl7.test.alert")
            let running = Task { try await sender.run() }
            defer { running.cancel() }
            let deadline = Date().addingTimeInterval(30)
            var received: [PythonMLLPReceiver.Received] = []
            while received.count < 2 && Date() < deadline {
                try await Task.sleep(for: .milliseconds(200))
                received = try receiver.received()
            }
            #expect(received.map(\.controlID) == controlIDs)
            let critical = received.first?.observationValues ?? ""
            #expect(critical.contains("Large left pneumothorax."), "\(critical)")
            #expect(critical.contains("critical^Critical: act as soon as possible^LIGHTBOX-ALERT"), "\(critical)")
            #expect(received.last.map { !$0.observationValues.contains("LIGHTBOX-ALERT") } == true)
            running.cancel()
            _ = await running.result
        }
    }

    @Test func alertObservationIsACodedOBXWithItsAbnormalFlag() throws {
        let message = ORUR01.make(
            header: ORUR01.Header(
                sendingApplication: HD(namespaceID: "LIGHTBOX"), controlID: "C1", timestamp: try DTM("20261124101000")),
            report: ORUR01.Report(
                patientIdentifiers: [CX(idNumber: "1")], universalServiceIdentifier: CE(identifier: "XCHEST"),
                resultStatus: .final, text: "Line one\nLine two",
                codedObservations: [
                    ORUR01.CodedObservation(
                        identifier: CE(
                            identifier: "ALERT", text: "Report alert category", nameOfCodingSystem: "LIGHTBOX"),
                        value: CE(identifier: "urgent", text: "Urgent", nameOfCodingSystem: "LIGHTBOX-ALERT"),
                        abnormalFlag: "A")
                ]))
        let obx = message.segments.filter { $0.id == "OBX" }
        #expect(obx.count == 3)
        #expect(obx.last?.field(1).value == "3")
        #expect(obx.last?.field(2).value == "CWE")
        #expect(obx.last?.field(3).component(1).value == "ALERT")
        #expect(obx.last?.field(5).component(1).value == "urgent")
        #expect(obx.last?.field(8).value == "A")
        #expect(obx.last?.field(11).value == "F")
    }
}
