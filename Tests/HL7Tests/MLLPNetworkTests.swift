import Foundation
import Logging
import NIOCore
import NIOPosix
import Synchronization
import Testing

@testable import HL7

struct TestTimeout: Error, CustomStringConvertible {
    let description: String
}

func withTimeout<T: Sendable>(
    _ duration: Duration, _ what: String, _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: duration)
            throw TestTimeout(description: "\(what) did not finish within \(duration)")
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { throw TestTimeout(description: what) }
        return first
    }
}

/// A server answering AA to parsed messages and AR (with the parse error) to the rest, built the way an
/// application would with `ACK`.
final class AckingHandler: MLLPHandler {
    let delay: Duration
    let seen = Mutex<[String]>([])

    init(delay: Duration = .zero) { self.delay = delay }

    func handle(_ request: MLLPRequest) async -> [UInt8]? {
        if delay > .zero { try? await Task.sleep(for: delay) }
        let now = DTM(year: 2024, month: 1, day: 1, hour: 12, minute: 0, second: 0)
        switch request.message {
        case .success(let message):
            seen.withLock { $0.append(message.controlID ?? "") }
            return ACK.make(for: message, code: .AA, controlID: "A-\(message.controlID ?? "")", timestamp: now).encode()
        case .failure(let error):
            seen.withLock { $0.append("error:\(error.code.rawValue)") }
            return ACK.reject(raw: request.raw, error: error, controlID: "NAK", timestamp: now).encode()
        }
    }
}

func adt(_ id: String, padding: Int = 0) throws -> Message {
    let pad = String(repeating: "X", count: padding)
    return try Message(
        parsing:
            "MSH|^~\\&|HIS|HOSP|RIS|RAD|20240101120000||ADT^A01^ADT_A01|\(id)|P|2.5.1\rEVN|A01\rPID|1||\(id)^^^HOSP^MR||DOE^JOHN\(pad)\rPV1|1|O\r"
    )
}

@Suite(.serialized) struct MLLPNetworkTests {
    let logger = Logger(label: "HL7Tests")

