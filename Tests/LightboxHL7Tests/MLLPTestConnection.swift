import Foundation
import HL7
import NIOCore
import NIOPosix

/// One raw MLLP connection for tests that must see every frame the listener writes back (enhanced mode
/// sends two, or none): frames are collected as they arrive, and each wait is bounded.
final class MLLPTestConnection: @unchecked Sendable {
    final class Collector: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = MLLPFrame
        let lock = NSLock()
        var frames: [[UInt8]] = []

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            if case .message(let buffer) = unwrapInboundIn(data) {
                let bytes = Array(buffer.readableBytesView)
                lock.withLock { frames.append(bytes) }
            }
        }
    }

    let channel: any Channel
    let collector: Collector
    private var taken = 0

    init(port: Int) async throws {
        let collector = Collector()
        self.collector = collector
        channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(5))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandlers([
                        MessageToByteHandler(MLLPFrameEncoder()),
                        ByteToMessageHandler(MLLPFrameDecoder(maximumMessageSize: 1 << 20)),
                        collector,
                    ])
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
    }

    func send(_ text: String) async throws {
        try await channel.writeAndFlush(ByteBuffer(string: text)).get()
    }

    /// The next `count` frames not yet taken, parsed; fails when they have not all come within `timeout`.
    func next(_ count: Int = 1, within timeout: Duration = .seconds(10)) async throws -> [Message] {
        let deadline = ContinuousClock.now + timeout
        while collector.lock.withLock({ collector.frames.count }) < taken + count {
            guard ContinuousClock.now < deadline else {
                let got = collector.lock.withLock { collector.frames.count } - taken
                throw TestFailure("expected \(count) more frame(s) within \(timeout), got \(got)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        let frames = collector.lock.withLock { Array(collector.frames[taken..<(taken + count)]) }
        taken += count
        return try frames.map { try Message(parsing: $0) }
    }

    /// Frames that arrived and were not taken, after waiting `quiet` for stragglers.
    func pending(after quiet: Duration = .milliseconds(500)) async throws -> Int {
        try await Task.sleep(for: quiet)
        return collector.lock.withLock { collector.frames.count } - taken
    }

    func close() async {
        try? await channel.close().get()
    }
}
