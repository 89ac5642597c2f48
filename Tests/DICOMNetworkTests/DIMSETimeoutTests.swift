import Foundation
import NIOCore
import Testing

@testable import DICOMNetwork

/// A peer that begins a message and never finishes it is aborted after the DIMSE timeout, well
/// before the idle timeout, and the listener keeps serving others.
@Suite(.serialized) struct DIMSETimeoutTests {
    /// Raw-socket peer (`Tests/Scripts/silent-dimse-peer.py`): associates, sends a command announcing a
    /// data set (or the first fragment of a command) and then stays silent, reporting what came back and
    /// after how long. `lightbox dicom receive --dimse-timeout` is tested with the same peer.
    static let script = testScript("silent-dimse-peer.py")

    struct Outcome {
        var bytes: String
        var state: String
        var seconds: Double
    }

    func runPeer(port: Int, scenario: String) async throws -> Outcome {
        let result = try await Tool.run("/usr/bin/python3", [Self.script, "\(port)", scenario], timeout: 60)
        let words = result.output.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ").map(String.init)
        guard result.status == 0, words.count == 3, let seconds = Double(words[2]) else {
            throw TestFailure("peer script: \(result.all)")
        }
        return Outcome(bytes: words[0], state: words[1], seconds: seconds)
    }

    func echoStillWorks(port: Int) async throws {
        let association = try await DICOMClient().connect(
            host: "127.0.0.1", port: port,
            parameters: AssociationParameters(
                callingAETitle: "GOOD", calledAETitle: "LIGHTBOX",
                proposals: [.init(abstractSyntax: CommandSet.verificationSOPClassUID)]))
        #expect(try await association.echo() == .success)
        try await association.release()
    }

    static func configuration() -> DICOMServerConfiguration {
        DICOMServerConfiguration(
            aeTitle: "LIGHTBOX", maximumPDULength: 65_536, timeouts: .init(artim: .seconds(2), idle: .seconds(60)),
            dimseTimeout: .seconds(1))
    }

    static func handlers(_ dir: String) -> ServiceHandlers {
        ServiceHandlers(
            verification: AlwaysSuccessVerification(), store: DirectoryStoreHandler(directory: dir),
            nServices: [TestNServices()])
    }

    @Test(arguments: ["store", "event", "command"])
    func announcedButMissingDataIsAbortedAfterTheDIMSETimeout(scenario: String) async throws {
        let dir = try makeTemporaryDirectory("dimse-timeout")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try await withConfiguredServer(Self.configuration(), handlers: Self.handlers(dir)) { port, _ in
            // Another peer keeps being served while the hostile one waits.
            async let hostile = runPeer(port: port, scenario: scenario)
            try await Task.sleep(for: .milliseconds(300))
            try await echoStillWorks(port: port)
            let outcome = try await hostile
            // A-ABORT PDU, source service user (0), reason 0, then the transport closed.
            #expect(outcome.bytes == "07000000000400000000", "\(scenario): \(outcome)")
            #expect(outcome.state == "closed", "\(scenario): \(outcome)")
            #expect(outcome.seconds >= 0.9 && outcome.seconds < 5, "\(scenario): aborted after \(outcome.seconds) s")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
            try await echoStillWorks(port: port)
        }
    }

    /// The client side: a peer that answers C-ECHO with a response announcing a data set it never
    /// sends makes `echo()` fail with the timeout instead of hanging.
    static let silentSCP = #"""
        import socket, sys, time
        srv = socket.socket(); srv.bind(('127.0.0.1', 0)); srv.listen(1)
        print(srv.getsockname()[1], flush=True)
        c, _ = srv.accept(); c.settimeout(20)
        rq = c.recv(65536)
        def item(t, b): return bytes([t, 0]) + len(b).to_bytes(2, 'big') + b
        def el(e, v): return (0).to_bytes(2, 'little') + e.to_bytes(2, 'little') + len(v).to_bytes(4, 'little') + v
        def us(v): return v.to_bytes(2, 'little')
        pc = item(0x21, bytes([1, 0, 0, 0]) + item(0x40, b'1.2.840.10008.1.2'))
        ui = item(0x50, item(0x51, (16384).to_bytes(4, 'big')) + item(0x52, b'1.2.3'))
        body = b'\x00\x01\x00\x00' + rq[10:42] + b'\0' * 32 + item(0x10, b'1.2.840.10008.3.1.1.1') + pc + ui
        c.sendall(b'\x02\x00' + len(body).to_bytes(4, 'big') + body)
        echo = c.recv(65536)
        cmd = el(0x0002, b'1.2.840.10008.1.1\0') + el(0x0100, us(0x8030)) + el(0x0120, us(1)) + el(0x0800, us(0)) + el(0x0900, us(0))
        cmd = el(0x0000, len(cmd).to_bytes(4, 'little')) + cmd
        pdv = (len(cmd) + 2).to_bytes(4, 'big') + bytes([1, 3]) + cmd
        c.sendall(b'\x04\x00' + len(pdv).to_bytes(4, 'big') + pdv)
        data = b''
        try:
            while True:
                chunk = c.recv(65536)
                if not chunk: break
                data += chunk
        except socket.timeout:
            pass
        print(data[:10].hex() or '-', flush=True)
        """#

    @Test func clientAbortsAResponseWhoseDataSetNeverComes() async throws {
        let peer = try Tool("/usr/bin/python3", ["-c", Self.silentSCP])
        defer { peer.terminate() }
        let portLine = await Tool.offPool { () -> String in
            var line = Data()
            let handle = peer.stdout.fileHandleForReading
            while let byte = try? handle.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
                line.append(byte)
            }
            return String(decoding: line, as: UTF8.self)
        }
        let port = try #require(Int(portLine), "peer printed \(portLine)")
        let association = try await DICOMClient().connect(
            host: "127.0.0.1", port: port,
            parameters: AssociationParameters(
                callingAETitle: "SCU", calledAETitle: "SILENT",
                proposals: [.init(abstractSyntax: CommandSet.verificationSOPClassUID)], dimseTimeout: .seconds(1)))
        let start = Date()
        await #expect(throws: DICOMNetworkError.self) { _ = try await association.echo() }
        #expect(Date().timeIntervalSince(start) < 5)
        let rest = await peer.wait(timeout: 10)
        // The peer saw our A-ABORT (service user) before the close.
        #expect(rest.output.split(separator: "\n").last == "07000000000400000000", "peer: \(rest.all)")
    }
}
