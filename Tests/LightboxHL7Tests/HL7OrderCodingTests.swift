import Foundation
import HL7
import LightboxDomain
import LightboxHL7
import Testing

/// Issue 15 item 4: orders carry the side (OBR-46), the pregnancy status (OBX 82810-3) and every
/// priority of DOMAIN.md (TQ1-9), through ORM^O01 over MLLP on both engines, with the refusals.
@Suite("HL7 orders: side, pregnancy status and priority", .serialized)
struct HL7OrderCodingTests {
    /// A woman of childbearing age, for exams where the pregnancy status is needed.
    static let womanADT =
        "MSH|^~\\&|PAS|RVH|LIGHTBOX|RAD|20261124100000||ADT^A04^ADT_A01|ADT-W|P|2.5.1\r"
        + "EVN|A04|20261124100000\r"
        + "PID|1||RVH200001^^^RVH^MR~9434765870^^^NHS^NH||JONES^MARY||19950301|F|||2 HIGH STREET^^BELFAST^^BT1 1AB\r"
        + "PV1|1|O\r"

    static let womanPID = "PID|1||RVH200001^^^RVH^MR~9434765870^^^NHS^NH||JONES^MARY||19950301|F\r"

    /// An ORM^O01 NW with the given exam, OBR-46 value, TQ1-9 priority and OBX segments.
    static func order(
        control: String, placer: String, code: String = "XCHEST", pid: String? = nil, side: String? = nil,
        priority: String? = "R", observations: [String] = []
    ) -> String {
        var obr = Array(repeating: "", count: 47)
        obr[0] = "OBR"
        obr[1] = "1"
        obr[2] = "\(placer)^EPR"
        obr[4] = "\(code)^\(code)^LOCAL"
        obr[31] = "^Pain after a fall"
        if let side { obr[46] = side }
        var text =
            "MSH|^~\\&|EPR|RVH|LIGHTBOX|RAD|20261124101000||ORM^O01^ORM_O01|\(control)|P|2.5.1\r"
            + (pid ?? "PID|1||RVH123456^^^RVH^MR~9434765919^^^NHS^NH||SMITH^JOHN||19700101|M\r")
            + "PV1|1|O|OPD^^\r"
            + "ORC|NW|\(placer)^EPR|||||||20261124101000|||C4455667^OKAFOR^ADA\r"
        if let priority { text += "TQ1|1||||||||\(priority)\r" }
        text += obr.joined(separator: "|") + "\r"
        for observation in observations { text += observation + "\r" }
        return text
    }

    static func pregnancyOBX(_ value: String) -> String {
        "OBX|1|CWE|82810-3^Pregnancy status^LN||\(value)||||||F"
    }

