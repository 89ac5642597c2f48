import NIOCore
import NIOEmbedded
import Testing

@testable import HL7

@Suite struct MLLPFrameDecoderTests {
    let msg = Array("MSH|^~\\&|A|B|C|D|2024||ADT^A01|1|P|2.5\rPID|1\r".utf8)

    func drain(_ d: inout MLLPFrameDecoder, _ buffer: inout ByteBuffer) -> [MLLPFrame] {
        var out: [MLLPFrame] = []
        while let f = d.next(&buffer) { out.append(f) }
        return out
    }

    @Test func frameSplitOverManyReads() {
        var d = MLLPFrameDecoder()
        var buffer = ByteBuffer()
        var frames: [MLLPFrame] = []
        for byte in MLLP.frame(msg) {
            buffer.writeInteger(byte)
            frames += drain(&d, &buffer)
        }
        #expect(frames == [.message(ByteBuffer(bytes: msg))])
        #expect(!d.isInsideFrame)
    }

    @Test func severalFramesAndGarbageInOneRead() {
        var d = MLLPFrameDecoder()
        var buffer = ByteBuffer(
            bytes: Array("noise\r\n".utf8) + MLLP.frame(msg) + [0x0D, 0x0A, 0x00] + MLLP.frame(msg) + MLLP.frame([0x41])
        )
        let frames = drain(&d, &buffer)
        #expect(frames.count == 3)
        #expect(frames[2] == .message(ByteBuffer(bytes: [0x41])))
        #expect(d.skippedBytes == 10)
    }

    @Test func restartOnNewStartBlockAndLenientEndBlock() {
        var d = MLLPFrameDecoder()
        // A frame cut off by a new start block, then a frame ended by 0x1C without CR.
        var buffer = ByteBuffer(bytes: [0x0B, 0x41, 0x42] + [0x0B] + msg + [0x1C] + MLLP.frame([0x43]))
        let frames = drain(&d, &buffer)
        #expect(frames == [.message(ByteBuffer(bytes: msg)), .message(ByteBuffer(bytes: [0x43]))])
    }

    @Test func oversizedFrameIsReportedAndDiscardedWithBoundedMemory() {
        var d = MLLPFrameDecoder(maximumMessageSize: 1000)
        var buffer = ByteBuffer()
        var frames: [MLLPFrame] = []
        buffer.writeBytes([0x0B] + msg)
        let chunk = [UInt8](repeating: UInt8(ascii: "X"), count: 64 * 1024)
        for _ in 0..<160 {  // 10 MiB streamed through a 1000-byte limit
            buffer.writeBytes(chunk)
            frames += drain(&d, &buffer)
            #expect(buffer.readableBytes == 0, "nothing of an oversized frame is kept")
            buffer.discardReadBytes()
        }
        buffer.writeBytes([0x1C, 0x0D] + MLLP.frame(msg))
        frames += drain(&d, &buffer)
        #expect(frames.count == 2)
        guard case .oversized(let prefix, let received) = frames.first else {
            Issue.record("expected .oversized first")
            return
        }
        #expect(received > 1000)
        #expect(Array(prefix.readableBytesView.prefix(msg.count)) == msg, "prefix keeps the MSH for a NAK")
        #expect(frames.last == .message(ByteBuffer(bytes: msg)))
    }

    @Test func oversizedCompleteFrameInOneRead() {
        var d = MLLPFrameDecoder(maximumMessageSize: 16)
        var buffer = ByteBuffer(bytes: MLLP.frame(msg) + MLLP.frame([0x41]))
        let frames = drain(&d, &buffer)
        #expect(frames.count == 2)
        if case .oversized = frames[0] {} else { Issue.record("first frame should be oversized") }
        #expect(frames[1] == .message(ByteBuffer(bytes: [0x41])))
    }

    @Test func worksInAChannelPipeline() throws {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandlers([
            ByteToMessageHandler(MLLPFrameDecoder()), MessageToByteHandler(MLLPFrameEncoder()),
        ])
        let framed = MLLP.frame(msg)
        try channel.writeInbound(ByteBuffer(bytes: framed[..<10]))
        #expect(try channel.readInbound(as: MLLPFrame.self) == nil)
        try channel.writeInbound(ByteBuffer(bytes: framed[10...] + framed))
        #expect(try channel.readInbound(as: MLLPFrame.self) == .message(ByteBuffer(bytes: msg)))
        #expect(try channel.readInbound(as: MLLPFrame.self) == .message(ByteBuffer(bytes: msg)))
        try channel.writeOutbound(ByteBuffer(bytes: msg))
        let out = try #require(try channel.readOutbound(as: ByteBuffer.self))
        #expect(Array(out.readableBytesView) == framed)
        _ = try channel.finish()
    }
}
