import Testing

@testable import HL7

private let adt =
    "MSH|^~\\&|ADT1|GOOD HEALTH HOSPITAL|GHH LAB, INC.|GOOD HEALTH HOSPITAL|198808181126|SECURITY|ADT^A01^ADT_A01|MSG00001|P|2.5.1\r"
    + "EVN|A01|200708181123||\r"
    + "PID|1||PATID1234^^^GOOD HEALTH HOSPITAL&1.2.3&ISO^MR~123456789^^^USSSA^SS||EVERYMAN^ADAM^A^III||19610615|M||C|2222 HOME STREET^^GREENSBORO^NC^27401-1020|GL|(555) 555-2004|(555)555-2004||S||PATID12345001^2^M10^ADT1^AN^A|444333333|987654^NC\r"
    + "NK1|1|NUCLEAR^NELDA^W|SPO^SPOUSE||||NK^NEXT OF KIN\r"
    + "PV1|1|I|2000^2012^01||||004777^ATTEND^AARON^A|||SUR||||ADM|A0|\r"

@Suite struct ParsingTests {
    @Test func roundTripIsByteExact() throws {
        let m = try Message(parsing: adt)
        #expect(m.encode() == Array(adt.utf8))
        #expect(m.segments.map(\.id) == ["MSH", "EVN", "PID", "NK1", "PV1"])
    }

    @Test func lfAndCrlfAndBomAreAccepted() throws {
        let lf = adt.replacingOccurrences(of: "\r", with: "\n")
        let crlf = adt.replacingOccurrences(of: "\r", with: "\r\n")
        for text in [lf, crlf] {
            let m = try Message(parsing: [0xEF, 0xBB, 0xBF] + Array(text.utf8))
            #expect(m.encode() == Array(adt.utf8), "output uses CR only")
        }
    }

    @Test func pathAccess() throws {
        let m = try Message(parsing: adt)
        #expect(m["PID-3"] == "PATID1234^^^GOOD HEALTH HOSPITAL&1.2.3&ISO^MR~123456789^^^USSSA^SS")
        #expect(m["PID-3[1]"] == "PATID1234^^^GOOD HEALTH HOSPITAL&1.2.3&ISO^MR")
        #expect(m["PID-3[2].1"] == "123456789")
        #expect(m["PID-3[1].4.1"] == "GOOD HEALTH HOSPITAL")
        #expect(m["PID-3[1].4.2"] == "1.2.3")
        #expect(m["PID-3.5"] == "MR")
        #expect(m["PID-5.2"] == "ADAM")
        #expect(m["MSH-1"] == "|")
        #expect(m["MSH-2"] == "^~\\&")
        #expect(m["MSH-9.2"] == "A01")
        #expect(m["MSH-12"] == "2.5.1")
        #expect(m["PV1-3.2"] == "2012")
        #expect(m["PID-99"] == nil)
        #expect(m["ZZZ-1"] == nil)
        #expect(m["nonsense"] == nil)
        #expect(throws: HL7Error.self) { try FieldPath("PID-x") }
        #expect(m.controlID == "MSG00001")
        #expect(m.messageCode == "ADT" && m.triggerEvent == "A01" && m.version == "2.5.1")
    }

    @Test func fieldStructure() throws {
        let m = try Message(parsing: adt)
        let pid = try #require(m.segment("PID"))
        #expect(pid.field(3).repetitions.count == 2)
        #expect(pid.field(3).repetition(2).component(5).value == "SS")
        #expect(pid.field(3).component(4).subcomponents.map(\.value) == ["GOOD HEALTH HOSPITAL", "1.2.3", "ISO"])
        #expect(pid.field(3).repetition(3).isEmpty)
        #expect(pid.fieldCount == 20)
        #expect(m.header.fieldCount == 12)
        let msh = m.header
        #expect(msh.field(2).components.count == 1, "MSH-2 is never split")
    }

    @Test func customDelimiters() throws {
        let text = "MSH$%~\\&$GHH LAB\rPID$$$555-44-4444$$EVERYWOMAN%EVE%E%%%L\r"
        let m = try Message(parsing: text)
        #expect(m.encoding.field == UInt8(ascii: "$"))
        #expect(m["PID-5.2"] == "EVE")
        #expect(m["PID-5.6"] == "L")
        #expect(m.encode() == Array(text.utf8))
    }

