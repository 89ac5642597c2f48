import Foundation
import NIOCore
import NIOEmbedded
import NIOPosix
import Synchronization
import Testing

@testable import DICOMNetwork

/// The receive path's bounds and the durable store path: read-ahead stops at the watermark, and
/// folder syncs of concurrent stores are shared without answering anyone before a sync that
/// started after its call.
@Suite struct StorePathTests {
    /// Counts the reads the pipeline asks of the transport.
    final class ReadCounter: ChannelOutboundHandler {
        typealias OutboundIn = Any
        var reads = 0
        func read(context: ChannelHandlerContext) {
            reads += 1
            context.read()
        }
    }

    static func pdu(_ byte: UInt8) -> PDU {
        .dataTF(
            PDataTF(values: [
                PresentationDataValue(
                    presentationContextID: 1, header: .init(isCommand: false, isLast: false),
                    data: ByteBuffer(bytes: [byte]))
            ]))
    }

    @Test func noReadIsRequestedWhileAPDUWaits() throws {
        let channel = EmbeddedChannel()
        let counter = ReadCounter()
        let inbound = PDUInboundBuffer(highWatermark: 1)
        try channel.pipeline.syncOperations.addHandler(counter)
        try channel.pipeline.syncOperations.addHandler(inbound)
        try channel.connect(to: .init(ipAddress: "127.0.0.1", port: 104)).wait()
        #expect(counter.reads == 1, "the first read on activation")
        // One socket read delivers four PDUs (NIO reads up to four receive buffers per read).
        for byte in UInt8(1)...4 { channel.pipeline.fireChannelRead(Self.pdu(byte)) }
        channel.pipeline.fireChannelReadComplete()
        #expect(counter.reads == 1, "four PDUs wait: no read")
        let received = Received()
        for (consumed, expectedReads) in [1, 1, 1, 2].enumerated() {
            inbound.next(eventLoop: channel.eventLoop).whenSuccess { pdu in received.items.withLock { $0.append(pdu) } }
            #expect(counter.reads == expectedReads, "reads after \(consumed + 1) PDUs consumed")
        }
        #expect(received.items.withLock { $0 } == (UInt8(1)...4).map { Self.pdu($0) })
        _ = try? channel.finish()
    }

    @Test func callersDuringASyncShareTheNextOne() async throws {
        let pool = NIOThreadPool(numberOfThreads: 2)
        pool.start()
        let gate = DispatchSemaphore(value: 0)
        let syncs = Counter()
        let group = DirectorySyncGroup(path: "/unused", pool: pool) { _ in
            let number = syncs.count.withLock { count in
                count += 1
                return count
            }
            if number == 1 { gate.wait() }  // the first sync runs until the test lets it end
            return true
        }
        async let first = group.sync()
        let started = await waitUntil { group.waiting == 1 && syncs.value == 1 }
        #expect(started)
        // Five callers arrive while sync 1 runs: none may be answered by it (their renames may
        // have missed it); all are answered by one more sync.
        async let later = withTaskGroup(of: Bool.self) { tasks in
            for _ in 0..<5 { tasks.addTask { await group.sync() } }
            return await tasks.reduce(into: [Bool]()) { $0.append($1) }
        }
        let queued = await waitUntil { group.waiting == 6 }
        #expect(queued)
        #expect(syncs.value == 1, "no second sync while the first runs")
        gate.signal()
        #expect(await first)
        #expect(await later == Array(repeating: true, count: 5))
        #expect(syncs.value == 2, "six callers, two syncs")
        #expect(await group.sync(), "a caller after that gets a sync of its own")
        #expect(syncs.value == 3)
        try await pool.shutdownGracefully()
    }

    @Test func aFailedSyncIsReportedToItsCallers() async throws {
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        let missing = NSTemporaryDirectory() + "lightbox-no-such-folder-\(UUID().uuidString)"
        #expect(await DirectorySyncGroup(path: missing, pool: pool).sync() == false)
        let existing = NSTemporaryDirectory()
        #expect(await DirectorySyncGroup(path: existing, pool: pool).sync())
        try await pool.shutdownGracefully()
    }

    final class Received: Sendable {
        let items = Mutex<[PDU?]>([])
    }

    /// The page-cache mode (storescp's policy, for measurements) skips only the syncs: the same
    /// bytes under the same name, no partial file left behind; the default stays synced.
    @Test func pageCacheModeWritesTheSameFileAsTheSyncedOne() async throws {
        #expect(DirectoryStoreHandler(directory: "/tmp").durability == .synced)
        let source = try #require(try Corpus.rows(category: "valid").first { $0.path.hasSuffix("MR2_UNCI.dcm") }).path
        let header = try Part10Header.read(path: source)
        var folders: [DirectoryStoreHandler.Durability: String] = [:]
        defer { for dir in folders.values { try? FileManager.default.removeItem(atPath: dir) } }
        for durability in [DirectoryStoreHandler.Durability.synced, .pageCache] {
            let dir = try makeTemporaryDirectory("durability")
            folders[durability] = dir
            try await withServer(
                handlers: ServiceHandlers(store: DirectoryStoreHandler(directory: dir, durability: durability))
            ) { port, _ in
                let stored = try await storeFile(source, port: port)
                #expect(stored.status == .success)
            }
        }
        let name = DirectoryStoreHandler.fileName(sopInstanceUID: header.mediaStorageSOPInstanceUID)
        let synced = try #require(folders[.synced]), cached = try #require(folders[.pageCache])
        #expect(try FileManager.default.contentsOfDirectory(atPath: cached) == [name])
        #expect(try FileManager.default.contentsOfDirectory(atPath: synced) == [name])
        let original = try Data(contentsOf: URL(fileURLWithPath: source)).dropFirst(Int(header.dataSetOffset))
        let written = try Data(contentsOf: URL(fileURLWithPath: cached + "/" + name))
        #expect(written == (try Data(contentsOf: URL(fileURLWithPath: synced + "/" + name))))
        #expect(written.dropFirst(Int(try Part10Header.read(path: cached + "/" + name).dataSetOffset)) == original)
    }

    final class Counter: Sendable {
        let count = Mutex(0)
        var value: Int { count.withLock { $0 } }
    }

    /// Polls a condition every millisecond for at most five seconds; false if it never held.
    func waitUntil(_ condition: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(5)
        while !condition() {
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(1))
        }
        return true
    }
}
