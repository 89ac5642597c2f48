import Testing

@testable import HL7

@Suite struct BuilderTests {
    let now = DTM(year: 2024, month: 2, day: 1, hour: 9, minute: 30, second: 0, utcOffsetMinutes: 60)

    @Test func ackAcceptGolden() throws {
        let original = try Message(
            parsing: "MSH|^~\\&|HIS|HOSP|RIS|RAD|20240131143000||ADT^A01^ADT_A01|MSG1|P|2.5.1\rEVN|A01\rPID|1\rPV1|1\r")
        let ack = ACK.make(for: original, code: .AA, controlID: "ACK1", timestamp: now)
        let expected = "MSH|^~\\&|RIS|RAD|HIS|HOSP|20240201093000+0100||ACK^A01^ACK|ACK1|P|2.5.1\rMSA|AA|MSG1\r"
        #expect(String(decoding: ack.encode(), as: UTF8.self) == expected)
        #expect(ack.acknowledgmentCode == .AA)
    }

    @Test func ackErrorGolden() throws {
        let original = try Message(
            parsing: "MSH|^~\\&|HIS|HOSP|RIS|RAD|20240131143000||ORM^O01|MSG2|P|2.5.1\rPID|1\rORC|NW\r")
        let error = AcknowledgmentError(
            condition: .requiredFieldMissing, location: ErrorLocation(segmentID: "PID", field: 3, component: 1),
            applicationErrorCode: "LB-17", diagnosticInformation: "PID-3 patient identifier | missing",
            userMessage: "No patient identifier")
        let ack = ACK.make(for: original, code: .AE, controlID: "ACK2", timestamp: now, errors: [error])
        let text = String(decoding: ack.encode(), as: UTF8.self)
        let expected =
            "MSH|^~\\&|RIS|RAD|HIS|HOSP|20240201093000+0100||ACK^O01^ACK|ACK2|P|2.5.1\r"
            + "MSA|AE|MSG2|PID-3 patient identifier \\F\\ missing\r"
            + "ERR||PID^1^3^1^1|101^Required field missing^HL70357|E|LB-17||PID-3 patient identifier \\F\\ missing|No patient identifier\r"
        #expect(text == expected)
        let err = try #require(try ack.first(ERR.self))
        #expect(err.condition == .requiredFieldMissing)
        #expect(err.errorLocations.first == ErrorLocation(segmentID: "PID", field: 3, fieldRepetition: 1, component: 1))
        #expect(err.severity == "E")
    }

    @Test func enhancedModeAndLegacyVersions() throws {
        let v23 = try Message(parsing: "MSH|^~\\&|A|B|C|D|2024||ADT^A08|X9|P|2.3\r")
        let ack = ACK.make(
            for: v23, code: .CR, controlID: "1", timestamp: now,
            errors: [
                AcknowledgmentError(
                    HL7Error(
                        .unsupportedEventCode, "A08 not taken",
                        location: ErrorLocation(segmentID: "MSH", field: 9, component: 2)))
            ])
        #expect(ack.acknowledgmentCode == .CR)
        #expect(ack["MSH-9"] == "ACK^A08")
        #expect(ack["MSH-12"] == "2.3")
        #expect(ack["ERR-1"] == "MSH^1^9^201&Unsupported event code&HL70357", "ERR-1 ELD for pre-2.5 receivers")
        #expect(ack["ERR-3.1"] == "201")
    }

