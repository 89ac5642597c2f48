import NIOCore
import Testing

@testable import DICOMNetwork

/// Golden bytes and element lists for the DIMSE messages of PS3.7 §9.3 and §10.3.
@Suite struct CommandSetTests {
    @Test func cEchoRQGoldenBytes() throws {
        let expected: [UInt8] =
            [0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x38, 0x00, 0x00, 0x00]
            + [0x00, 0x00, 0x02, 0x00, 0x12, 0x00, 0x00, 0x00] + ascii("1.2.840.10008.1.1") + [0x00]
            + [0x00, 0x00, 0x00, 0x01, 0x02, 0x00, 0x00, 0x00, 0x30, 0x00]
            + [0x00, 0x00, 0x10, 0x01, 0x02, 0x00, 0x00, 0x00, 0x01, 0x00]
            + [0x00, 0x00, 0x00, 0x08, 0x02, 0x00, 0x00, 0x00, 0x01, 0x01]
        let rq = CommandSet.cEchoRQ(messageID: 1)
        #expect(Array(try rq.encoded().readableBytesView) == expected)
        let decoded = try CommandSet.decode(ByteBuffer(bytes: expected))
        #expect(decoded.commandField == .cEchoRQ)
        #expect(decoded.messageID == 1)
        #expect(decoded.hasDataSet == false)
    }

    @Test func cEchoRSPGoldenBytes() throws {
        let rsp = CommandSet.cEchoRSP(to: .cEchoRQ(messageID: 7))
        let expected: [UInt8] =
            [0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x42, 0x00, 0x00, 0x00]
            + [0x00, 0x00, 0x02, 0x00, 0x12, 0x00, 0x00, 0x00] + ascii("1.2.840.10008.1.1") + [0x00]
            + [0x00, 0x00, 0x00, 0x01, 0x02, 0x00, 0x00, 0x00, 0x30, 0x80]
            + [0x00, 0x00, 0x20, 0x01, 0x02, 0x00, 0x00, 0x00, 0x07, 0x00]
            + [0x00, 0x00, 0x00, 0x08, 0x02, 0x00, 0x00, 0x00, 0x01, 0x01]
            + [0x00, 0x00, 0x00, 0x09, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00]
        #expect(Array(try rsp.encoded().readableBytesView) == expected)
    }

    @Test func cStoreRQGoldenBytes() throws {
        let rq = CommandSet.cStoreRQ(
            messageID: 2, sopClassUID: "1.2.3", sopInstanceUID: "4.5", priority: .high,
            moveOriginatorAETitle: "MOVER", moveOriginatorMessageID: 9)
        let expected: [UInt8] =
            [0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x5A, 0x00, 0x00, 0x00]
            + [0x00, 0x00, 0x02, 0x00, 0x06, 0x00, 0x00, 0x00] + ascii("1.2.3") + [0x00]
            + [0x00, 0x00, 0x00, 0x01, 0x02, 0x00, 0x00, 0x00, 0x01, 0x00]
            + [0x00, 0x00, 0x10, 0x01, 0x02, 0x00, 0x00, 0x00, 0x02, 0x00]
            + [0x00, 0x00, 0x00, 0x07, 0x02, 0x00, 0x00, 0x00, 0x01, 0x00]
            + [0x00, 0x00, 0x00, 0x08, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00]
            + [0x00, 0x00, 0x00, 0x10, 0x04, 0x00, 0x00, 0x00] + ascii("4.5") + [0x00]
            + [0x00, 0x00, 0x30, 0x10, 0x06, 0x00, 0x00, 0x00] + ascii("MOVER ")
            + [0x00, 0x00, 0x31, 0x10, 0x02, 0x00, 0x00, 0x00, 0x09, 0x00]
        #expect(Array(try rq.encoded().readableBytesView) == expected)
    }

