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
            throw Self.unrecognized(type: type, next: buffer.getInteger(at: buffer.readerIndex + 1, as: UInt8.self))
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

    /// The error for a first byte that is no PDU type. A TLS record (RFC 8446 §5.1: content type
    /// 0x14-0x17, then protocol version major 3) means a TLS peer on a plain port, or a plain
    /// peer answered by a TLS port's alert: said by name, since "unknown PDU type 0x16" leaves
    /// whoever configured the two ends guessing.
    static func unrecognized(type: UInt8, next: UInt8?) -> DICOMNetworkError {
        let hex = "0x" + String(type, radix: 16)
        if (0x14...0x17).contains(type), next == 0x03 {
            return DICOMNetworkError(
                .unrecognizedPDU, "peer sent TLS (record type \(hex)): is this a TLS port? (PS3.15 Annex B)")
        }
        return DICOMNetworkError(.unrecognizedPDU, "unknown PDU type \(hex)")
    }

    public mutating func decodeLast(
        context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool
    ) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}
