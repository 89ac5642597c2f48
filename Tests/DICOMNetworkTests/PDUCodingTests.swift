import NIOCore
import Testing

@testable import DICOMNetwork

/// Golden bytes for every PDU and item of PS3.8 §9.3, written out by hand from the tables.
@Suite struct PDUCodingTests {
    static let echoRQBytes: [UInt8] =
        [0x01, 0x00, 0x00, 0x00, 0x00, 0xA9, 0x00, 0x01, 0x00, 0x00]
        + ascii("ANY-SCP         ") + ascii("ECHOSCU         ") + [UInt8](repeating: 0, count: 32)
        + [0x10, 0x00, 0x00, 0x15] + ascii("1.2.840.10008.3.1.1.1")
        + [0x20, 0x00, 0x00, 0x2E, 0x01, 0x00, 0x00, 0x00]
        + [0x30, 0x00, 0x00, 0x11] + ascii("1.2.840.10008.1.1")
        + [0x40, 0x00, 0x00, 0x11] + ascii("1.2.840.10008.1.2")
        + [0x50, 0x00, 0x00, 0x16]
        + [0x51, 0x00, 0x00, 0x04, 0x00, 0x00, 0x40, 0x00]
        + [0x52, 0x00, 0x00, 0x05] + ascii("1.2.3")
        + [0x55, 0x00, 0x00, 0x01] + ascii("X")

    static let echoRQ = PDU.associateRQ(
        AAssociateRQ(
            calledAETitle: "ANY-SCP", callingAETitle: "ECHOSCU",
            presentationContexts: [
                PresentationContextRQ(
                    id: 1, abstractSyntax: "1.2.840.10008.1.1", transferSyntaxes: ["1.2.840.10008.1.2"])
            ],
            userInformation: UserInformation(
                maximumLength: 16384, implementationClassUID: "1.2.3", implementationVersionName: "X")))

    @Test func associateRQ() throws {
        #expect(try encode(Self.echoRQ) == Self.echoRQBytes)
        #expect(try decode(Self.echoRQBytes) == Self.echoRQ)
    }

    @Test func associateACWithPresentationContextResult() throws {
        let bytes: [UInt8] =
            [0x02, 0x00, 0x00, 0x00, 0x00, 0x86, 0x00, 0x01, 0x00, 0x00]
            + ascii("ANY-SCP         ") + ascii("ECHOSCU         ") + [UInt8](repeating: 0, count: 32)
            + [0x10, 0x00, 0x00, 0x15] + ascii("1.2.840.10008.3.1.1.1")
            + [0x21, 0x00, 0x00, 0x19, 0x01, 0x00, 0x00, 0x00]
            + [0x40, 0x00, 0x00, 0x11] + ascii("1.2.840.10008.1.2")
            + [0x50, 0x00, 0x00, 0x08, 0x51, 0x00, 0x00, 0x04, 0x00, 0x01, 0x00, 0x00]
        let pdu = PDU.associateAC(
            AAssociateAC(
                calledAETitle: "ANY-SCP", callingAETitle: "ECHOSCU",
                presentationContexts: [
                    PresentationContextAC(id: 1, result: .acceptance, transferSyntax: "1.2.840.10008.1.2")
                ],
                userInformation: UserInformation(maximumLength: 65536)))
        #expect(try encode(pdu) == bytes)
        #expect(try decode(bytes) == pdu)
    }

