import NIOCore

/// Frames PDUs from the byte stream, PS3.8 §9.3.1. The declared length is checked against
/// `maximumPDULength` before anything is buffered, so a peer declaring 4 GB cannot make us
/// allocate it: it gets `pduTooLong`, which the upper layer answers with A-ABORT.
///
/// A P-DATA-TF longer than `streamingThreshold` is not buffered whole: its presentation data
/// values are passed on in pieces of at least that size as they arrive, each as a P-DATA-TF of
/// one value whose last-fragment bit is set only on the piece that ends a value marked last
/// (PS3.8 Annex E.2). Data set and command fragments may be split anywhere (PS3.8 §9.3.5.1), so
/// the association reassembles these exactly as it does the peer's own fragments, and what one
/// association holds stays near the threshold whatever maximum length was negotiated.
public struct PDUDecoder: ByteToMessageDecoder, Sendable {
    public typealias InboundOut = PDU

    /// The largest PDU body accepted (for P-DATA-TF this is our advertised maximum length;
    /// association PDUs are capped at the same figure).
    public let maximumPDULength: Int
    /// P-DATA-TF PDUs longer than this are passed on in pieces.
    public let streamingThreshold: Int

    /// Where we are inside a P-DATA-TF being passed on in pieces.
    private struct Streaming: Sendable {
        /// Bytes of the PDU body not yet read (item headers included).
        var pduRemaining: Int
        /// The value being read, if its item header has been read.
        var value: (contextID: UInt8, header: PresentationDataValue.MessageControlHeader, remaining: Int)?
    }

    private var streaming: Streaming?

    public init(maximumPDULength: Int, streamingThreshold: Int = 262_144) {
        self.maximumPDULength = maximumPDULength
        self.streamingThreshold = max(streamingThreshold, 1)
    }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        if streaming != nil { return try decodePiece(context: context, buffer: &buffer) }
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
        let whole = buffer.readableBytes >= 6 + Int(length)
        if !whole, type == PDUType.dataTF.rawValue, Int(length) > streamingThreshold {
            buffer.moveReaderIndex(forwardBy: 6)
            streaming = Streaming(pduRemaining: Int(length), value: nil)
            return .continue
        }
        guard whole else { return .needMoreData }
        buffer.moveReaderIndex(forwardBy: 6)
        guard let slice = buffer.readSlice(length: Int(length)) else { return .needMoreData }
        context.fireChannelRead(Self.wrapInboundOut(try PDU.decode(type: type, body: Self.ownCopy(of: slice, context))))
        return .continue
    }

    /// The next piece of a P-DATA-TF being passed on: an item header, or value bytes once at
    /// least `streamingThreshold` of them (or the rest of the value) have arrived.
    private mutating func decodePiece(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws
        -> DecodingState
    {
        guard var state = streaming else { return .continue }
        guard let value = state.value else {
            if state.pduRemaining == 0 {
                streaming = nil
                return .continue
            }
            // Fewer bytes left in the PDU than an item header needs is refused now, not after
            // waiting for bytes of the next PDU.
            guard state.pduRemaining < 6 || buffer.readableBytes >= 6 else { return .needMoreData }
            let item = try buffer.readPDVItemHeader(pduBytesLeft: state.pduRemaining)
            state.pduRemaining -= 6 + item.valueLength
            state.value = (item.contextID, item.header, item.valueLength)
            streaming = state
            // An empty value is passed on at once, as a whole PDU would carry it.
            if item.valueLength == 0 { return try decodePiece(context: context, buffer: &buffer) }
            return .continue
        }
        let count = min(buffer.readableBytes, value.remaining)
        guard count >= min(value.remaining, streamingThreshold), let slice = buffer.readSlice(length: count)
        else { return .needMoreData }
        let remaining = value.remaining - count
        state.value = remaining == 0 ? nil : (value.contextID, value.header, remaining)
        streaming = state
        let piece = PresentationDataValue(
            presentationContextID: value.contextID,
            header: .init(isCommand: value.header.isCommand, isLast: value.header.isLast && remaining == 0),
            data: Self.ownCopy(of: slice, context))
        context.fireChannelRead(Self.wrapInboundOut(.dataTF(PDataTF(values: [piece]))))
        return .continue
    }

    /// The bytes copied into a buffer of their own. A slice would keep the whole cumulation buffer
    /// alive for as long as the PDU's data is in use (a P-DATA-TF value travels on to the store
    /// handler), so `ByteToMessageHandler` could neither compact nor append in place: every later
    /// read and every compaction would copy the cumulation (copy-on-write), and with many
    /// associations those pinned storages add up.
    private static func ownCopy(of slice: ByteBuffer, _ context: ChannelHandlerContext) -> ByteBuffer {
        var body = context.channel.allocator.buffer(capacity: slice.readableBytes)
        body.writeImmutableBuffer(slice)
        return body
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
