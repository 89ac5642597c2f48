import NIOCore
import NIOEmbedded
import Testing

@testable import DICOMNetwork

/// PDU framing, and P-DATA-TF PDUs above the streaming threshold passed on in pieces.
@Suite struct PDUDecoderTests {
    static let threshold = 65_536

    func makeChannel(maximum: Int = 1 << 20) throws -> EmbeddedChannel {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(
            ByteToMessageHandler(PDUDecoder(maximumPDULength: maximum, streamingThreshold: Self.threshold)))
        return channel
    }

    /// A P-DATA-TF with the given values, encoded.
    func encoded(_ values: [PresentationDataValue]) throws -> [UInt8] {
        var buffer = ByteBuffer()
        try PDU.dataTF(PDataTF(values: values)).encode(into: &buffer)
        return Array(buffer.readableBytesView)
    }

    func value(_ count: Int, seed: UInt8, command: Bool = false, last: Bool = true) -> PresentationDataValue {
        PresentationDataValue(
            presentationContextID: 3, header: .init(isCommand: command, isLast: last),
            data: ByteBuffer(bytes: (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31) &+ seed }))
    }

    /// Feeds the bytes in writes of `step` and collects every PDU passed on.
    func feed(_ bytes: [UInt8], step: Int, into channel: EmbeddedChannel) throws -> [PDU] {
        var pdus: [PDU] = []
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + step, bytes.count)
            try channel.writeInbound(ByteBuffer(bytes: bytes[offset..<end]))
            while let pdu = try channel.readInbound(as: PDU.self) { pdus.append(pdu) }
            offset = end
        }
        return pdus
    }

    /// The values of P-DATA-TF PDUs, in order.
    func values(_ pdus: [PDU]) -> [PresentationDataValue] {
        pdus.flatMap { pdu -> [PresentationDataValue] in
            guard case .dataTF(let tf) = pdu else {
                Issue.record("not a P-DATA-TF: \(pdu)")
                return []
            }
            return tf.values
        }
    }

    @Test func largePDataArrivingInPiecesIsPassedOnInPieces() throws {
        let channel = try makeChannel()
        let command = value(90, seed: 1, command: true)
        let data = value(700_000, seed: 2, last: true)
        let wire = try encoded([command, data])
        let release: [UInt8] = [0x05, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00]
        let pdus = try feed(wire + release, step: 10_000, into: channel)
        #expect(pdus.last == .releaseRQ, "framing resumes after the streamed PDU")
        let pieces = values(pdus.dropLast())
        // The command value is passed on whole, the data value in pieces of at least the threshold.
        #expect(pieces.first == command)
        let dataPieces = pieces.dropFirst()
        #expect(dataPieces.count > 2)
        #expect(dataPieces.dropLast().allSatisfy { $0.data.readableBytes >= Self.threshold && !$0.header.isLast })
        #expect(dataPieces.allSatisfy { $0.data.readableBytes < Self.threshold + 10_000 })
        #expect(dataPieces.last?.header == .init(isCommand: false, isLast: true))
        var joined = ByteBuffer()
        for piece in dataPieces {
            var bytes = piece.data
            joined.writeBuffer(&bytes)
        }
        #expect(joined == data.data)
        _ = try? channel.finish()
    }

    /// A value not marked last stays not last in every piece; an empty value is passed on as it is.
    @Test func lastBitAndEmptyValuesSurvive() throws {
        let channel = try makeChannel()
        let first = value(200_000, seed: 5, last: false)
        let empty = value(0, seed: 0, last: false)
        let tail = value(100, seed: 6, last: true)
        let pieces = values(try feed(try encoded([first, empty, tail]), step: 4_096, into: channel))
        #expect(pieces.filter { $0.header.isLast } == [tail])
        #expect(pieces.contains(empty))
        #expect(pieces.dropLast().allSatisfy { !$0.header.isLast })
        _ = try? channel.finish()
    }

    @Test func largePDataArrivingWholeIsOnePDU() throws {
        let channel = try makeChannel()
        let values = [value(90, seed: 1, command: true), value(300_000, seed: 2)]
        let pdus = try feed(try encoded(values), step: 1 << 20, into: channel)
        #expect(pdus == [.dataTF(PDataTF(values: values))])
        _ = try? channel.finish()
    }

    /// An item longer than what is left of its PDU is refused as soon as its header arrives.
    @Test func streamedItemOverrunningItsPDUIsMalformed() throws {
        var wire = try encoded([value(200_000, seed: 3)])
        // Item length (bytes 6-9 of the PDU) raised past the PDU's own length.
        wire.replaceSubrange(6..<10, with: [0x00, 0x04, 0x00, 0x00])
        try expectMalformedPDU(Array(wire.prefix(20_000)), step: 20_000, "an overrunning item was accepted")
    }

    /// Bytes left in a streamed PDU after its last item, too few for another item header, are
    /// refused when the item ends, without waiting for more.
    @Test func streamedPDUWithTrailingBytesIsMalformed() throws {
        var wire = try encoded([value(200_000, seed: 7)])
        // PDU length (bytes 2-5, big endian) raised by 3, and 3 stray bytes after the item.
        let length = UInt32(wire.count - 6 + 3)
        wire.replaceSubrange(2..<6, with: withUnsafeBytes(of: length.bigEndian, Array.init))
        wire += [0x01, 0x02, 0x03]
        try expectMalformedPDU(wire, step: 50_000, "trailing bytes in a streamed P-DATA-TF were accepted")
    }

    /// Feeds the bytes to a fresh decoder and expects `malformedPDU` before they run out.
    func expectMalformedPDU(_ bytes: [UInt8], step: Int, _ accepted: Comment) throws {
        let channel = try makeChannel()
        do {
            _ = try feed(bytes, step: step, into: channel)
            Issue.record(accepted)
        } catch let error as DICOMNetworkError {
            #expect(error.code == .malformedPDU)
        }
        _ = try? channel.finish()
    }

    @Test func pDataUpToTheThresholdIsNeverSplit() throws {
        let channel = try makeChannel()
        let values = [value(Self.threshold - 12, seed: 4)]
        let pdus = try feed(try encoded(values), step: 1_000, into: channel)
        #expect(pdus == [.dataTF(PDataTF(values: values))])
        _ = try? channel.finish()
    }
}
