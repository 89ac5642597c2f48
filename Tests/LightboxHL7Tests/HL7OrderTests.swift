import Foundation
import HL7
import LightboxDomain
import LightboxHL7
import Testing

/// OMI^O23 (HL7 v2.5.1 §4.4.10) and order control (ORC-1) over MLLP: the same request intake as ORM^O01 and
/// the API, with the IPC segment's required identifiers checked.
@Suite("HL7 orders: OMI^O23 and order control", .serialized)
struct HL7OrderTests {
    static let pid = "PID|1||RVH123456^^^RVH^MR~9434765919^^^NHS^NH||SMITH^JOHN||19700101|M\r"
    static let ipc = "IPC|ACC1001^EPR|RP1001|1.2.826.0.1.3680043.10.1001|SPS1001|DX\r"

    /// An OMI^O23 with one order per (control, placer) pair.
    static func omi(
        control: String, orders: [(orc1: String, placer: String)], pid: String = pid, ipc: String? = ipc,
        orc12: String = "C4455667^OKAFOR^ADA", clinical: String = "Cough for six weeks, ?mass"
    ) -> String {
        var text =
            "MSH|^~\\&|EPR|RVH|LIGHTBOX|RAD|20261124101000||OMI^O23^OMI_O23|\(control)|P|2.5.1\r" + pid
            + "PV1|1|O|OPD^^\r"
        for order in orders {
            text += "ORC|\(order.orc1)|\(order.placer)^EPR|||||^^^^^R||20261124101000|||\(orc12)\r"
            text += "TQ1|1||||||||R\r"
            text += "OBR|1|\(order.placer)^EPR||XCHEST^XR Chest PA^LOCAL" + String(repeating: "|", count: 27)
            text += "^\(clinical)\r"
            if let ipc { text += ipc }
        }
        return text
    }

    @Test("OMI^O23 NW creates a request, CA/OC/DC cancel through the same use case", arguments: HL7TestEngine.allCases)
    func omiCreatesAndCancels(engine: HL7TestEngine) async throws {
        try await HL7TestDepartment.with(engine) { d in
            #expect(try await d.send(HL7InboundTests.adt).acknowledgmentCode == "AA")
            let ack = try await d.send(
                Self.omi(control: "OMI-1", orders: [("NW", "PL2001"), ("NW", "PL2002"), ("NW", "PL2003")]))
            #expect(ack.acknowledgmentCode == "AA", "\(ack)")
            var exams = try await d.exams()
            #expect(exams.count == 3)
            #expect(Set(exams.compactMap(\.placerOrderNumber)) == ["PL2001^EPR", "PL2002^EPR", "PL2003^EPR"])
            #expect(exams.allSatisfy { $0.state == .requested && $0.examCode == "XCHEST" })
            #expect(exams.allSatisfy { $0.patientSource == .outpatient })
            #expect(exams.allSatisfy { $0.history.first?.door == .hl7 })

            // Each cancelling order control, one order each; IPC is not needed to cancel.
            let cancel = Self.omi(
                control: "OMI-2", orders: [("CA", "PL2001"), ("OC", "PL2002"), ("DC", "PL2003")], ipc: nil)
            // Without IPC the message structure is incomplete: OMI^O23 requires it even to cancel.
            let noIPC = try await d.send(cancel)
            #expect(noIPC.acknowledgmentCode == "AE", "\(noIPC)")
            #expect(noIPC.errorLocations == ["IPC-"], "\(noIPC.errorLocations)")
            #expect(try await d.exams().allSatisfy { $0.state == .requested }, "nothing cancelled by a refused message")

            let cancelled = try await d.send(
                Self.omi(control: "OMI-3", orders: [("CA", "PL2001"), ("OC", "PL2002"), ("DC", "PL2003")]))
            #expect(cancelled.acknowledgmentCode == "AA", "\(cancelled)")
            exams = try await d.exams()
            #expect(exams.allSatisfy { $0.state == .cancelled }, "\(exams.map(\.state))")
            #expect(try await d.auditActions().filter { $0 == "exam.cancelled" }.count == 3)
        }
    }

