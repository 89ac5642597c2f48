import Foundation
import Logging
import NIOCore
import NIOPosix
import Testing

@testable import HL7

/// Sanity bounds on speed so a regression to copying or quadratic parsing shows up; the real benchmark
/// lives under Benchmarks/. Limits are far below what a release build does, since tests run in debug.
@Suite(.serialized) struct ThroughputTests {
    #if DEBUG
        let buildKind = "debug"
    #else
        let buildKind = "release"
    #endif

    @Test func parseValidateAndAcknowledge() throws {
        let bytes = try adt("T1").encode()
        let now = DTM(year: 2024)
        let n = 5_000
        let start = ContinuousClock.now
        var acked = 0
        for _ in 0..<n {
            let m = try Message(parsing: bytes)
            try m.validate()
            let pid = try m.first(PID.self)
            if pid?.patientIdentifierList.first?.idNumber == "T1" {
                acked += ACK.make(for: m, code: .AA, controlID: "A", timestamp: now).encode().count > 0 ? 1 : 0
            }
        }
        let seconds = (ContinuousClock.now - start) / .seconds(1)
        let rate = Double(n) / seconds
        print("HL7 parse+validate+PID+ACK: \(Int(rate)) messages/s (\(buildKind) build)")
        #expect(acked == n)
        #expect(rate > 500, "\(Int(rate)) messages/s")
    }

    @Test func mllpRoundTripsOnOneConnection() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        let logger = Logger(label: "throughput")
        let server = try await MLLPServer.bind(
            configuration: .init(host: "127.0.0.1", port: 0), handler: AckingHandler(), group: group, logger: logger)
        let running = Task { try await server.run() }
        let client = MLLPClient(
            configuration: .init(host: "127.0.0.1", port: server.port ?? 0), group: group, logger: logger)
        let messages = try (0..<2_000).map { try adt("P\($0)") }
        let start = ContinuousClock.now
        for m in messages {
            let ack = try await client.send(m)
            #expect(ack.acknowledgmentCode == .AA)
        }
        let seconds = (ContinuousClock.now - start) / .seconds(1)
        let rate = Double(messages.count) / seconds
        print("MLLP send+ACK on one connection: \(Int(rate)) messages/s (\(buildKind) build)")
        #expect(rate > 100, "\(Int(rate)) messages/s")
        await client.close()
        running.cancel()
        await server.close()
        _ = await running.result
        try await group.shutdownGracefully()
    }
}