    func withServer(
        _ configuration: MLLPServer.Configuration = .init(host: "127.0.0.1", port: 0),
        handler: any MLLPHandler = AckingHandler(),
        _ body: @Sendable (MLLPServer, any EventLoopGroup) async throws -> Void
    ) async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        let server = try await MLLPServer.bind(
            configuration: configuration, handler: handler, group: group, logger: logger)
        let running = Task { try await server.run() }
        do {
            try await body(server, group)
        } catch {
            running.cancel()
            await server.close()
            try? await group.shutdownGracefully()
            throw error
        }
        running.cancel()
        await server.close()
        _ = await running.result
        try await group.shutdownGracefully()
    }

    func client(_ server: MLLPServer, _ group: any EventLoopGroup, ackTimeout: TimeAmount = .seconds(5)) throws
        -> MLLPClient
    {
        let port = try #require(server.port)
        return MLLPClient(
            configuration: .init(host: "127.0.0.1", port: port, acknowledgmentTimeout: ackTimeout), group: group,
            logger: logger)
    }

    /// Sends raw bytes on a fresh connection and collects `expected` frames back.
    func rawExchange(_ port: Int, _ group: any EventLoopGroup, _ bytes: [UInt8], expected: Int) async throws
        -> [MLLPFrame]
    {
        let channel = try await ClientBootstrap(group: group)
            .connect(host: "127.0.0.1", port: port) { ch in
                ch.eventLoop.makeCompletedFuture {
                    try ch.pipeline.syncOperations.addHandler(ByteToMessageHandler(MLLPFrameDecoder()))
                    return try NIOAsyncChannel<MLLPFrame, ByteBuffer>(wrappingChannelSynchronously: ch)
                }
            }
        return try await withTimeout(.seconds(10), "raw exchange") {
            try await channel.executeThenClose { inbound, outbound in
                try await outbound.write(ByteBuffer(bytes: bytes))
                var frames: [MLLPFrame] = []
                for try await frame in inbound {
                    frames.append(frame)
                    if frames.count == expected { break }
                }
                return frames
            }
        }
    }

    /// Connects, sends bytes, and waits for the server to close the connection.
    func sendAndAwaitClose(_ port: Int, _ group: any EventLoopGroup, _ bytes: [UInt8], within: Duration) async throws {
        let channel = try await ClientBootstrap(group: group).connect(host: "127.0.0.1", port: port).get()
        if !bytes.isEmpty { try await channel.writeAndFlush(ByteBuffer(bytes: bytes)) }
        try await withTimeout(within, "server closing the stalled connection") {
            try await channel.closeFuture.get()
        }
    }

    @Test func clientAndServerExchangeMessagesInOrder() async throws {
        let handler = AckingHandler(delay: .milliseconds(5))
        try await withServer(handler: handler) { server, group in
            let c = try client(server, group)
            for i in 1...5 {
                let ack = try await c.send(adt("M\(i)"))
                #expect(ack.acknowledgmentCode == .AA)
                #expect(ack["MSA-2"] == "M\(i)")
                #expect(ack["MSH-3"] == "RIS" && ack["MSH-5"] == "HIS")
            }
            // Concurrent sends share one connection; replies still match (the client checks MSA-2).
            try await withThrowingTaskGroup(of: Void.self) { g in
                for i in 6...15 {
                    g.addTask {
                        let ack = try await c.send(adt("M\(i)"))
                        #expect(ack["MSA-2"] == "M\(i)")
                    }
                }
                try await g.waitForAll()
            }
            await c.close()
        }
        let seen = handler.seen.withLock { $0 }
        #expect(Array(seen.prefix(5)) == ["M1", "M2", "M3", "M4", "M5"])
        #expect(seen.count == 15)
    }

    @Test func severalFramesInOneWriteAreAnsweredInOrder() async throws {
        try await withServer { server, group in
            let port = try #require(server.port)
            let bytes =
                try Array("junk before".utf8) + MLLP.frame(adt("A").encode()) + [0x0D, 0x0A]
                + MLLP.frame(adt("B").encode())
                + MLLP.frame(Array("PID|no header\r".utf8))
            let frames = try await rawExchange(port, group, bytes, expected: 3)
            let acks = try frames.map { frame -> Message in
                guard case .message(let b) = frame else { throw TestTimeout(description: "unexpected frame") }
                return try Message(parsing: Array(b.readableBytesView))
            }
            #expect(acks.map { $0["MSA-2"] } == ["A", "B", nil])
            #expect(acks.map { $0["MSA-1"] } == ["AA", "AA", "AR"])
            #expect(acks[2]["ERR-5"] == HL7Error.Code.missingMSH.rawValue)
        }
    }

    @Test func oversizedFrameGetsANakAndTheConnectionGoesOn() async throws {
        let config = MLLPServer.Configuration(host: "127.0.0.1", port: 0, maximumMessageSize: 2_000)
        let handler = AckingHandler()
        try await withServer(config, handler: handler) { server, group in
            let c = try client(server, group)
            let big = try await c.send(adt("BIG", padding: 50_000).encode())
            let nak = try Message(parsing: big)
            #expect(nak["MSA-1"] == "AR" && nak["MSA-2"] == "BIG", "the MSH of an oversized frame still names it")
            #expect(nak["ERR-5"] == HL7Error.Code.oversized.rawValue)
            let ok = try await c.send(adt("SMALL"))
            #expect(ok.acknowledgmentCode == .AA)
            await c.close()
        }
    }

    @Test func stalledAndIdlePeersAreClosedWhileOthersAreServed() async throws {
        let config = MLLPServer.Configuration(
            host: "127.0.0.1", port: 0, frameTimeout: .milliseconds(300), idleTimeout: .milliseconds(800))
        try await withServer(config) { server, group in
            let port = try #require(server.port)
            let c = try client(server, group)
            async let stalled: Void = sendAndAwaitClose(
                port, group, [0x0B] + Array("MSH|^~\\&|half".utf8), within: .seconds(5))
            async let idle: Void = sendAndAwaitClose(port, group, [], within: .seconds(5))
            async let garbage: Void = sendAndAwaitClose(
                port, group, Array(repeating: 0x41, count: 10_000), within: .seconds(5))
            let ack = try await c.send(adt("GOOD"))
            #expect(ack.acknowledgmentCode == .AA)
            try await stalled
            try await idle
            try await garbage
            let again = try await c.send(adt("STILL"))
            #expect(again.acknowledgmentCode == .AA, "the listener keeps serving")
            await c.close()
        }
    }

    @Test func abruptDisconnectsNeverStopTheListener() async throws {
        let peers = Mutex<[String]>([])
        let handler = MLLPClosureHandler { request in
            peers.withLock { $0.append(request.peer?.ipAddress ?? "?") }
            guard case .success(let m) = request.message else { return nil }
            return ACK.make(for: m, code: .AA, controlID: "x", timestamp: DTM(year: 2024)).encode()
        }
        try await withServer(handler: handler) { server, group in
            let port = try #require(server.port)
            for i in 0..<20 {
                let channel = try await ClientBootstrap(group: group).connect(host: "127.0.0.1", port: port).get()
                let framed = try MLLP.frame(adt("CUT\(i)").encode())
                try await channel.writeAndFlush(ByteBuffer(bytes: framed.prefix(framed.count / 2)))
                try await channel.close()
            }
            let c = try client(server, group)
            #expect(try await c.send(adt("AFTER")).acknowledgmentCode == .AA)
            await c.close()
        }
        #expect(peers.withLock { $0 } == ["127.0.0.1"], "only the complete message reached the handler, with its peer")
    }

    @Test func connectionLimitRefusesExtraConnections() async throws {
        let config = MLLPServer.Configuration(host: "127.0.0.1", port: 0, maximumConnections: 1)
        try await withServer(config) { server, group in
            let first = try client(server, group)
            #expect(try await first.send(adt("1")).acknowledgmentCode == .AA)
            let second = try client(server, group)
            await #expect(throws: HL7Error.self) { _ = try await second.send(adt("2")) }
            await first.close()
            // Once the first connection is gone the slot is free again.
            var accepted = false
            for _ in 0..<50 where !accepted {
                if (try? await second.send(adt("3")))?.acknowledgmentCode == .AA {
                    accepted = true
                } else {
                    try await Task.sleep(for: .milliseconds(50))
                }
            }
            #expect(accepted)
            await second.close()
        }
    }

    @Test func clientTimesOutThenReconnects() async throws {
        try await withServer(handler: AckingHandler(delay: .milliseconds(700))) { server, group in
            let c = try client(server, group, ackTimeout: .milliseconds(200))
            await #expect {
                _ = try await c.send(adt("SLOW"))
            } throws: { ($0 as? HL7Error)?.code == .timeout }
            let patient = try client(server, group, ackTimeout: .seconds(5))
            #expect(try await patient.send(adt("AFTER")).acknowledgmentCode == .AA)
            await patient.close()
            // The timed-out client reconnects on its next send.
            let c2Ack = try await withTimeout(.seconds(10), "reconnect") {
                try await MLLPClient(
                    configuration: .init(host: "127.0.0.1", port: server.port ?? 0, acknowledgmentTimeout: .seconds(5)),
                    group: group, logger: Logger(label: "t")
                ).send(adt("NEW"))
            }
            #expect(c2Ack.acknowledgmentCode == .AA)
            await c.close()
        }
        // Unreachable server: a typed error, not a hang.
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let nobody = MLLPClient(
            configuration: .init(host: "127.0.0.1", port: 1, connectTimeout: .seconds(2)), group: group, logger: logger)
        await #expect(throws: HL7Error.self) { _ = try await nobody.send(adt("X")) }
        try await group.shutdownGracefully()
    }

    @Test func reconnectAfterServerDropsConnection() async throws {
        let handler = MLLPClosureHandler { request in
            guard case .success(let m) = request.message else { return nil }
            return ACK.make(for: m, code: .AA, controlID: "x", timestamp: DTM(year: 2024)).encode()
        }
        let config = MLLPServer.Configuration(host: "127.0.0.1", port: 0, idleTimeout: .milliseconds(300))
        try await withServer(config, handler: handler) { server, group in
            let c = try client(server, group)
            #expect(try await c.send(adt("1")).acknowledgmentCode == .AA)
            try await Task.sleep(for: .milliseconds(800))  // the server closes the idle connection
            // The client notices the stale connection and sends again on a new one, once.
            #expect(try await c.send(adt("2")).acknowledgmentCode == .AA)
            await c.close()
        }
    }

    /// python-hl7's `mllp_send` (the peer hospitals' engineers use for testing) talks to our server.
    @Test func mllpSendFromPythonHL7() async throws {
        let handler = AckingHandler()
        try await withServer(handler: handler) { server, group in
            let port = try #require(server.port)
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hl7-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let file = dir.appendingPathComponent("msgs.hl7")
            let text =
                try adt("PY1").description + "\n" + adt("PY2").description.replacingOccurrences(of: "\r", with: "\r\n")
            try Data(text.utf8).write(to: file)
            let executable = ExternalProcess.which("mllp_send") != nil ? "mllp_send" : "python3"
            let args = executable == "mllp_send" ? [] : ["-m", "hl7.client"]
            let result = try await Task.detached {
                try ExternalProcess.run(
                    executable, args + ["--loose", "-f", file.path, "-p", String(port), "127.0.0.1"], timeout: 30)
            }.value
            #expect(result.status == 0, "mllp_send failed: \(result.stderr)")
            let out = String(decoding: result.stdout, as: UTF8.self)
            #expect(out.contains("MSA|AA|PY1"), "\(out)")
            #expect(out.contains("MSA|AA|PY2"), "\(out)")
        }
        #expect(handler.seen.withLock { $0 } == ["PY1", "PY2"])
    }

    /// A python-hl7 MLLP server receives our ORU^R01 and acknowledges it.
    @Test func oruToPythonHL7Server() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hl7-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let portFile = dir.appendingPathComponent("port").path
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Oracle/mllp_server.py"
        ).path
        let serverRun = Task.detached {
            try ExternalProcess.run("python3", [script, portFile, "2", "30"], timeout: 40)
        }
        var port: Int?
        for _ in 0..<200 where port == nil {
            if let s = try? String(contentsOfFile: portFile, encoding: .utf8), let p = Int(s) {
                port = p
            } else {
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        let serverPort = try #require(port, "python MLLP server did not start")
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let c = MLLPClient(configuration: .init(host: "127.0.0.1", port: serverPort), group: group, logger: logger)
        let now = DTM(year: 2024, month: 2, day: 1, hour: 10, minute: 0, second: 0)
        for (i, status) in [ORUR01.ResultStatus.preliminary, .final].enumerated() {
            let oru = ORUR01.make(
                header: .init(sendingApplication: HD(namespaceID: "LIGHTBOX"), controlID: "ORU\(i)", timestamp: now),
                report: .init(
                    patientIdentifiers: [
                        CX(idNumber: "4711", assigningAuthority: HD(namespaceID: "HOSP"), identifierTypeCode: "MR")
                    ],
                    patientNames: [XPN(familyName: "Doe", givenName: "Jane")],
                    universalServiceIdentifier: CE(identifier: "CTHEAD"),
                    resultStatus: status, text: "Line one | pipe\nLine two"))
            let ack = try await c.send(oru)
            #expect(ack.acknowledgmentCode == .AA)
            #expect(ack["MSA-2"] == "ORU\(i)")
        }
        await c.close()
        try await group.shutdownGracefully()
        let result = try await serverRun.value
        try #require(result.status == 0, "python server failed: \(result.stderr)")
        let received = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [[String: Any]])
        #expect(received.count == 2)
        #expect(received.map { $0["type"] as? String } == ["ORU^R01^ORU_R01", "ORU^R01^ORU_R01"])
        #expect(received.map { $0["obr25"] as? String } == ["P", "F"])
        #expect(received.first?["pid3"] as? String == "4711^^^HOSP^MR")
        #expect(received.first?["obx5_unescaped"] as? [String] == ["Line one | pipe", "Line two"])
    }
}