    typealias E = CommandSet.Element

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var command: CommandSet
        var expected: [E: CommandSet.Value]
        var testDescription: String { name }
    }

    static let rq = CommandSet.cFindRQ(messageID: 5, sopClassUID: "1.2.840.10008.5.1.4.1.2.2.1")
    static let cases: [Case] = [
        Case(
            name: "C-FIND-RQ", command: rq,
            expected: [
                .commandField: .uint16(0x0020), .messageID: .uint16(5), .priority: .uint16(0),
                .commandDataSetType: .uint16(0), .affectedSOPClassUID: .uid("1.2.840.10008.5.1.4.1.2.2.1"),
            ]),
        Case(
            name: "C-FIND-RSP pending", command: .cFindRSP(to: rq, status: .pending),
            expected: [
                .commandField: .uint16(0x8020), .messageIDBeingRespondedTo: .uint16(5), .status: .uint16(0xFF00),
                .commandDataSetType: .uint16(0), .affectedSOPClassUID: .uid("1.2.840.10008.5.1.4.1.2.2.1"),
            ]),
        Case(
            name: "C-FIND-RSP final", command: .cFindRSP(to: rq, status: .success),
            expected: [
                .commandField: .uint16(0x8020), .messageIDBeingRespondedTo: .uint16(5), .status: .uint16(0),
                .commandDataSetType: .uint16(0x0101), .affectedSOPClassUID: .uid("1.2.840.10008.5.1.4.1.2.2.1"),
            ]),
        Case(
            name: "C-MOVE-RQ",
            command: .cMoveRQ(messageID: 3, sopClassUID: "1.2.840.10008.5.1.4.1.2.2.2", destination: "DEST"),
            expected: [
                .commandField: .uint16(0x0021), .messageID: .uint16(3), .priority: .uint16(0),
                .commandDataSetType: .uint16(0),
                .affectedSOPClassUID: .uid("1.2.840.10008.5.1.4.1.2.2.2"), .moveDestination: .text("DEST"),
            ]),
        Case(
            name: "C-GET-RQ",
            command: .cGetRQ(messageID: 4, sopClassUID: "1.2.840.10008.5.1.4.1.2.2.3", priority: .low),
            expected: [
                .commandField: .uint16(0x0010), .messageID: .uint16(4), .priority: .uint16(2),
                .commandDataSetType: .uint16(0),
                .affectedSOPClassUID: .uid("1.2.840.10008.5.1.4.1.2.2.3"),
            ]),
        Case(
            name: "C-MOVE-RSP pending",
            command: .retrieveRSP(
                to: .cMoveRQ(messageID: 3, sopClassUID: "1.2", destination: "D"), status: .pending,
                counts: .init(remaining: 4, completed: 1, failed: 0, warning: 0)),
            expected: [
                .commandField: .uint16(0x8021), .messageIDBeingRespondedTo: .uint16(3), .status: .uint16(0xFF00),
                .commandDataSetType: .uint16(0x0101), .affectedSOPClassUID: .uid("1.2"),
                .numberOfRemainingSuboperations: .uint16(4), .numberOfCompletedSuboperations: .uint16(1),
                .numberOfFailedSuboperations: .uint16(0), .numberOfWarningSuboperations: .uint16(0),
            ]),
        Case(
            name: "C-GET-RSP final",
            command: .retrieveRSP(
                to: .cGetRQ(messageID: 8, sopClassUID: "1.2"), status: .subOperationsCompleteWithFailures,
                counts: .init(remaining: 0, completed: 3, failed: 1, warning: 0)),
            expected: [
                .commandField: .uint16(0x8010), .messageIDBeingRespondedTo: .uint16(8), .status: .uint16(0xB000),
                .commandDataSetType: .uint16(0x0101), .affectedSOPClassUID: .uid("1.2"),
                .numberOfCompletedSuboperations: .uint16(3), .numberOfFailedSuboperations: .uint16(1),
                .numberOfWarningSuboperations: .uint16(0),
            ]),
        Case(
            name: "C-CANCEL-RQ", command: .cCancelRQ(messageIDBeingRespondedTo: 5),
            expected: [
                .commandField: .uint16(0x0FFF), .messageIDBeingRespondedTo: .uint16(5),
                .commandDataSetType: .uint16(0x0101),
            ]),
        Case(
            name: "C-STORE-RSP",
            command: .cStoreRSP(
                to: .cStoreRQ(messageID: 2, sopClassUID: "1.2", sopInstanceUID: "3.4"), status: .success),
            expected: [
                .commandField: .uint16(0x8001), .messageIDBeingRespondedTo: .uint16(2), .status: .uint16(0),
                .commandDataSetType: .uint16(0x0101), .affectedSOPClassUID: .uid("1.2"),
                .affectedSOPInstanceUID: .uid("3.4"),
            ]),
        Case(
            name: "N-CREATE-RQ",
            command: .nCreateRQ(
                messageID: 1, sopClassUID: "1.2.840.10008.3.1.2.3.3", sopInstanceUID: "9.9", hasDataSet: true),
            expected: [
                .commandField: .uint16(0x0140), .messageID: .uint16(1), .commandDataSetType: .uint16(0),
                .affectedSOPClassUID: .uid("1.2.840.10008.3.1.2.3.3"), .affectedSOPInstanceUID: .uid("9.9"),
            ]),
        Case(
            name: "N-SET-RQ",
            command: .nSetRQ(messageID: 2, sopClassUID: "1.2.840.10008.3.1.2.3.3", sopInstanceUID: "9.9"),
            expected: [
                .commandField: .uint16(0x0120), .messageID: .uint16(2), .commandDataSetType: .uint16(0),
                .requestedSOPClassUID: .uid("1.2.840.10008.3.1.2.3.3"), .requestedSOPInstanceUID: .uid("9.9"),
            ]),
        Case(
            name: "N-GET-RQ",
            command: .nGetRQ(messageID: 3, sopClassUID: "1.2", sopInstanceUID: "9.9", attributes: [0x0010_0010]),
            expected: [
                .commandField: .uint16(0x0110), .messageID: .uint16(3), .commandDataSetType: .uint16(0x0101),
                .requestedSOPClassUID: .uid("1.2"), .requestedSOPInstanceUID: .uid("9.9"),
                .attributeIdentifierList: .tags([0x0010_0010]),
            ]),
        Case(
            name: "N-ACTION-RQ",
            command: .nActionRQ(
                messageID: 4, sopClassUID: "1.2.840.10008.1.20.1", sopInstanceUID: "1.2.840.10008.1.20.1.1",
                actionTypeID: 1, hasDataSet: true),
            expected: [
                .commandField: .uint16(0x0130), .messageID: .uint16(4), .commandDataSetType: .uint16(0),
                .requestedSOPClassUID: .uid("1.2.840.10008.1.20.1"),
                .requestedSOPInstanceUID: .uid("1.2.840.10008.1.20.1.1"),
                .actionTypeID: .uint16(1),
            ]),
        Case(
            name: "N-EVENT-REPORT-RQ",
            command: .nEventReportRQ(
                messageID: 5, sopClassUID: "1.2.840.10008.1.20.1", sopInstanceUID: "1.2.840.10008.1.20.1.1",
                eventTypeID: 2, hasDataSet: true),
            expected: [
                .commandField: .uint16(0x0100), .messageID: .uint16(5), .commandDataSetType: .uint16(0),
                .affectedSOPClassUID: .uid("1.2.840.10008.1.20.1"),
                .affectedSOPInstanceUID: .uid("1.2.840.10008.1.20.1.1"),
                .eventTypeID: .uint16(2),
            ]),
        Case(
            name: "N-DELETE-RQ", command: .nDeleteRQ(messageID: 6, sopClassUID: "1.2", sopInstanceUID: "9.9"),
            expected: [
                .commandField: .uint16(0x0150), .messageID: .uint16(6), .commandDataSetType: .uint16(0x0101),
                .requestedSOPClassUID: .uid("1.2"), .requestedSOPInstanceUID: .uid("9.9"),
            ]),
        Case(
            name: "N-ACTION-RSP",
            command: .nResponse(
                to: .nActionRQ(
                    messageID: 4, sopClassUID: "1.2", sopInstanceUID: "9.9", actionTypeID: 1, hasDataSet: true),
                status: .success, sopInstanceUID: nil, hasDataSet: false),
            expected: [
                .commandField: .uint16(0x8130), .messageIDBeingRespondedTo: .uint16(4), .status: .uint16(0),
                .commandDataSetType: .uint16(0x0101), .affectedSOPClassUID: .uid("1.2"),
                .affectedSOPInstanceUID: .uid("9.9"),
                .actionTypeID: .uint16(1),
            ]),
    ]

    @Test(arguments: cases)
    func messageElements(_ c: Case) throws {
        var expected: [UInt16: CommandSet.Value] = [:]
        for (k, v) in c.expected { expected[k.rawValue] = v }
        #expect(c.command.elements == expected)
        // Round trip through the wire form, whose group length must equal the bytes that follow.
        let bytes = try c.command.encoded()
        let groupLength = bytes.getInteger(at: 8, endianness: .little, as: UInt32.self)
        #expect(groupLength.map(Int.init) == bytes.readableBytes - 12)
        var decoded = try CommandSet.decode(bytes)
        decoded.elements[0x0000] = nil
        #expect(decoded == c.command)
    }

    @Test func statusCategories() {
        #expect(DIMSEStatus.success.category == .success)
        #expect(DIMSEStatus(rawValue: 0xB000).category == .warning)
        #expect(DIMSEStatus(rawValue: 0x0107).category == .warning)
        #expect(DIMSEStatus(rawValue: 0xA700).category == .failure)
        #expect(DIMSEStatus(rawValue: 0xC123).category == .failure)
        #expect(DIMSEStatus(rawValue: 0x0122).category == .failure)
        #expect(DIMSEStatus.cancel.category == .cancel)
        #expect(DIMSEStatus(rawValue: 0xFF01).category == .pending)
        #expect(DIMSEStatus(rawValue: 0xFF00).isPending)
        #expect(DIMSEStatus(rawValue: 0xA801).description == "0xA801 (failure)")
    }

    @Test func commandOutsideGroupZeroIsRefused() {
        let bytes: [UInt8] = [0x08, 0x00, 0x16, 0x00, 0x02, 0x00, 0x00, 0x00, 0x31, 0x00]
        #expect(throws: DICOMNetworkError.self) { try CommandSet.decode(ByteBuffer(bytes: bytes)) }
        let overlong: [UInt8] = [0x00, 0x00, 0x00, 0x01, 0xFF, 0xFF, 0xFF, 0x7F, 0x30, 0x00]
        #expect(throws: DICOMNetworkError.self) { try CommandSet.decode(ByteBuffer(bytes: overlong)) }
    }

    @Test func undefinedLengthOrCutCommandElementIsMalformed() {
        // (0000,0100) with undefined length, then a sequence delimiter: a sequence, not a US value.
        let undefined: [UInt8] = [0x00, 0x00, 0x00, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE, 0xFF, 0xDD, 0xE0, 0, 0, 0, 0]
        let cut: [UInt8] = [0x00, 0x00, 0x00, 0x01, 0x02]
        // A value declaring more bytes than the command set holds.
        let overrun: [UInt8] = [0x00, 0x00, 0x00, 0x01, 0x04, 0x00, 0x00, 0x00, 0x30, 0x00]
        // A US element of the wrong size.
        let wide: [UInt8] = [0x00, 0x00, 0x00, 0x01, 0x04, 0x00, 0x00, 0x00, 0x30, 0x00, 0x00, 0x00]
        for bytes in [undefined, cut, overrun, wide] {
            do {
                _ = try CommandSet.decode(ByteBuffer(bytes: bytes))
                Issue.record("decoded a malformed command set \(bytes)")
            } catch {
                #expect(error.code == .malformedCommand)
            }
        }
    }

    /// What real peers send beyond the minimum: a retired group-0000 element (0000,0200) Initiator,
    /// which is skipped; UIDs and AE titles with padding on either side, which is not part of the value;
    /// a command set split over several P-DATA fragments is reassembled before decoding (covered by
    /// the association tests), so here only the element walk.
    @Test func retiredElementsAreSkippedAndPaddingTrimmed() throws {
        let bytes: [UInt8] =
            [0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]
            + [0x00, 0x00, 0x02, 0x00, 0x06, 0x00, 0x00, 0x00] + ascii("1.2.3") + [0x00]
            + [0x00, 0x00, 0x00, 0x01, 0x02, 0x00, 0x00, 0x00, 0x21, 0x00]
            + [0x00, 0x00, 0x00, 0x02, 0x06, 0x00, 0x00, 0x00] + ascii("OLDAE ")
            + [0x00, 0x00, 0x10, 0x01, 0x02, 0x00, 0x00, 0x00, 0x05, 0x00]
            + [0x00, 0x00, 0x00, 0x06, 0x08, 0x00, 0x00, 0x00] + ascii(" DEST  ")
            + [0x00]
        let decoded = try CommandSet.decode(ByteBuffer(bytes: bytes))
        #expect(decoded.commandField == .cMoveRQ)
        #expect(decoded.affectedSOPClassUID == "1.2.3")
        #expect(decoded.messageID == 5)
        #expect(decoded.moveDestination == "DEST")
        #expect(decoded.elements[0x0200] == nil)
        #expect(decoded.elements.count == 5)
    }

    /// Every message of this suite, encoded, then cut at every length and with every byte in turn
    /// overwritten by 0x00, 0x80 and 0xFF: the decoder answers each with a command set or
    /// `malformedCommand`, and never traps or reads past the end.
    @Test func mutatedCommandSetsDecodeOrAreRefused() throws {
        var refused = 0
        var decoded = 0
        for c in Self.cases {
            let wire = Array(try c.command.encoded().readableBytesView)
            var variants = (0..<wire.count).map { Array(wire.prefix($0)) }
            for index in wire.indices {
                for byte: UInt8 in [0x00, 0x80, 0xFF] where wire[index] != byte {
                    var bytes = wire
                    bytes[index] = byte
                    variants.append(bytes)
                }
            }
            for bytes in variants {
                do {
                    _ = try CommandSet.decode(ByteBuffer(bytes: bytes))
                    decoded += 1
                } catch {
                    #expect(error.code == .malformedCommand)
                    refused += 1
                }
            }
        }
        // Both outcomes occur: a changed UID byte still decodes, a changed length does not.
        #expect(refused > 0 && decoded > 0)
    }
}
