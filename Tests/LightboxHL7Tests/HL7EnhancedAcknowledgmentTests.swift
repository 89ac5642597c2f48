import Foundation
import HL7
import LightboxDomain
import LightboxHL7
import Testing

/// Enhanced acknowledgement mode (HL7 v2.5.1 §2.9.3): MSH-15 asks for the accept acknowledgement
/// (CA/CE/CR), MSH-16 for the application acknowledgement (AA/AE/AR), each AL, NE, ER or SU.
@Suite("HL7 enhanced acknowledgement mode", .serialized)
struct HL7EnhancedAcknowledgmentTests {
    typealias Condition = AcknowledgmentMode.Condition

    static func header(_ type: String, _ control: String, _ msh15: String, _ msh16: String) -> String {
        "MSH|^~\\&|PAS|RVH|LIGHTBOX|RAD|20261124100000||\(type)|\(control)|P|2.5.1|||\(msh15)|\(msh16)\r"
    }

    static func adt(_ control: String, _ msh15: String, _ msh16: String, hospitalNumber: String = "RVH123456")
        -> String
    {
        header("ADT^A04^ADT_A01", control, msh15, msh16) + "EVN|A04|20261124100000\r"
            + "PID|1||\(hospitalNumber)^^^RVH^MR||SMITH^JOHN||19700101|M\rPV1|1|O\r"
    }

    /// An order the request intake refuses (no referrer in ORC-12): read and stored, but not applied.
    static func refusedOrder(_ control: String, _ msh15: String, _ msh16: String) -> String {
        header("ORM^O01^ORM_O01", control, msh15, msh16)
            + "PID|1||RVH123456^^^RVH^MR~9434765919^^^NHS^NH||SMITH^JOHN||19700101|M\rPV1|1|I\r"
            + "ORC|NW|P-\(control)^EPR\rOBR|1|P-\(control)^EPR||XCHEST^XR Chest PA^LOCAL\r"
    }

    /// A message type Lightbox does not take: not committed at all.
    static func unsupported(_ control: String, _ msh15: String, _ msh16: String) -> String {
        header("SIU^S12^SIU_S12", control, msh15, msh16) + "SCH|1\r"
    }

    static func code(_ message: Message) -> String? { message.segment("MSA")?.field(1).text }
    static func acknowledged(_ message: Message) -> String? { message.segment("MSA")?.field(2).text }

    /// Sends `text` then an original-mode sentinel on the same connection, and returns the frames that
    /// came before the sentinel's acknowledgement: exactly what `text` was answered with, in order.
    static func framesFor(_ text: String, sentinel: String, on connection: MLLPTestConnection) async throws
        -> [Message]
    {
        try await connection.send(text)
        try await connection.send(adt(sentinel, "", "", hospitalNumber: "RVH000001"))
        var frames: [Message] = []
        for _ in 0..<4 {
            let frame = try #require(try await connection.next().first)
            if acknowledged(frame) == sentinel {
                #expect(code(frame) == "AA", "sentinel: \(frame)")
                return frames
            }
            frames.append(frame)
        }
        throw TestFailure("no sentinel acknowledgement after 4 frames: \(frames)")
    }