    @Test func suggestedAcknowledgmentCodes() throws {
        #expect(HL7Error(.requiredFieldMissing, "x").acknowledgmentCode() == .AE)
        #expect(HL7Error(.unsupportedMessageType, "x").acknowledgmentCode() == .AR)
        #expect(HL7Error(.badEncodingCharacters, "x").acknowledgmentCode() == .AR)
        #expect(HL7Error(.dataType, "x").acknowledgmentCode(enhancedMode: true) == .CE)
        #expect(HL7Error(.unsupportedVersion, "x").acknowledgmentCode(enhancedMode: true) == .CR)
        #expect(
            try Message(parsing: "MSH|^~\\&|A|B|C|D|2024||ADT^A01|1|P|2.5.1|||AL|NE\r").requestsEnhancedAcknowledgment)
        #expect(try !Message(parsing: "MSH|^~\\&|A|B|C|D|2024||ADT^A01|1|P|2.5.1\r").requestsEnhancedAcknowledgment)
    }

    @Test func ackKeepsSenderDelimiters() throws {
        let original = try Message(parsing: "MSH$%~\\&$GHH LAB$F1$RIS$F2$2024$$ADT%A04$C1$P$2.4\r")
        let ack = ACK.make(for: original, code: .AA, controlID: "A", timestamp: now)
        #expect(String(decoding: ack.encode(), as: UTF8.self).hasPrefix("MSH$%~\\&$RIS$F2$GHH LAB$F1$"))
        #expect(ack["MSA-2"] == "C1")
        #expect(ack["MSH-9.1"] == "ACK")
    }

    @Test func ackOfV27MessageKeepsTruncationCharacter() throws {
        let original = try Message(parsing: "MSH|^~\\&#|A|B|C|D|2024||ADT^A04^ADT_A01|Q1|T|2.7\r")
        let ack = ACK.make(for: original, code: .AA, controlID: "Z", timestamp: now)
        #expect(ack["MSH-2"] == "^~\\&#" && ack["MSH-11"] == "T" && ack["MSH-12"] == "2.7")
        #expect(ack.header.setting(1, raw: "x") == ack.header, "delimiter fields cannot be overwritten")
        #expect(ack.header.setting(0, raw: "x") == ack.header)
    }

    @Test func rejectUnparseableInput() throws {
        let raw = Array("MSH|^~\\&|HIS|HOSP|RIS|RAD|2024||ADT^A01|M77|P|2.5\rPI|broken\r".utf8)
        var thrown: HL7Error?
        do { _ = try Message(parsing: raw) } catch { thrown = error }
        let error = try #require(thrown)
        let nak = ACK.reject(raw: raw, error: error, controlID: "N1", timestamp: now)
        #expect(nak["MSA-1"] == "AR" && nak["MSA-2"] == "M77")
        #expect(nak["MSH-3"] == "RIS" && nak["MSH-5"] == "HIS")
        #expect(nak["ERR-3.1"] == "100")
        #expect(nak["ERR-5"] == error.code.rawValue)
        let garbage = ACK.reject(
            raw: [0x00, 0xFF], error: HL7Error(.missingMSH, "no MSH"), controlID: "N2", timestamp: now)
        #expect(garbage["MSA-1"] == "AR" && garbage["MSH-12"] == "2.5.1")
        #expect(try Message(parsing: garbage.encode()) == garbage)
    }

    @Test func oruR01Golden() throws {
        let header = ORUR01.Header(
            sendingApplication: HD(namespaceID: "LIGHTBOX"), sendingFacility: HD(namespaceID: "RAD"),
            receivingApplication: HD(namespaceID: "EHR"), controlID: "R1", timestamp: now)
        let report = ORUR01.Report(
            patientIdentifiers: [
                CX(idNumber: "4711", assigningAuthority: HD(namespaceID: "HOSP"), identifierTypeCode: "MR")
            ],
            patientNames: [XPN(familyName: "Doe", givenName: "Jane")],
            dateOfBirth: DTM(year: 1980, month: 2, day: 29, precision: .day), administrativeSex: "F",
            placerOrderNumber: EI(entityIdentifier: "PL1", namespaceID: "HIS"),
            fillerOrderNumber: EI(entityIdentifier: "FL1", namespaceID: "LIGHTBOX"),
            universalServiceIdentifier: CE(identifier: "CTHEAD", text: "CT head"),
            observationDateTime: DTM(year: 2024, month: 2, day: 1, hour: 8, minute: 0, precision: .minute),
            accessionNumber: "ACC1",
            principalResultInterpreter: XCN(idNumber: "R1", familyName: "Reader", givenName: "Rita"),
            resultStatus: .final, text: "Findings: no bleed | clear.\nImpression: normal.")
        let m = ORUR01.make(header: header, report: report)
        let expected =
            "MSH|^~\\&|LIGHTBOX|RAD|EHR||20240201093000+0100||ORU^R01^ORU_R01|R1|P|2.5.1|||AL|NE||UNICODE UTF-8\r"
            + "PID|1||4711^^^HOSP^MR||Doe^Jane||19800229|F\r"
            + "ORC|RE|PL1^HIS|FL1^LIGHTBOX||CM\r"
            + "OBR|1|PL1^HIS|FL1^LIGHTBOX|CTHEAD^CT head|||202402010800|||||||||||ACC1||||20240201093000+0100||RAD|F|||||||R1&Reader&Rita\r"
            + "OBX|1|TX|18782-3^Radiology Study observation (narrative)^LN||Findings: no bleed \\F\\ clear.||||||F\r"
            + "OBX|2|TX|18782-3^Radiology Study observation (narrative)^LN||Impression: normal.||||||F\r"
        #expect(String(decoding: m.encode(), as: UTF8.self) == expected)
        let reparsed = try Message(parsing: m.encode())
        try reparsed.validate()
        let obxs = try reparsed.all(OBX.self)
        #expect(obxs.map(\.valueText) == ["Findings: no bleed | clear.", "Impression: normal."])
        #expect(try reparsed.first(OBR.self)?.principalResultInterpreter?.familyName == "Reader")
        #expect(try reparsed.first(PID.self)?.patientIdentifierList.first?.assigningAuthority?.namespaceID == "HOSP")
    }

    @Test func oruLatin1Output() throws {
        let header = ORUR01.Header(
            sendingApplication: HD(namespaceID: "LB"), controlID: "R2", timestamp: now, characterSet: .iso8859_1)
        let report = ORUR01.Report(
            patientIdentifiers: [CX(idNumber: "1")], universalServiceIdentifier: CE(identifier: "X"),
            resultStatus: .preliminary,
            text: "Größe normal")
        let bytes = ORUR01.make(header: header, report: report).encode()
        #expect(bytes.contains(0xF6) && !bytes.contains(0xC3), "ö written as one Latin-1 byte")
        let back = try Message(parsing: bytes)
        #expect(back["OBX-5"] == "Größe normal" && back["OBR-25"] == "P" && back["OBX-11"] == "P")
    }
}