    @Test(
        "An OMI^O23 missing identifiers is refused naming each field, and nothing is stored",
        arguments: HL7TestEngine.allCases)
    func omiMissingIdentifiers(engine: HL7TestEngine) async throws {
        try await HL7TestDepartment.with(engine) { d in
            #expect(try await d.send(HL7InboundTests.adt).acknowledgmentCode == "AA")
            // IPC-1 accession and IPC-3 study instance UID left out.
            let badIPC = try await d.send(
                Self.omi(control: "OMI-10", orders: [("NW", "PL3001")], ipc: "IPC||RP3001||SPS3001|DX\r"))
            #expect(badIPC.acknowledgmentCode == "AE", "\(badIPC)")
            #expect(badIPC.errorLocations == ["IPC-1", "IPC-3"], "\(badIPC.errorLocations)")
            #expect(badIPC.segments("ERR").allSatisfy { $0.field(3).component(1).raw == "101" })
            #expect(badIPC.segment("MSA")?.field(3).value.contains("IPC-1 accession identifier missing") == true)

            // Patient identifiers and referrer missing: the request intake names them (as for ORM^O01).
            let badPatient = try await d.send(
                Self.omi(
                    control: "OMI-11", orders: [("NW", "PL3002")], pid: "PID|1||RVH123456^^^RVH^MR\r", orc12: ""))
            #expect(badPatient.acknowledgmentCode == "AE", "\(badPatient)")
            let locations = badPatient.errorLocations
            #expect(
                locations.contains("PID-5") && locations.contains("PID-7") && locations.contains("ORC-12"),
                "\(locations)")
            #expect(try await d.exams().isEmpty)
            #expect(!(try await d.auditActions()).contains("exam.requested"))

            // An order control Lightbox does not take is named at ORC-1.
            let unknown = try await d.send(Self.omi(control: "OMI-12", orders: [("SC", "PL3003")]))
            #expect(unknown.acknowledgmentCode == "AE")
            #expect(unknown.errorLocations == ["ORC-1"])
            #expect(try await d.exams().isEmpty)
        }
    }

    @Test(
        "ORC-1 XO answers a request returned for information and is refused for any other",
        arguments: HL7TestEngine.allCases)
    func orderChange(engine: HL7TestEngine) async throws {
        try await HL7TestDepartment.with(engine) { d in
            #expect(try await d.send(HL7InboundTests.adt).acknowledgmentCode == "AA")
            #expect(
                try await d.send(Self.omi(control: "OMI-20", orders: [("NW", "PL4001")])).acknowledgmentCode == "AA")
            let exam = try #require(try await d.exams().first)

            // Still "requested": not changed in place.
            let early = try await d.send(
                Self.omi(control: "OMI-21", orders: [("XO", "PL4001")], clinical: "Now with haemoptysis"))
            #expect(early.acknowledgmentCode == "AE", "\(early)")
            #expect(early.errorLocations == ["ORC-1"])
            #expect(early.segment("MSA")?.field(3).value.contains("is requested") == true, "\(early)")
            #expect(try await d.exams().first?.clinicalQuestion == exam.clinicalQuestion)

            // Unknown order number: named at ORC-2.
            let unknown = try await d.send(Self.omi(control: "OMI-22", orders: [("XO", "PL9999")]))
            #expect(unknown.acknowledgmentCode == "AE")
            #expect(unknown.errorLocations == ["ORC-2"])

            // A radiologist returns it for information; XO then answers with the new clinical information.
            let admin = HL7TestDepartment.admin
            let radiologist = try await d.department.addStaffMember(
                .init(
                    name: PersonName(family: "Shah", given: ["Priya"]), profession: .radiologist,
                    registration: ProfessionalRegistration(
                        body: "GMC", number: "7123456", expires: Date().addingTimeInterval(86400 * 365))),
                by: admin
            ).value
            _ = try await d.department.grantEntitlement(
                .init(
                    staffID: radiologist.id, duty: .justify, scope: ExamScope(modality: .DX),
                    starts: Date().addingTimeInterval(-86400), expires: Date().addingTimeInterval(86400 * 365),
                    supervisionRequired: false, trainingEvidence: "Competency sign-off"),
                by: admin)
            let practitioner = Actor(staffID: radiologist.id, username: "pshah", role: .radiologist, door: .web)
            _ = try await d.department.justifyRequest(
                .init(examID: exam.id, decision: .requestInformation, reason: "Smoking history?"), by: practitioner)
            #expect(try await d.exams().first?.state == .returnedForInformation)

            let answer = try await d.send(
                Self.omi(control: "OMI-23", orders: [("XO", "PL4001")], clinical: "Smoker, 40 pack-years"))
            #expect(answer.acknowledgmentCode == "AA", "\(answer)")
            let changed = try #require(try await d.exams().first)
            #expect(changed.state == .requested)
            #expect(changed.clinicalQuestion.contains("Smoker, 40 pack-years"))
            #expect(changed.history.last?.door == .hl7)
        }
    }
}