    @Test func rejectedPresentationContextHasEmptyTransferSyntax() throws {
        var buffer = ByteBuffer()
        try PresentationContextAC(id: 3, result: .abstractSyntaxNotSupported, transferSyntax: nil).encode(into: &buffer)
        #expect(
            Array(buffer.readableBytesView) == [0x21, 0x00, 0x00, 0x08, 0x03, 0x00, 0x03, 0x00, 0x40, 0x00, 0x00, 0x00])
    }

    @Test func associateRJ() throws {
        let bytes: [UInt8] = [0x03, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x01, 0x01, 0x07]
        let pdu = PDU.associateRJ(
            AAssociateRJ(result: .rejectedPermanent, source: .serviceUser, reason: .calledAETitleNotRecognized))
        #expect(try encode(pdu) == bytes)
        #expect(try decode(bytes) == pdu)
    }

    @Test func pDataTFWithMessageControlHeader() throws {
        let bytes: [UInt8] = [
            0x04, 0x00, 0x00, 0x00, 0x00, 0x12,
            0x00, 0x00, 0x00, 0x06, 0x01, 0x03, 0xAA, 0xBB, 0xCC, 0xDD,
            0x00, 0x00, 0x00, 0x04, 0x01, 0x00, 0xEE, 0xFF,
        ]
        let pdu = PDU.dataTF(
            PDataTF(values: [
                PresentationDataValue(
                    presentationContextID: 1, header: .init(isCommand: true, isLast: true),
                    data: ByteBuffer(bytes: [0xAA, 0xBB, 0xCC, 0xDD])),
                PresentationDataValue(
                    presentationContextID: 1, header: .init(isCommand: false, isLast: false),
                    data: ByteBuffer(bytes: [0xEE, 0xFF])),
            ]))
        #expect(try encode(pdu) == bytes)
        #expect(try decode(bytes) == pdu)
        #expect(PresentationDataValue.MessageControlHeader(byte: 0x02) == .init(isCommand: false, isLast: true))
    }

    @Test func releaseAndAbort() throws {
        #expect(try encode(.releaseRQ) == [0x05, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00])
        #expect(try encode(.releaseRP) == [0x06, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00])
        let abort: [UInt8] = [0x07, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x02, 0x06]
        #expect(try encode(.abort(AAbort(source: .serviceProvider, reason: .invalidPDUParameterValue))) == abort)
        #expect(try decode(abort) == .abort(AAbort(source: .serviceProvider, reason: .invalidPDUParameterValue)))
        #expect(try decode([0x05, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00]) == .releaseRQ)
        #expect(try decode([0x06, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00]) == .releaseRP)
    }

    @Test func userInformationSubItems() throws {
        let info = UserInformation(
            asynchronousOperationsWindow: .init(maxOperationsInvoked: 5, maxOperationsPerformed: 3),
            roleSelections: [.init(sopClassUID: "1.2.840.10008.1.1", scuRole: true, scpRole: false)],
            extendedNegotiations: [.init(sopClassUID: "1.2.3", applicationInformation: [1, 0, 1])],
            commonExtendedNegotiations: [
                .init(sopClassUID: "1.2.3", serviceClassUID: "1.2.4", relatedGeneralSOPClassUIDs: ["1.2.5"])
            ],
            userIdentityRQ: .init(
                type: .usernameAndPasscode, positiveResponseRequested: true, primaryField: ascii("user"),
                secondaryField: ascii("pass")),
            userIdentityAC: .init(serverResponse: ascii("abcd")))
        let expected: [UInt8] =
            [0x50, 0x00, 0x00, 0x66]
            + [0x53, 0x00, 0x00, 0x04, 0x00, 0x05, 0x00, 0x03]
            + [0x54, 0x00, 0x00, 0x15, 0x00, 0x11] + ascii("1.2.840.10008.1.1") + [0x01, 0x00]
            + [0x56, 0x00, 0x00, 0x0A, 0x00, 0x05] + ascii("1.2.3") + [0x01, 0x00, 0x01]
            + [0x57, 0x00, 0x00, 0x17, 0x00, 0x05] + ascii("1.2.3") + [0x00, 0x05] + ascii("1.2.4")
            + [0x00, 0x07, 0x00, 0x05] + ascii("1.2.5")
            + [0x58, 0x00, 0x00, 0x0E, 0x02, 0x01, 0x00, 0x04] + ascii("user") + [0x00, 0x04] + ascii("pass")
            + [0x59, 0x00, 0x00, 0x06, 0x00, 0x04] + ascii("abcd")
        var buffer = ByteBuffer()
        try info.encode(into: &buffer)
        #expect(Array(buffer.readableBytesView) == expected)
        #expect(try UserInformation.decode(ByteBuffer(bytes: expected.dropFirst(4))) == info)
    }

    @Test func unknownUserInformationSubItemIsKept() throws {
        let info = try UserInformation.decode(ByteBuffer(bytes: [0x5F, 0x00, 0x00, 0x02, 0x01, 0x02]))
        #expect(info.unknownItems == [.init(type: 0x5F, value: [1, 2])])
    }

    @Test func paddedUIDsAndAETitlesAreTrimmed() throws {
        var bytes = Self.echoRQBytes
        // "1.2.840.10008.1.2" abstract syntax replaced by "1.2.840.10008.1.1\0"-style padding is
        // tolerated: pad the application context with a NUL by growing the item.
        bytes =
            Array(bytes[0..<74]) + [0x10, 0x00, 0x00, 0x16] + ascii("1.2.840.10008.3.1.1.1") + [0] + Array(bytes[99...])
        bytes[5] = 0xAA
        guard case .associateRQ(let rq) = try decode(bytes) else {
            Issue.record("not an A-ASSOCIATE-RQ")
            return
        }
        #expect(rq.applicationContextName == "1.2.840.10008.3.1.1.1")
        #expect(rq.calledAETitle == "ANY-SCP")
    }

    @Test func truncatedItemIsMalformed() {
        var bytes = Self.echoRQBytes
        bytes[76] = 0x40  // application context item claims 16405 bytes
        #expect(throws: DICOMNetworkError.self) { try decode(bytes) }
        #expect(throws: DICOMNetworkError.self) { try decode([0x03, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01]) }
        #expect(throws: DICOMNetworkError.self) {
            try decode([0x04, 0x00, 0x00, 0x00, 0x00, 0x06, 0x00, 0x00, 0x00, 0x09, 0x01, 0x03])
        }
        #expect(throws: DICOMNetworkError.self) { try decode([0x09, 0x00, 0x00, 0x00, 0x00, 0x00]) }
    }
}

func ascii(_ s: String) -> [UInt8] { Array(s.utf8) }

func encode(_ pdu: PDU) throws -> [UInt8] {
    var buffer = ByteBuffer()
    try pdu.encode(into: &buffer)
    return Array(buffer.readableBytesView)
}

func decode(_ bytes: [UInt8]) throws -> PDU {
    let length = Int(bytes[2]) << 24 | Int(bytes[3]) << 16 | Int(bytes[4]) << 8 | Int(bytes[5])
    #expect(length == bytes.count - 6, "golden PDU length field")
    return try PDU.decode(type: bytes[0], body: ByteBuffer(bytes: bytes[6...]))
}