    @Test(
        "OBR-46 carries the side; a missing or contradictory side is refused there", arguments: HL7TestEngine.allCases)
    func laterality(engine: HL7TestEngine) async throws {
        try await HL7TestDepartment.with(engine) { d in
            #expect(try await d.send(HL7InboundTests.adt).acknowledgmentCode == "AA")
            let missing = try await d.send(Self.order(control: "LAT-1", placer: "PL5001", code: "XWRIST"))
            #expect(missing.acknowledgmentCode == "AE", "\(missing)")
            #expect(missing.errorLocations == ["OBR-46"], "\(missing.errorLocations)")
            let both = try await d.send(
                Self.order(control: "LAT-2", placer: "PL5002", code: "XWRIST", side: "LT~RT"))
            #expect(both.acknowledgmentCode == "AE", "\(both)")
            #expect(both.errorLocations == ["OBR-46"], "\(both.errorLocations)")
            #expect(try await d.exams().isEmpty)

            let left = try await d.send(
                Self.order(control: "LAT-3", placer: "PL5003", code: "XWRIST", side: "PORTABLE~LT^Left^HL70411"))
            #expect(left.acknowledgmentCode == "AA", "\(left)")
            let right = try await d.send(Self.order(control: "LAT-4", placer: "PL5004", code: "XWRIST", side: "RT"))
            #expect(right.acknowledgmentCode == "AA", "\(right)")
            let exams = try await d.exams()
            #expect(
                Dictionary(
                    uniqueKeysWithValues: exams.compactMap { e in e.placerOrderNumber.map { ($0, e.laterality) } })
                    == ["PL5003^EPR": .left, "PL5004^EPR": .right])
        }
    }

    @Test(
        "An OBX 82810-3 carries the pregnancy status; a missing or unreadable one is refused",
        arguments: HL7TestEngine.allCases)
    func pregnancyStatus(engine: HL7TestEngine) async throws {
        try await HL7TestDepartment.with(engine) { d in
            #expect(try await d.send(Self.womanADT).acknowledgmentCode == "AA")
            let missing = try await d.send(
                Self.order(control: "PRG-1", placer: "PL6001", code: "XPELVI", pid: Self.womanPID))
            #expect(missing.acknowledgmentCode == "AE", "\(missing)")
            #expect(missing.errorLocations == ["OBX-5"], "\(missing.errorLocations)")
            let unreadable = try await d.send(
                Self.order(
                    control: "PRG-2", placer: "PL6002", code: "XPELVI", pid: Self.womanPID,
                    observations: [Self.pregnancyOBX("MAYBE")]))
            #expect(unreadable.acknowledgmentCode == "AE", "\(unreadable)")
            #expect(unreadable.errorLocations == ["OBX-5"], "\(unreadable.errorLocations)")
            #expect(try await d.exams().isEmpty)

            let notPregnant = try await d.send(
                Self.order(
                    control: "PRG-3", placer: "PL6003", code: "XPELVI", pid: Self.womanPID,
                    observations: [Self.pregnancyOBX("LA26683-5^Not pregnant^LN")]))
            #expect(notPregnant.acknowledgmentCode == "AA", "\(notPregnant)")
            let unsure = try await d.send(
                Self.order(
                    control: "PRG-4", placer: "PL6004", code: "XPELVI", pid: Self.womanPID,
                    observations: [Self.pregnancyOBX("LA4489-6^Unknown^LN")]))
            #expect(unsure.acknowledgmentCode == "AA", "\(unsure)")
            let exams = try await d.exams()
            #expect(
                Dictionary(
                    uniqueKeysWithValues: exams.compactMap { e in
                        e.placerOrderNumber.map { ($0, e.pregnancyStatusOnRequest) }
                    }) == ["PL6003^EPR": .no, "PL6004^EPR": .unsure])
        }
    }

    @Test(
        "Every priority of DOMAIN.md arrives; a value outside table 0027 and the local codes is refused at TQ1-9",
        arguments: HL7TestEngine.allCases)
    func priorities(engine: HL7TestEngine) async throws {
        try await HL7TestDepartment.with(engine) { d in
            #expect(try await d.send(HL7InboundTests.adt).acknowledgmentCode == "AA")
            let codes: [(String, Priority)] = [
                ("R", .routine), ("A", .urgent), ("S", .emergency), ("IP", .inpatient), ("2WW", .twoWeekWait),
            ]
            for (index, (code, _)) in codes.enumerated() {
                let ack = try await d.send(Self.order(control: "PRI-\(index)", placer: "PL70\(index)", priority: code))
                #expect(ack.acknowledgmentCode == "AA", "\(code): \(ack)")
            }
            let exams = try await d.exams()
            let received = Dictionary(
                uniqueKeysWithValues: exams.compactMap { e in e.placerOrderNumber.map { ($0, e.priority) } })
            for (index, (code, priority)) in codes.enumerated() {
                #expect(received["PL70\(index)^EPR"] == priority, "\(code)")
            }
            #expect(Set(codes.map(\.1)) == Set(Priority.allCases), "every priority is reachable over HL7")

            let unknown = try await d.send(Self.order(control: "PRI-X", placer: "PL799", priority: "ZZ"))
            #expect(unknown.acknowledgmentCode == "AE", "\(unknown)")
            #expect(unknown.errorLocations == ["TQ1-9"], "\(unknown.errorLocations)")
            #expect(try await d.exams().count == codes.count)
        }
    }
}
