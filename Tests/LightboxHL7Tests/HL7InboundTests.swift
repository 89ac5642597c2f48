import Foundation
import HL7
import LightboxDomain
import LightboxHL7
import Testing

/// The HL7 door end to end: MLLP listener on loopback, SQLite store in a temporary directory.
@Suite("HL7 inbound over MLLP", .serialized)
struct HL7InboundTests {
    static let adt =
        "MSH|^~\\&|PAS|RVH|LIGHTBOX|RAD|20261124100000||ADT^A04^ADT_A01|ADT-1|P|2.5.1\r"
        + "EVN|A04|20261124100000\r"
        + "PID|1||RVH123456^^^RVH^MR~9434765919^^^NHS^NH||SMITH^JOHN^PETER||19700101|M|||1 HIGH STREET^^BELFAST^^BT1 1AA\r"
        + "PV1|1|O\r"

    static func order(
        control: String = "ORD-1", placer: String = "PL1001", pid: String? = nil, orc12: String = "C4455667^OKAFOR^ADA"
    )
        -> String
    {
        "MSH|^~\\&|EPR|RVH|LIGHTBOX|RAD|20261124101000||ORM^O01^ORM_O01|\(control)|P|2.5.1\r"
            + (pid ?? "PID|1||RVH123456^^^RVH^MR~9434765919^^^NHS^NH||SMITH^JOHN||19700101|M\r")
            + "PV1|1|I|WARD7^^BED3\r"
            + "ORC|NW|\(placer)^EPR|||||^^^^^R||20261124101000|||\(orc12)\r"
            + "OBR|1|\(placer)^EPR||XCHEST^XR Chest PA^LOCAL" + String(repeating: "|", count: 27)
            + "^Cough for six weeks, ?mass\r"
    }

    @Test(arguments: HL7TestEngine.allCases) func admissionRegistersAndOrderCreatesARequestVisibleThroughTheDomain(
        engine: HL7TestEngine
    ) async throws {
        try await HL7TestDepartment.with(engine) { d in
            let ack = try await d.send(Self.adt)
            #expect(ack.acknowledgmentCode == "AA", "\(ack)")
            let patients = try await d.patients()
            #expect(patients.count == 1)
            let patient = try #require(patients.first)
            #expect(patient.nhsNumber?.digits == "9434765919")
            #expect(patient.hospitalNumbers == [HospitalNumber(value: "RVH123456", issuingAuthority: "RVH")])
            #expect(patient.address?.postcode == "BT1 1AA")
            #expect(patient.sex == .male)

            let orderAck = try await d.send(Self.order())
            #expect(orderAck.acknowledgmentCode == "AA", "\(orderAck)")
            let exams = try await d.exams()
            #expect(exams.count == 1)
            let exam = try #require(exams.first)
            #expect(exam.examCode == "XCHEST")
            #expect(exam.patientID == patient.id)
            #expect(exam.placerOrderNumber == "PL1001^EPR")
            #expect(exam.patientSource == .inpatient)
            #expect(exam.clinicalQuestion == "Cough for six weeks, ?mass")
            let viewed = try await d.department.viewExam(.init(examID: exam.id), by: HL7TestDepartment.manager).value
            #expect(viewed.id == exam.id)
            let requested = try #require(exam.history.first)
            #expect(requested.door == .hl7)
            #expect(requested.actorUsername == "EPR^RVH")
            #expect(requested.actorRole == .integration)

            // Cancelled by the ordering system under the same placer order number.
            let cancel = Self.order(control: "ORD-2").replacingOccurrences(of: "ORC|NW|", with: "ORC|CA|")
            let cancelAck = try await d.send(cancel)
            #expect(cancelAck.acknowledgmentCode == "AA", "\(cancelAck)")
            #expect(try await d.exams().first?.state == .cancelled)
        }
    }

    @Test(arguments: HL7TestEngine.allCases) func duplicateControlIDGetsTheSameAcknowledgementAndOneRequest(
        engine: HL7TestEngine
    ) async throws {
        try await HL7TestDepartment.with(engine) { d in
            #expect(try await d.send(Self.adt).acknowledgmentCode == "AA")
            let client = d.client()
            let first = try await client.send(Array(Self.order().utf8))
            let again = try await client.send(Array(Self.order().utf8))
            await client.close()
            #expect(first == again, "the stored acknowledgement is sent again byte for byte")
            #expect(try Message(parsing: first).acknowledgmentCode == "AA")
            #expect(try await d.exams().count == 1)
            #expect(try await d.auditActions().filter { $0 == "exam.requested" }.count == 1)
        }
    }

