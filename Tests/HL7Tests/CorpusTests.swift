import Foundation
import Testing

@testable import HL7

@Suite struct CorpusTests {
    let corpus: Corpus
    init() throws { corpus = try Corpus.load() }

    @Test func everyValidMessageParsesWithTypedSegments() throws {
        let entries = corpus.hl7("hl7")
        #expect(entries.count >= 15)
        for entry in entries {
            let bytes = try corpus.bytes(entry)
            let batch = try Batch(parsing: bytes)
            #expect(!batch.messages.isEmpty, "\(entry.path)")
            for message in batch.messages {
                let msh = message.msh
                #expect(msh.messageCode != nil, "\(entry.path): MSH-9.1")
                #expect(msh.messageControlID != nil, "\(entry.path): MSH-10")
                #expect(msh.versionID != nil, "\(entry.path): MSH-12")
                // Typed reading of every segment type we model must succeed leniently.
                if let pid = try message.first(PID.self) {
                    #expect(pid.segment.id == "PID")
                }
                _ = try message.all(OBX.self)
                _ = try message.all(OBR.self)
                _ = try message.first(PV1.self)
                _ = try message.first(EVN.self)
                // Re-encoding and re-parsing is stable.
                let again = try Message(parsing: message.encode())
                #expect(again == message, "\(entry.path)")
            }
            if batch.fileHeader == nil, batch.groups.allSatisfy({ $0.header == nil && $0.trailer == nil }),
                batch.messages.count == 1, bytes.last == 0x0D
            {
                #expect(batch.messages[0].encode() == bytes, "\(entry.path) round-trips byte for byte")
            }
        }
    }

    @Test func knownValuesOfCorpusMessages() throws {
        func message(_ suffix: String) throws -> Message {
            let entry = try #require(corpus.entries.first { $0.path.hasSuffix(suffix) })
            return try Message(parsing: try corpus.bytes(entry))
        }
        let oru = try message("python-hl7/sample_hl7.hl7")
        let pid = try #require(try oru.first(PID.self))
        #expect(pid.patientIdentifierList.first?.idNumber == "555-44-4444")
        #expect(
            pid.patientNames.first
                == XPN(familyName: "EVERYWOMAN", givenName: "EVE", secondNames: "E", nameTypeCode: "L"))
        #expect(pid.dateTimeOfBirth == nil, "196203520 is not a valid date")
        #expect(throws: HL7Error.self) { try PID(pid.segment, strict: true) }
        #expect(pid.patientAddresses.first?.city == "STATESVILLE")
        let obr = try #require(try oru.first(OBR.self))
        #expect(obr.universalServiceIdentifier?.identifier == "1554-5")
        #expect(obr.placerOrderNumber == EI(entityIdentifier: "845439", namespaceID: "GHH OE"))
        // This normative-edition sample is shifted by one field from OBR-15 on (python-hl7 reads the same).
        #expect(obr.orderingProviders.isEmpty && obr.segment.field(15).component(2).value == "PRIMARY")
        #expect(obr.resultStatus == nil && obr.diagnosticServiceSectionID == "F")
        let obx = try oru.all(OBX.self)
        #expect(obx.count == 2)
        #expect(obx[0].valueType == "SN" && obx[0].units?.identifier == "mg/dl" && obx[0].abnormalFlags == ["H"])
        #expect(obx[0].observationValue.first?.component(2).value == "182")

        let adt = try message("python-hl7/sample_msh.hl7")
        let apid = try #require(try adt.first(PID.self))
        #expect(apid.patientID?.assigningAuthority?.namespaceID == "MSH_MRN")
        #expect(apid.patientIdentifierList.map(\.idNumber) == ["2148790", "162840"])
        #expect(apid.patientIdentifierList.map { $0.assigningAuthority?.namespaceID } == ["MSH_MRN", "MSH_EMPI"])
        #expect(apid.patientIdentifierList.map(\.identifierTypeCode) == ["MR", "CM"])
        #expect(apid.alternatePatientIDs.count == 3)
        #expect(apid.patientNames.first?.familyName == "RUFUSS")
        #expect(apid.dateTimeOfBirth == DTM(year: 1952, month: 11, day: 29, precision: .day))
        #expect(apid.phoneNumbersHome.map(\.useCode) == ["HOME", "ALTERNATE"])
        let pv1 = try #require(try adt.first(PV1.self))
        #expect(pv1.patientClass == "I")
        #expect(pv1.attendingDoctors.first?.familyName == "FARP")
        #expect(pv1.segment.field(9).isNull, "\"\" is HL7's explicit null")
        #expect(pv1.consultingDoctors.isEmpty && pv1.dischargeDateTime == nil)
        #expect(pv1.hospitalService == "NUR" && pv1.admitDateTime?.year == 2014)
        #expect(adt.segments("IN1").count == 3)

