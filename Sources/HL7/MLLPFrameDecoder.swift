import NIOCore

/// Splits a byte stream into MLLP frames (HL7 MLLP release 2). Frames may arrive split over reads or several
/// in one read; bytes outside frames are skipped; a frame larger than `maximumMessageSize` is reported as
/// `.oversized` and then discarded as it streams in, so memory stays bounded by the limit.
public struct MLLPFrameDecoder: ByteToMessageDecoder {
    public typealias InboundOut = MLLPFrame

    /// How many bytes of an oversized frame are kept so the receiver can still read its MSH.
    public static let oversizedPrefixLength = 4096

    private enum State {
        case seekingStart
        case inFrame(scanned: Int)
        case discarding(received: Int)
    }

    public let maximumMessageSize: Int
    private var state: State = .seekingStart
    /// Bytes skipped outside frames, for diagnostics.
    public private(set) var skippedBytes = 0

    public init(maximumMessageSize: Int = 1 << 20) {
        self.maximumMessageSize = max(16, maximumMessageSize)
    }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        if let frame = next(&buffer) {
            context.fireChannelRead(wrapInboundOut(frame))
            return .continue
        }
        return .needMoreData
    }

    public mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws
        -> DecodingState
    {
        while let frame = next(&buffer) {
            context.fireChannelRead(wrapInboundOut(frame))
        }
        // An incomplete frame at end of stream is dropped: it was never acknowledged, so the sender resends.
        buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
        return .needMoreData
    }

    /// Consumes bytes from `buffer` and returns the next frame, if a complete one is there.
    /// Usable without a channel (tests, files of framed messages).
    public mutating func next(_ buffer: inout ByteBuffer) -> MLLPFrame? {
        while buffer.readableBytes > 0 {
            switch state {
            case .seekingStart:
                let view = buffer.readableBytesView
                guard let start = view.firstIndex(of: MLLP.startBlock) else {
                    skippedBytes += view.count
                    buffer.moveReaderIndex(forwardBy: view.count)
                    return nil
                }
                let skip = start - view.startIndex
                skippedBytes += skip
                buffer.moveReaderIndex(forwardBy: skip + 1)
                state = .inFrame(scanned: 0)
            case .inFrame(let scanned):
                let view = buffer.readableBytesView
                let from = view.startIndex + scanned
                var found: Int?
                var restart: Int?
                var i = from
                while i < view.endIndex {
                    let b = view[i]
                    if b == MLLP.endBlock {
                        found = i
                        break
                    }
                    if b == MLLP.startBlock {
                        restart = i
                        break
                    }
                    i += 1
                }
                if let restart {
                    // A new start block before an end block: the previous frame was cut off; skip it.
                    let skip = restart - view.startIndex
                    skippedBytes += skip + 1
                    buffer.moveReaderIndex(forwardBy: skip + 1)
                    state = .inFrame(scanned: 0)
                    continue
                }
                guard let end = found else {
                    let length = view.count
                    if length > maximumMessageSize {
                        let prefix =
                            buffer.getSlice(at: buffer.readerIndex, length: min(length, Self.oversizedPrefixLength))
                            ?? ByteBuffer()
                        buffer.moveReaderIndex(forwardBy: length)
                        state = .discarding(received: length)
                        return .oversized(prefix: ByteBuffer(buffer: prefix), receivedBytes: length)
                    }
                    state = .inFrame(scanned: length)
                    return nil
                }
                let length = end - view.startIndex
                // Wait for the byte after the end block to see whether it is the CR; it is consumed if so.
                guard end + 1 < view.endIndex else {
                    state = .inFrame(scanned: length)
                    if length > maximumMessageSize {
                        let prefix =
                            buffer.getSlice(at: buffer.readerIndex, length: min(length, Self.oversizedPrefixLength))
                            ?? ByteBuffer()
                        buffer.moveReaderIndex(forwardBy: length + 1)
                        // The end block is consumed; a CR after it is skipped as bytes outside frames.
                        state = .seekingStart
                        return .oversized(prefix: ByteBuffer(buffer: prefix), receivedBytes: length)
                    }
                    return nil
                }
                let trailerLength = view[end + 1] == MLLP.carriageReturn ? 2 : 1
                if length > maximumMessageSize {
                    let prefix =
                        buffer.getSlice(at: buffer.readerIndex, length: min(length, Self.oversizedPrefixLength))
                        ?? ByteBuffer()
                    buffer.moveReaderIndex(forwardBy: length + trailerLength)
                    state = .seekingStart
                    return .oversized(prefix: ByteBuffer(buffer: prefix), receivedBytes: length)
                }
                let payload = buffer.readSlice(length: length) ?? ByteBuffer()
                buffer.moveReaderIndex(forwardBy: trailerLength)
                state = .seekingStart
                return .message(payload)
            case .discarding(let received):
                let view = buffer.readableBytesView
                if let end = view.firstIndex(of: MLLP.endBlock) {
                    var skip = end - view.startIndex + 1
                    if end + 1 < view.endIndex, view[end + 1] == MLLP.carriageReturn { skip += 1 }
                    buffer.moveReaderIndex(forwardBy: skip)
                    state = .seekingStart
                } else {
                    buffer.moveReaderIndex(forwardBy: view.count)
                    state = .discarding(received: received + view.count)
                    return nil
                }
            }
        }
        return nil
    }

    /// True while part of a frame has been received and its end block has not.
    public var isInsideFrame: Bool {
        if case .seekingStart = state { return false }
        return true
    }
}