    @Test(arguments: HL7TestEngine.allCases) func orderMissingIdentifiersIsRefusedNamingThemAndNothingIsStored(
        engine: HL7TestEngine
    ) async throws {
        try await HL7TestDepartment.with(engine) { d in
            #expect(try await d.send(Self.adt).acknowledgmentCode == "AA")
            let before = try await d.auditActions()
            // Only a hospital number: one identifier, fewer than the department requires; no referrer either.
            let order = Self.order(pid: "PID|1||RVH123456^^^RVH^MR\r", orc12: "")
            let ack = try await d.send(order)
            #expect(ack.acknowledgmentCode == "AE", "\(ack)")
            let locations = ack.errorLocations
            #expect(locations.contains("PID-5"), "\(locations)")
            #expect(locations.contains("PID-7"), "\(locations)")
            #expect(locations.contains("ORC-12"), "\(locations)")
            let codes = ack.segments("ERR").map { $0.field(3).component(1).raw }
            #expect(codes.contains("101"))
            #expect(try await d.exams().isEmpty)
            // Reads made by this test (exam.list) are audited too; no change may be.
            let after = try await d.auditActions().filter { $0 != "exam.list" }
            #expect(after == before, "nothing audited for a refused order: \(after.dropFirst(before.count))")
            // The refusal is not remembered: the corrected order under a new control id is taken.
            #expect(try await d.send(Self.order(control: "ORD-9")).acknowledgmentCode == "AA")
        }
    }

    @Test(arguments: HL7TestEngine.allCases) func unknownReferrerIsRefusedAtORC12(engine: HL7TestEngine) async throws {
        try await HL7TestDepartment.with(engine) { d in
            #expect(try await d.send(Self.adt).acknowledgmentCode == "AA")
            let ack = try await d.send(Self.order(orc12: "G9999999^WHO^DOCTOR"))
            #expect(ack.acknowledgmentCode == "AE")
            let err = try #require(ack.segments("ERR").first)
            #expect(ack.errorLocations == ["ORC-12"])
            #expect(err.field(8).value.contains("G9999999"))
            #expect(try await d.exams().isEmpty)
        }
    }

    @Test(arguments: HL7TestEngine.allCases) func mergeMovesExamsToTheSurvivorAndIsAudited(engine: HL7TestEngine)
        async throws
    {
        try await HL7TestDepartment.with(engine) { d in
            #expect(try await d.send(Self.adt).acknowledgmentCode == "AA")
            #expect(try await d.send(Self.order()).acknowledgmentCode == "AA")
            let survivorADT =
                "MSH|^~\\&|PAS|RVH|LIGHTBOX|RAD|20261124110000||ADT^A04^ADT_A01|ADT-2|P|2.5.1\rEVN|A04\r"
                + "PID|1||RVH999001^^^RVH^MR||SMITH^JOHN||19700101|M\rPV1|1|O\r"
            #expect(try await d.send(survivorADT).acknowledgmentCode == "AA")
            let merge =
                "MSH|^~\\&|PAS|RVH|LIGHTBOX|RAD|20261124120000||ADT^A40^ADT_A39|ADT-3|P|2.5.1\rEVN|A40\r"
                + "PID|1||RVH999001^^^RVH^MR||SMITH^JOHN||19700101|M\rMRG|RVH123456^^^RVH^MR\r"
            let ack = try await d.send(merge)
            #expect(ack.acknowledgmentCode == "AA", "\(ack)")
            let patients = try await d.patients()
            let survivor = try #require(patients.first { $0.hospitalNumbers.contains { $0.value == "RVH999001" } })
            let merged = try #require(patients.first { $0.mergedInto != nil })
            #expect(merged.mergedInto == survivor.id)
            #expect(survivor.hospitalNumbers.contains(HospitalNumber(value: "RVH123456", issuingAuthority: "RVH")))
            #expect(try await d.exams().allSatisfy { $0.patientID == survivor.id })
            let actions = try await d.auditActions()
            #expect(actions.contains("patient.merged"))
            #expect(actions.contains("exam.patient-merged"))
            // A47: the survivor's number changes.
            let change =
                "MSH|^~\\&|PAS|RVH|LIGHTBOX|RAD|20261124130000||ADT^A47^ADT_A30|ADT-4|P|2.5.1\rEVN|A47\r"
                + "PID|1||RVH777777^^^RVH^MR||SMITH^JOHN\rMRG|RVH999001^^^RVH^MR\r"
            #expect(try await d.send(change).acknowledgmentCode == "AA")
            let renumbered = try await d.department.viewPatientRecord(
                .init(patientID: survivor.id), by: HL7TestDepartment.manager
            ).value
            #expect(renumbered.patient.hospitalNumbers.contains { $0.value == "RVH777777" })
            #expect(!renumbered.patient.hospitalNumbers.contains { $0.value == "RVH999001" })
        }
    }