    @Test func truncationCharacterOfV27() throws {
        let m = try Message(parsing: "MSH|^~\\&#|A|B|C|D|20110708||ADT^A01|1|P|2.7\rPID|1||X\\P\\Y\r")
        #expect(m.encoding.truncation == UInt8(ascii: "#"))
        #expect(m["MSH-2"] == "^~\\&#")
        #expect(m["PID-3"] == "X#Y")
    }

    @Test(arguments: [
        ("MSH|^~\\|x", HL7Error.Code.badEncodingCharacters),
        ("MSH|^~\\&#$|x", .badEncodingCharacters),
        ("MSH|^&&^|x", .badEncodingCharacters),
        ("MSH||||", .badEncodingCharacters),
        ("MSH|a~\\&|x", .badEncodingCharacters),
        ("PID|1||x\r", .missingMSH),
        ("BHS|^~\\&|x\rMSH|^~\\&|y\r", .missingMSH),
        ("", .emptyMessage),
        ("\r\n\r\n", .emptyMessage),
        ("MSH", .truncatedSegment),
        ("MSH|^~\\&|a\rPI|x\r", .badSegmentID),
        ("MSH|^~\\&|a\rpid|x\r", .badSegmentID),
        ("MSH|^~\\&|a\rMSH|^~\\&|b\r", .multipleMessages),
        ("MSH|^~\\&|a\rBTS|1\r", .batchStructure),
    ])
    func malformedInputGetsTypedError(text: String, code: HL7Error.Code) {
        #expect {
            try Message(parsing: text)
        } throws: { error in
            (error as? HL7Error)?.code == code
        }
    }

    @Test func oversizedInputIsRefused() {
        #expect {
            try Message(parsing: adt, options: .init(maximumSize: 100))
        } throws: { ($0 as? HL7Error)?.code == .oversized }
    }

    @Test func errorsMapToTable0357() {
        #expect(HL7Error(.requiredFieldMissing, "x").table0357.rawValue == 101)
        #expect(HL7Error(.dataType, "x").table0357.rawValue == 102)
        #expect(HL7Error(.tableValueNotFound, "x").table0357.rawValue == 103)
        #expect(HL7Error(.segmentSequence, "x").table0357.rawValue == 100)
        #expect(HL7Error(.unsupportedMessageType, "x").table0357.rawValue == 200)
        #expect(HL7Error(.unsupportedEventCode, "x").table0357.rawValue == 201)
        #expect(HL7Error(.unsupportedVersion, "x").table0357.rawValue == 203)
        #expect(HL7Error(.applicationInternal, "x").table0357.rawValue == 207)
        #expect(Set(HL7Error.Code.allCases.map(\.rawValue)).count == HL7Error.Code.allCases.count)
    }

    @Test func characterSets() throws {
        let latin1: [UInt8] =
            Array("MSH|^~\\&|A||||||ADT^A01|1|P|2.5|||||DE|8859/1\rPID|1||1||M".utf8) + [0xDC] + Array("LLER\r".utf8)
        let m = try Message(parsing: latin1)
        #expect(m.characterSet == .iso8859_1)
        #expect(m["PID-5"] == "MÜLLER")
        let utf8 = try Message(parsing: "MSH|^~\\&|A||||||ADT^A01|1|P|2.5|||||DE|UNICODE UTF-8\rPID|1||1||MÜLLER\r")
        #expect(utf8.characterSet == .utf8)
        #expect(utf8["PID-5"] == "MÜLLER")
        // Undeclared and not UTF-8: read as Windows-1252 (0x96 is an en dash there).
        let cp: [UInt8] = Array("MSH|^~\\&|GHH LAB|ELAB".utf8) + [0x96] + Array("3\r".utf8)
        let c = try Message(parsing: cp)
        #expect(c["MSH-4"] == "ELAB\u{2013}3")
        #expect(c.encode() == cp, "bytes are kept as sent")
        // 8859/2: 0xA3 is Ł, 0xB1 is ą; 8859/5: 0xC1 is С (Cyrillic).
        let latin2: [UInt8] =
            Array("MSH|^~\\&|A||||||ADT^A01|1|P|2.5|||||PL|8859/2\rPID|1||1||".utf8) + [0xA3, 0xB1, 0x0D]
        let l2 = try Message(parsing: latin2)
        #expect(l2.characterSet == .iso8859(part: 2) && l2["PID-5"] == "Łą")
        #expect(HL7CharacterSet.iso8859(part: 2).encode("Łą") == [0xA3, 0xB1])
        #expect(HL7CharacterSet(msh18: "8859/5").decode([0xC1]) == "С")
        let unknown = try Message(parsing: "MSH|^~\\&|A||||||ADT^A01|1|P|2.5|||||JP|ISO IR87\r")
        #expect(throws: HL7Error.self) { try unknown.validate() }
    }

    @Test func buildingAndEditingSegments() throws {
        var m = try Message(parsing: adt)
        let pid = try #require(m.segment("PID"))
        let edited = pid.setting(19, value: "A|B^C")
        try m.replaceSegment(at: 2, with: edited)
        #expect(m["PID-19"] == "A|B^C")
        #expect(m.segment("PID")?.field(19).raw == "A\\F\\B\\S\\C")
        let z = Segment(id: "ZRS", rawFields: ["1", "", "x"])
        m.append(z)
        #expect(m.encode().suffix(9) == Array("ZRS|1||x\r".utf8))
        #expect(throws: HL7Error.self) { try Message(segments: [z]) }
    }

    @Test func batchFiles() throws {
        let file =
            "FHS|^~\\&|A\rBHS|^~\\&|A\rMSH|^~\\&|A||||||ADT^A04|1|P|2.5\rPID|1\rMSH|^~\\&|A||||||ADT^A04|2|P|2.5\rPID|2\rBTS|2\rFTS|1\r"
        let b = try Batch(parsing: Array(file.utf8))
        #expect(b.messages.count == 2)
        #expect(b.messages.map(\.controlID) == ["1", "2"])
        #expect(b.fileHeader != nil && b.fileTrailer != nil && b.groups.count == 1)
        #expect(throws: HL7Error.self) { try Batch(parsing: Array("BHS|^~\\&|A\rPID|1\rBTS|0\r".utf8)) }
        #expect(throws: HL7Error.self) {
            try Batch(parsing: Array("BHS|^~\\&|A\rMSH|^~\\&|A||||||ADT^A04|1|P|2.5\rBHS|^~\\&|A\r".utf8))
        }
    }

    @Test func validationNamesTheProblem() throws {
        let noType = try Message(parsing: "MSH|^~\\&|A|B|C|D|2008||| 1|P|2.5\r")
        #expect {
            try noType.validate()
        } throws: { e in
            let e = e as? HL7Error
            return e?.code == .requiredFieldMissing && e?.location?.field == 9
        }
        let noEVN = try Message(parsing: "MSH|^~\\&|A|B|C|D|2008||ADT^A01^ADT_A01|1|P|2.5\rPID|1\rPV1|1\r")
        #expect {
            try noEVN.validate()
        } throws: { e in
            (e as? HL7Error)?.code == .segmentSequence && (e as? HL7Error)?.location?.segmentID == "EVN"
        }
        let badEscape = try Message(parsing: "MSH|^~\\&|A|B|C|D|2008||ADT^A01|1|P|2.5\rEVN|A01\rPID|1||\\Q\\\rPV1|1\r")
        #expect(throws: HL7Error.self) { try badEscape.validate() }
        try Message(parsing: adt).validate()
        let omi = try Message(parsing: "MSH|^~\\&|A|B|C|D|2008||OMI^O23^OMI_O23|1|P|2.5.1\rPID|1\rORC|NW\rOBR|1\r")
        #expect {
            try omi.validate()
        } throws: { ($0 as? HL7Error)?.location?.segmentID == "IPC" }
        let oruNoPID = try Message(parsing: "MSH|^~\\&|A|B|C|D|2008||ORU^R01|1|P|2.5.1\rOBR|1\rOBX|1|TX\r")
        try oruNoPID.validate()
    }
}
