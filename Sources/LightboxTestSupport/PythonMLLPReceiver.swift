import Foundation
import HL7
import Logging
import NIOPosix

/// A python-hl7 MLLP server (`hl7.mllp.start_hl7_server`) run by a test as the hospital's receiving
/// system: it acknowledges every message with AA and appends one line per message to a log file,
/// `MSH-10 <tab> MSH-9 <tab> OBR-3 <tab> OBX-5 values joined by " / "`. Started and stopped by the test
/// (SIGKILL, so nothing hangs); fails clearly when python3 or the hl7 package is missing.
public final class PythonMLLPReceiver: @unchecked Sendable {
    static let script = """
        import asyncio, sys
        from hl7.mllp import start_hl7_server

        port = int(sys.argv[1])
        log = sys.argv[2]

        async def handle(reader, writer):
            try:
                while not writer.is_closing():
                    message = await reader.readmessage()
                    segments = str(message).split('\\r')
                    msh = segments[0].split('|')
                    obr = [s.split('|') for s in segments if s.startswith('OBR|')]
                    obx = [s.split('|') for s in segments if s.startswith('OBX|')]
                    filler = obr[0][3] if obr and len(obr[0]) > 3 else ''
                    values = ' / '.join(s[5] for s in obx if len(s) > 5)
                    with open(log, 'a') as f:
                        f.write('\\t'.join([msh[9], msh[8], filler, values]) + '\\n')
                    writer.writemessage(message.create_ack())
                    await writer.drain()
            except asyncio.IncompleteReadError:
                if not writer.is_closing():
                    writer.close()

        async def main():
            async with await start_hl7_server(handle, host='127.0.0.1', port=port) as server:
                await server.serve_forever()

        asyncio.run(main())
        """

    /// One received message as logged.
    public struct Received: Sendable, Equatable {
        public var controlID: String
        public var messageType: String
        public var fillerOrderNumber: String
        public var observationValues: String
    }

    let process = Process()
    let log: URL

    /// Starts the receiver on `port` and waits (at most 20 s) until it accepts connections.
    public init(port: Int, directory: URL) async throws {
        let script = directory.appendingPathComponent("python-hl7-receiver-\(port).py")
        log = directory.appendingPathComponent("python-hl7-received-\(port).log")
        try Self.script.write(to: script, atomically: true, encoding: .utf8)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, "\(port)", log.path]
        process.standardOutput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw ExternalProgram.Missing(
                description: "python3 could not be started for the python-hl7 receiver: \(error)")
        }
        let deadline = Date().addingTimeInterval(20)
        while true {
            guard process.isRunning else {
                throw ExternalProgram.Missing(
                    description: "the python-hl7 MLLP receiver exited at once (pip install hl7)")
            }
            let client = MLLPClient(
                configuration: .init(host: "127.0.0.1", port: port, connectTimeout: .seconds(2)),
                group: MultiThreadedEventLoopGroup.singleton, logger: Logger(label: "lightbox.test.probe"))
            do {
                try await client.connect()
                await client.close()
                return
            } catch {
                await client.close()
            }
            guard Date() < deadline else {
                stop()
                throw ExternalProgram.Missing(
                    description: "the python-hl7 MLLP receiver did not listen on \(port) in 20 s")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// What has arrived so far, in arrival order.
    public func received() throws -> [Received] {
        guard FileManager.default.fileExists(atPath: log.path) else { return [] }
        return try String(contentsOf: log, encoding: .utf8).split(separator: "\n").map { line in
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            func column(_ i: Int) -> String { i < columns.count ? columns[i] : "" }
            return Received(
                controlID: column(0), messageType: column(1), fillerOrderNumber: column(2),
                observationValues: column(3))
        }
    }

    public func stop() {
        // SIGKILL: the child may inherit SIGTERM blocked from the test runner, and a test must not hang.
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { stop() }

    /// A free loopback port (bound and released by the kernel's choice).
    public static func freePort() throws -> Int {
        let result = try ExternalProgram(path: "/usr/bin/python3").run([
            "-c", "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])",
        ])
        guard let port = Int(result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw ExternalProgram.Missing(description: "no free port from python3: \(result.standardError)")
        }
        return port
    }
}