    @Test(arguments: HL7TestEngine.allCases) func everyCorpusMessageIsAnsweredAndTheListenerKeepsServing(
        engine: HL7TestEngine
    ) async throws {
        let corpus = try HL7Corpus.load()
        try await HL7TestDepartment.with(engine) { d in
            for entry in corpus.messages("hl7") {
                let reply = try await d.sendRaw(Array(try Data(contentsOf: entry.url)))
                let codes = try Self.codes(reply)
                #expect(!codes.isEmpty, "\(entry.path): \(String(decoding: reply, as: UTF8.self))")
                for (code, err) in codes {
                    #expect(code == "AA" || (code == "AR" && err != nil), "\(entry.path): \(code) \(err ?? "")")
                }
            }
            for entry in corpus.messages("hl7-malformed") {
                let reply = try await d.sendRaw(Array(try Data(contentsOf: entry.url)))
                let codes = try Self.codes(reply)
                #expect(
                    !codes.isEmpty && codes.contains { ($0.0 == "AE" || $0.0 == "AR") && $0.1 != nil },
                    "\(entry.path) (\(entry.exercises)): \(String(decoding: reply, as: UTF8.self))")
            }
            for entry in corpus.messages("hl7-edge") {
                let bytes = Array(try Data(contentsOf: entry.url))
                _ = try Batch(parsing: bytes)
                let reply = try await d.sendRaw(bytes)
                #expect(try !Self.codes(reply).isEmpty, "\(entry.path)")
            }
            #expect(try await d.send(Self.adt).acknowledgmentCode == "AA", "still serving")
        }
    }

    /// Every MSA-1 of a reply (one, or one per message of a batch reply) with its first ERR text.
    static func codes(_ reply: [UInt8]) throws -> [(String, String?)] {
        var result: [(String, String?)] = []
        for segment in try Batch(parsing: reply).messages.flatMap(\.segments) {
            if segment.id == "MSA" { result.append((segment.field(1).value, nil)) }
            if segment.id == "ERR", !result.isEmpty, result[result.count - 1].1 == nil {
                result[result.count - 1].1 = segment.field(8).value + segment.field(3).raw
            }
        }
        return result
    }

    @Test(arguments: HL7TestEngine.allCases) func pythonMLLPSendOrderIsAcknowledged(engine: HL7TestEngine) async throws
    {
        try await HL7TestDepartment.with(engine) { d in
            #expect(try await d.send(Self.adt).acknowledgmentCode == "AA")
            let file = d.directory.appendingPathComponent("order.hl7")
            try Self.order(control: "PY-1").replacingOccurrences(of: "\r", with: "\n").write(
                to: file, atomically: true, encoding: .utf8)
            let output = try Self.run(["mllp_send", "--loose", "-p", "\(d.port)", "-f", file.path, "127.0.0.1"])
            #expect(output.contains("MSA|AA|PY-1"), "\(output)")
            #expect(try await d.exams().count == 1)
        }
    }

    static func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch {
            throw TestFailure("\(arguments[0]) could not be started (pip install hl7): \(error)")
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw TestFailure("\(arguments.joined(separator: " ")) failed (\(process.terminationStatus)): \(text)")
        }
        return text
    }
}
