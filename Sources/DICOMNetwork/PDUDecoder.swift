import NIOCore

/// Frames PDUs from the byte stream, PS3.8 §9.3.1. The declared length is checked against
/// `maximumPDULength` before anything is buffered, so a peer declaring 4 GB cannot make us
/// allocate it: it gets `pduTooLong`, which the upper layer answers with A-ABORT.
public struct PDUDecoder: ByteToMessageDecoder, Sendable {
    public typealias InboundOut = PDU

    /// The largest PDU body accepted (for P-DATA-TF this is our advertised maximum length;
    /// association PDUs are capped at the same figure).
    public let maximumPDULength: Int

    public init(maximumPDULength: Int) {
        self.maximumPDULength = maximumPDULength
    }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let type = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self),
            let length = buffer.getInteger(at: buffer.readerIndex + 2, as: UInt32.self)
        else { return .needMoreData }
        guard PDUType(rawValue: type) != nil else {
            throw DICOMNetworkError(.unrecognizedPDU, "unknown PDU type 0x\(String(type, radix: 16))")
        }
        guard UInt64(length) <= UInt64(maximumPDULength) else {
            throw DICOMNetworkError(
                .pduTooLong, "PDU declares \(length) bytes, the limit is \(maximumPDULength)")
        }
        guard buffer.readableBytes >= 6 + Int(length) else { return .needMoreData }
        buffer.moveReaderIndex(forwardBy: 6)
        guard let slice = buffer.readSlice(length: Int(length)) else { return .needMoreData }
        // The body is copied once into a buffer of its own. A slice would keep the whole
        // cumulation buffer alive for as long as the PDU's data is in use (a P-DATA-TF value
        // travels on to the store handler), so `ByteToMessageHandler` could neither compact nor
        // append in place: every later read and every compaction would copy the cumulation
        // (copy-on-write), and with many associations those pinned storages add up.
        var body = context.channel.allocator.buffer(capacity: slice.readableBytes)
        body.writeImmutableBuffer(slice)
        context.fireChannelRead(Self.wrapInboundOut(try PDU.decode(type: type, body: body)))
        return .continue
    }

    public mutating func decodeLast(
        context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool
    ) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}
