import NIOCore
import NIOEmbedded
import Testing

@testable import DICOMNetwork

/// The PDU framing and the protocol machine in a pipeline, driven byte by byte.
@Suite struct UpperLayerHandlerTests {
    func makeChannel(
        role: AssociationStateMachine.Role, maximum: Int = 65536, timeouts: UpperLayerHandler.Timeouts = .init()
    )
        throws -> EmbeddedChannel
    {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(PDUDecoder(maximumPDULength: maximum)))
        try channel.pipeline.syncOperations.addHandler(MessageToByteHandler(PDUEncoder()))
        try channel.pipeline.syncOperations.addHandler(UpperLayerHandler(role: role, timeouts: timeouts))
        try channel.connect(to: .init(ipAddress: "127.0.0.1", port: 104)).wait()
        return channel
    }

    func written(_ channel: EmbeddedChannel) throws -> [UInt8]? {
        guard let buffer = try channel.readOutbound(as: ByteBuffer.self) else { return nil }
        return Array(buffer.readableBytesView)
    }

    @Test func pduArrivingByteByByteIsFramed() throws {
        let channel = try makeChannel(role: .acceptor)
        for byte in PDUCodingTests.echoRQBytes {
            try channel.writeInbound(ByteBuffer(bytes: [byte]))
        }
        #expect(try channel.readInbound(as: PDU.self) == PDUCodingTests.echoRQ)
        _ = try? channel.finish()
    }

    @Test func hugeDeclaredLengthIsAbortedBeforeBuffering() throws {
        let channel = try makeChannel(role: .acceptor, maximum: 16384)
        // Only the 6-byte header arrives: the decision cannot wait for 4 GB to be buffered.
        #expect(throws: DICOMNetworkError.self) {
            try channel.writeInbound(ByteBuffer(bytes: [0x01, 0x00, 0xFF, 0xFF, 0xFF, 0xF0]))
        }
        // Sta2 + Evt19 → AA-1: A-ABORT.
        #expect(try written(channel) == [0x07, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x02, 0x06])
        _ = try? channel.finish()
    }

    @Test func unknownPDUTypeIsAborted() throws {
        let channel = try makeChannel(role: .acceptor)
        #expect(throws: DICOMNetworkError.self) {
            try channel.writeInbound(ByteBuffer(bytes: [0x47, 0x45, 0x54, 0x20, 0x2F, 0x20, 0x48, 0x54]))
        }
        #expect(try written(channel) == [0x07, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x02, 0x01])
        _ = try? channel.finish()
    }

    /// A TLS record where a PDU should start is named as TLS (a TLS client on a plain port, or a
    /// TLS port's alert to our plain client), still answered as an unrecognized PDU.
    @Test(arguments: [
        ([0x16, 0x03, 0x01, 0x00, 0xF4, 0x01, 0x00, 0x00], "0x16"),  // ClientHello
        ([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28], "0x15"),  // alert: handshake failure
    ])
    func tlsRecordOnAPlainConnectionIsNamed(bytes: [UInt8], type: String) throws {
        let channel = try makeChannel(role: .acceptor)
        #expect {
            try channel.writeInbound(ByteBuffer(bytes: bytes))
        } throws: { error in
            guard let error = error as? DICOMNetworkError else { return false }
            return error.code == .unrecognizedPDU && error.message.contains("peer sent TLS (record type \(type))")
                && error.message.contains("is this a TLS port?")
        }
        #expect(try written(channel) == [0x07, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x02, 0x01])
        _ = try? channel.finish()
    }

    @Test func unknownTypeThatIsNoTLSRecordIsNotCalledTLS() {
        // 0x16 without TLS's version byte 3 after it, and a type outside TLS's range.
        #expect(!PDUDecoder.unrecognized(type: 0x16, next: 0x00).message.contains("TLS"))
        #expect(PDUDecoder.unrecognized(type: 0x47, next: 0x03).message == "unknown PDU type 0x47")
    }

    /// The requestor's A-ASSOCIATE-RQ is written by async code that may run only after the
    /// transport already failed and closed (a reset, a TLS alert, on a loaded machine): the write
    /// fails as a closed connection naming that cause, not as "cannot send … in state Sta1".
    @Test func requestAfterTheTransportFailedCarriesTheCause() throws {
        struct HandshakeRefused: Error, CustomStringConvertible {
            var description: String { "handshake refused by the peer" }
        }
        let channel = try makeChannel(role: .requestor)
        channel.pipeline.fireErrorCaught(HandshakeRefused())
        channel.pipeline.fireChannelInactive()
        let future = channel.writeAndFlush(PDUCodingTests.echoRQ)
        #expect {
            try future.wait()
        } throws: { error in
            guard let error = error as? DICOMNetworkError else { return false }
            return error.code == .connectionClosed && error.message.contains("handshake refused by the peer")
        }
        #expect(try written(channel) == nil)
        _ = try? channel.finish()
    }

    @Test func requestAfterACleanCloseIsConnectionClosed() throws {
        let channel = try makeChannel(role: .requestor)
        channel.pipeline.fireChannelInactive()
        let future = channel.writeAndFlush(PDUCodingTests.echoRQ)
        #expect { try future.wait() } throws: { ($0 as? DICOMNetworkError)?.code == .connectionClosed }
        _ = try? channel.finish()
    }

    @Test func requestInAnOpenWrongStateIsStillAnInvalidPrimitive() throws {
        let channel = try makeChannel(role: .acceptor)
        let future = channel.writeAndFlush(PDUCodingTests.echoRQ)
        #expect { try future.wait() } throws: { ($0 as? DICOMNetworkError)?.code == .invalidPrimitive }
        _ = try? channel.finish()
    }

    @Test func pDataBeforeAssociationIsAborted() throws {
        let channel = try makeChannel(role: .acceptor)
        #expect(throws: DICOMNetworkError.self) {
            try channel.writeInbound(ByteBuffer(bytes: try encode(.releaseRQ)))
        }
        #expect(try written(channel) == [0x07, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x02, 0x02])
        _ = try? channel.finish()
    }

    @Test func artimClosesASilentConnection() throws {
        let channel = try makeChannel(role: .acceptor, timeouts: .init(artim: .seconds(5), idle: .seconds(60)))
        channel.embeddedEventLoop.advanceTime(by: .seconds(4))
        #expect(channel.isActive)
        #expect(throws: DICOMNetworkError.self) {
            channel.embeddedEventLoop.advanceTime(by: .seconds(2))
            try channel.throwIfErrorCaught()
        }
        #expect(!channel.isActive)
    }

    @Test func localPrimitiveOutOfStateIsRefused() throws {
        let channel = try makeChannel(role: .acceptor)
        // Sta2: sending P-DATA is not in the table.
        let future = channel.writeAndFlush(
            PDU.dataTF(
                PDataTF(values: [
                    .init(presentationContextID: 1, header: .init(isCommand: true, isLast: true), data: ByteBuffer())
                ])))
        #expect(throws: DICOMNetworkError.self) { try future.wait() }
        _ = try? channel.finish()
    }

    @Test func idleTimeoutAbortsEstablishedAssociation() throws {
        let channel = try makeChannel(role: .acceptor, timeouts: .init(artim: .seconds(5), idle: .seconds(30)))
        try channel.writeInbound(ByteBuffer(bytes: PDUCodingTests.echoRQBytes))
        _ = try channel.readInbound(as: PDU.self)
        try channel.writeAndFlush(
            PDU.associateAC(
                AAssociateAC(
                    calledAETitle: "A", callingAETitle: "B", presentationContexts: [], userInformation: .init()))
        ).wait()
        _ = try written(channel)
        channel.embeddedEventLoop.advanceTime(by: .seconds(31))
        #expect(throws: DICOMNetworkError.self) { try channel.throwIfErrorCaught() }
        #expect(try written(channel) == [0x07, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00])
        _ = try? channel.finish()
    }

    @Test func negotiationThenReleaseAsAcceptor() throws {
        let channel = try makeChannel(role: .acceptor)
        try channel.writeInbound(ByteBuffer(bytes: PDUCodingTests.echoRQBytes))
        #expect(try channel.readInbound(as: PDU.self) != nil)
        try channel.writeAndFlush(
            PDU.associateAC(
                AAssociateAC(
                    calledAETitle: "A", callingAETitle: "B", presentationContexts: [], userInformation: .init()))
        ).wait()
        _ = try written(channel)
        try channel.writeInbound(ByteBuffer(bytes: try encode(.releaseRQ)))
        #expect(try channel.readInbound(as: PDU.self) == .releaseRQ)
        try channel.writeAndFlush(PDU.releaseRP).wait()
        #expect(try written(channel) == (try encode(.releaseRP)))
        _ = try? channel.finish()
    }
}