    @Test(
        "Original mode when MSH-15 and MSH-16 are empty; every enhanced combination as asked",
        arguments: HL7TestEngine.allCases)
    func everyCombination(engine: HL7TestEngine) async throws {
        try await HL7TestDepartment.with(engine) { d in
            let connection = try await MLLPTestConnection(port: d.port)
            defer { Task { await connection.close() } }
            var n = 0
            // Original mode: one acknowledgement, after commit.
            let original = try await Self.framesFor(Self.adt("O-1", "", ""), sentinel: "S-0", on: connection)
            #expect(original.map(Self.code) == ["AA"])
            for accept in Condition.allCases {
                for application in Condition.allCases {
                    let a = accept.rawValue
                    let b = application.rawValue
                    n += 1
                    // Taken and applied: CA when MSH-15 asks on success, then AA when MSH-16 does.
                    let ok = try await Self.framesFor(
                        Self.adt("E-\(n)", a, b, hospitalNumber: "RVH10\(n)"), sentinel: "S-\(n)", on: connection)
                    var expected: [String] = []
                    if accept.sends(success: true) { expected.append("CA") }
                    if application.sends(success: true) { expected.append("AA") }
                    #expect(ok.map(Self.code) == expected, "\(a)/\(b) applied: \(ok)")
                    #expect(ok.allSatisfy { Self.acknowledged($0) == "E-\(n)" })
                    if ok.count == 2 {
                        #expect(ok[0].msh.messageControlID != ok[1].msh.messageControlID, "each ACK has its own MSH-10")
                    }
                    #expect(
                        try await d.patients().contains { $0.hospitalNumbers.contains { $0.value == "RVH10\(n)" } },
                        "\(a)/\(b): the patient is stored whatever acknowledgements were asked for")

                    // Taken but refused by the rules: CA (it is stored), then AE with ERR.
                    let refused = try await Self.framesFor(
                        Self.refusedOrder("R-\(n)", a, b), sentinel: "SR-\(n)", on: connection)
                    expected = []
                    if accept.sends(success: true) { expected.append("CA") }
                    if application.sends(success: false) { expected.append("AE") }
                    #expect(refused.map(Self.code) == expected, "\(a)/\(b) refused: \(refused)")
                    if let ae = refused.first(where: { Self.code($0) == "AE" }) {
                        #expect(!ae.segments("ERR").isEmpty, "\(ae)")
                    }

                    let rejected = try await Self.framesFor(
                        Self.unsupported("U-\(n)", a, b), sentinel: "SU-\(n)", on: connection)
                    // Not taken (unsupported type): CR when MSH-15 asks on error, else AR when MSH-16 does.
                    expected = accept.sends(success: false) ? ["CR"] : application.sends(success: false) ? ["AR"] : []
                    #expect(rejected.map(Self.code) == expected, "\(a)/\(b) not taken: \(rejected)")
                    if let cr = rejected.first { #expect(cr.errorLocations == ["MSH-9"]) }
                }
            }
            #expect(try await d.exams().isEmpty, "no refused order was applied")
            #expect(try await connection.pending() == 0)
        }
    }

    @Test("An empty MSH-15 or MSH-16 beside a valued one asks for nothing; a value outside table 0155 is refused")
    func emptyConditionAndBadValue() async throws {
        try await HL7TestDepartment.with { d in
            let connection = try await MLLPTestConnection(port: d.port)
            defer { Task { await connection.close() } }
            let onlyApplication = try await Self.framesFor(Self.adt("M-1", "", "AL"), sentinel: "S-1", on: connection)
            #expect(onlyApplication.map(Self.code) == ["AA"])
            let onlyAccept = try await Self.framesFor(Self.adt("M-2", "AL", ""), sentinel: "S-2", on: connection)
            #expect(onlyAccept.map(Self.code) == ["CA"])
            let neither = try await Self.framesFor(Self.adt("M-5", "NE", ""), sentinel: "S-5", on: connection)
            #expect(neither.isEmpty)
            // Refused before it could be stored, with only application acknowledgements asked for: AE.
            let missingEVN = try await Self.framesFor(
                Self.header("ADT^A04^ADT_A01", "M-6", "", "AL") + "PID|1||RVH9^^^RVH^MR||SMITH^JOHN\rPV1|1|O\r",
                sentinel: "S-6", on: connection)
            #expect(missingEVN.map(Self.code) == ["AE"], "\(missingEVN)")
            let bad = try await Self.framesFor(Self.adt("M-3", "XX", "AL"), sentinel: "S-3", on: connection)
            #expect(bad.map(Self.code) == ["AE"])
            #expect(bad.first?.errorLocations == ["MSH-15"])
            // Unreadable bytes are refused in original mode: their MSH-15/16 cannot be trusted.
            let broken = try await Self.framesFor(
                Self.header("ADT^A04^ADT_A01", "M-4", "AL", "AL") + "EVN|A04\rpid|1\r", sentinel: "S-4",
                on: connection)
            #expect(broken.map(Self.code) == ["AR"], "\(broken)")
        }
    }