        let rep = try message("python-hl7/rep_sample_hl7.hl7")
        #expect(rep["PID-3.2.2"] == "Sub-Component2")
        #expect(rep["PID-4[2]"] == "Repeat2")

        let v27 = try message("hl7apy/msh_truncation_char_v27.hl7")
        #expect(v27.encoding.truncation == UInt8(ascii: "#"))
        let pid27 = try #require(try v27.first(PID.self))
        #expect(
            pid27.patientIdentifierList.first?.assigningAuthority
                == HD(namespaceID: "GATEWAY", universalID: "1.3.6.1.4.1.21367.2011.2.5.17", universalIDType: "ISO"))
        #expect(try v27.first(MSA.self)?.acknowledgmentCode == .AA)
    }

    @Test func everyEdgeMessageParses() throws {
        let entries = corpus.hl7("hl7-edge")
        #expect(entries.count >= 7)
        for entry in entries {
            let bytes = try corpus.bytes(entry)
            let batch = try Batch(parsing: bytes)
            #expect(batch.messages.count == 1, "\(entry.path)")
        }
    }

    /// Every malformed message is refused with a typed error naming the problem — by the parser, or by
    /// `validate()` for structurally readable messages — and a NAK can be built for it.
    @Test func everyMalformedMessageGetsATypedError() throws {
        let entries = corpus.hl7("hl7-malformed")
        #expect(entries.count >= 10)
        let now = DTM(year: 2024, month: 1, day: 1, hour: 0, minute: 0, second: 0)
        for entry in entries {
            let bytes = try corpus.bytes(entry)
            var found: HL7Error?
            do {
                let batch = try Batch(parsing: bytes)
                for m in batch.messages where found == nil {
                    do { try m.validate() } catch { found = error }
                }
            } catch {
                found = error
            }
            let error = try #require(found, "\(entry.path) was accepted: \(entry.exercises)")
            #expect(!error.message.isEmpty)
            let nak = ACK.reject(raw: bytes, error: error, controlID: "NAK", timestamp: now)
            #expect(nak.acknowledgmentCode == .AR)
            #expect(nak["ERR-3.1"] == String(error.table0357.rawValue), "\(entry.path)")
            let expected: [String: HL7Error.Code] = [
                "adt_a01_missing_evn.hl7": .segmentSequence, "missing_msh9.hl7": .requiredFieldMissing,
                "msh_custom_three_chars.hl7": .badEncodingCharacters, "msh_duplicate_chars.hl7": .badEncodingCharacters,
                "msh_duplicate_chars_v27.hl7": .badEncodingCharacters,
                "msh_missing_subcomponent_v27.hl7": .badEncodingCharacters,
                "msh_no_encoding_chars.hl7": .badEncodingCharacters, "msh_too_many_chars.hl7": .badEncodingCharacters,
                "msh_too_many_chars_v27.hl7": .badEncodingCharacters, "sample_bad_batch.hl7": .missingMSH,
                "sample_bad_batch1.hl7": .batchStructure, "sample_bad_file.hl7": .missingMSH,
                "sample_bad_file1.hl7": .batchStructure, "sample_bad_file2.hl7": .batchStructure,
                "sample_bad_file3.hl7": .missingMSH,
            ]
            if let code = expected[entry.url.lastPathComponent] {
                #expect(error.code == code, "\(entry.path): \(error)")
            }
        }
    }

    /// Truncating or corrupting corpus messages anywhere never crashes or hangs the parser.
    @Test func truncatedAndCorruptedInputNeverCrashes() throws {
        var generator = SystemRandomNumberGenerator()
        for entry in corpus.entries where entry.category.hasPrefix("hl7") && entry.path.hasSuffix(".hl7") {
            let bytes = try corpus.bytes(entry)
            for cut in 0...bytes.count {
                _ = try? Batch(parsing: Array(bytes[..<cut]))
                if let m = try? Message(parsing: Array(bytes[..<cut])) {
                    _ = try? m.validate()
                    _ = m["PID-3[2].4.1"]
                }
            }
            for _ in 0..<50 {
                var copy = bytes
                for _ in 0..<3 where !copy.isEmpty {
                    copy[Int.random(in: 0..<copy.count, using: &generator)] = UInt8.random(
                        in: 0...255, using: &generator)
                }
                if let m = try? Message(parsing: copy) {
                    _ = try? m.all(PID.self, strict: true)
                    _ = try? m.validate()
                    _ = m.description
                }
            }
        }
    }
}