    @Test(
        "A repeated MSH-10 in enhanced mode gets the same acknowledgements and has no second effect",
        arguments: HL7TestEngine.allCases)
    func duplicate(engine: HL7TestEngine) async throws {
        try await HL7TestDepartment.with(engine) { d in
            #expect(try await d.send(HL7InboundTests.adt).acknowledgmentCode == "AA")
            let order = HL7InboundTests.order(control: "DUP-1").replacingOccurrences(
                of: "|DUP-1|P|2.5.1\r", with: "|DUP-1|P|2.5.1|||AL|AL\r")
            let connection = try await MLLPTestConnection(port: d.port)
            defer { Task { await connection.close() } }
            try await connection.send(order)
            let first = try await connection.next(2)
            #expect(first.map(Self.code) == ["CA", "AA"])
            try await connection.send(order)
            let again = try await connection.next(2)
            #expect(again.map { $0.encode() } == first.map { $0.encode() }, "the stored frames, byte for byte")
            #expect(try await connection.pending() == 0)
            #expect(try await d.exams().count == 1)
            #expect(try await d.auditActions().filter { $0 == "exam.requested" }.count == 1)

            // A refused message in enhanced mode is in safe storage too: the repeat is answered, not re-run.
            let refused = Self.refusedOrder("DUP-2", "AL", "AL")
            try await connection.send(refused)
            let refusal = try await connection.next(2)
            #expect(refusal.map(Self.code) == ["CA", "AE"])
            try await connection.send(refused)
            #expect(try await connection.next(2).map { $0.encode() } == refusal.map { $0.encode() })
            #expect(try await d.exams().count == 1)
        }
    }

    @Test(
        "CA is sent only after the commit: a failed commit gets CE and no application ACK",
        arguments: HL7TestEngine.allCases)
    func commitBeforeAccept(engine: HL7TestEngine) async throws {
        try await HL7TestDepartment.with(engine) { d in
            let connection = try await MLLPTestConnection(port: d.port)
            defer { Task { await connection.close() } }
            d.listenerStore.failing = true
            try await connection.send(Self.adt("C-1", "AL", "AL"))
            let failed = try await connection.next()
            #expect(failed.map(Self.code) == ["CE"], "\(failed)")
            #expect(failed.first?.segment("ERR")?.field(5).component(1).raw == "hl7.not-stored")
            #expect(try await connection.pending() == 0, "no application acknowledgement for what was not stored")
            #expect(try await d.patients().isEmpty)
            // MSH-15 SU: no commit error; MSH-16 AL then hears of it as AE. SU/SU: silence. ER: CE.
            try await connection.send(Self.adt("C-2", "SU", "AL"))
            #expect(try await connection.next().map(Self.code) == ["AE"])
            try await connection.send(Self.adt("C-4", "SU", "SU"))
            #expect(try await connection.pending() == 0)
            try await connection.send(Self.adt("C-3", "ER", "NE"))
            #expect(try await connection.next().map(Self.code) == ["CE"])

            // The store works again: the same message is taken, and once CA is read it is already readable
            // through another connection to the database.
            d.listenerStore.failing = false
            try await connection.send(Self.adt("C-1", "AL", "AL"))
            let accepted = try await connection.next()
            #expect(accepted.map(Self.code) == ["CA"])
            #expect(try await d.patients().count == 1, "committed before CA was sent")
            #expect(try await connection.next().map(Self.code) == ["AA"])
        }
    }
}
