import Foundation
import NIOCore
import Testing

@testable import DICOMNetwork

/// Misbehaving peers get the standard's answer, memory stays bounded, the listener keeps serving.
@Suite(.serialized) struct HostilePeerTests {
    /// Raw-socket peers, written in Python so they can break every rule.
    static let script = #"""
        import socket, sys, os, time
        port = int(sys.argv[1]); scenario = sys.argv[2]
        def item(t, b): return bytes([t, 0]) + len(b).to_bytes(2, 'big') + b
        def rq(abstract=b'1.2.840.10008.1.1', ts=b'1.2.840.10008.1.2', max_len=16384):
            pc = item(0x20, bytes([1, 0, 0, 0]) + item(0x30, abstract) + item(0x40, ts))
            ui = item(0x50, item(0x51, max_len.to_bytes(4, 'big')) + item(0x52, b'1.2.3'))
            body = b'\x00\x01\x00\x00' + b'LIGHTBOX'.ljust(16) + b'HOSTILE'.ljust(16) + b'\0' * 32 + item(0x10, b'1.2.840.10008.3.1.1.1') + pc + ui
            return b'\x01\x00' + len(body).to_bytes(4, 'big') + body
        def recv_all(s, timeout):
            s.settimeout(timeout); data = b''
            try:
                while True:
                    chunk = s.recv(65536)
                    if not chunk: return data, 'closed'
                    data += chunk
            except socket.timeout:
                return data, 'open'
        s = socket.create_connection(('127.0.0.1', port))
        if scenario == 'huge':
            s.sendall(b'\x01\x00\xff\xff\xff\xf0' + b'\x00' * 1000)
            data, state = recv_all(s, 5)
        elif scenario == 'random':
            s.sendall(os.urandom(4096))
            data, state = recv_all(s, 5)
        elif scenario == 'silent':
            data, state = recv_all(s, 8)
        elif scenario == 'abort-mid-store':
            s.sendall(rq(abstract=b'1.2.840.10008.5.1.4.1.1.7', ts=b'1.2.840.10008.1.2'))
            s.settimeout(5); ac = s.recv(65536)
            uid = b'1.2.840.10008.5.1.4.1.1.7'
            def el(e, v): return (0).to_bytes(2, 'little') + e.to_bytes(2, 'little') + len(v).to_bytes(4, 'little') + v
            cmd = el(0x0002, uid + b'\0') + el(0x0100, (1).to_bytes(2, 'little')) + el(0x0110, (1).to_bytes(2, 'little')) + el(0x0700, b'\0\0') + el(0x0800, b'\0\0') + el(0x1000, b'1.2.3.4\0')
            cmd = el(0x0000, len(cmd).to_bytes(4, 'little')) + cmd
            def pdv(ctrl, b): return (len(b) + 2).to_bytes(4, 'big') + bytes([1, ctrl]) + b
            def pdata(v): return b'\x04\x00' + len(v).to_bytes(4, 'big') + v
            s.sendall(pdata(pdv(3, cmd)))
            s.sendall(pdata(pdv(0, b'\x08\x00\x16\x00' + b'\x1a\x00\x00\x00' + uid + b'\0' + b'x' * 5000)))
            time.sleep(0.3)
            s.sendall(b'\x07\x00\x00\x00\x00\x04\x00\x00\x00\x00')
            data, state = recv_all(s, 5)
            data = ac[:1] + data
        print(data[:10].hex(), state)
        """#

    func runPeer(port: Int, scenario: String) async throws -> (bytes: String, state: String) {
        let result = try await Tool.run("/usr/bin/python3", ["-c", Self.script, "\(port)", scenario], timeout: 30)
        let words = result.output.trimmingCharacters(in: .newlines).split(
            separator: " ", omittingEmptySubsequences: false
        )
        .map(String.init)
        guard result.status == 0, words.count == 2 else { throw TestFailure("peer script: \(result.all)") }
        return (words[0], words[1])
    }

    static func residentMemory() -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "0").map { $0 * 1024 } ?? 0
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

    @Test func hugeDeclaredPDULengthGetsAbortAndMemoryStaysBounded() async throws {
        // ARTIM (2 s) closes the transport after the A-ABORT if the peer does not.
        try await withServer(
            handlers: ServiceHandlers(verification: AlwaysSuccessVerification()),
            timeouts: .init(artim: .seconds(2), idle: .seconds(30))
        ) { port, _ in
            let before = Self.residentMemory()
            let (bytes, state) = try await runPeer(port: port, scenario: "huge")
            // A-ABORT, source service provider (2), reason invalid PDU parameter value (6).
            #expect(bytes == "07000000000400000206")
            #expect(state == "closed")
            #expect(Self.residentMemory() - before < 64 * 1024 * 1024)
            try await echoStillWorks(port: port)
        }
    }

    @Test func randomBytesGetAbortAndListenerKeepsServing() async throws {
        // ARTIM (2 s) closes the transport after the A-ABORT if the peer does not.
        try await withServer(
            handlers: ServiceHandlers(verification: AlwaysSuccessVerification()),
            timeouts: .init(artim: .seconds(2), idle: .seconds(30))
        ) { port, _ in
            for _ in 0..<5 {
                let (bytes, state) = try await runPeer(port: port, scenario: "random")
                #expect(bytes.hasPrefix("07") || bytes.isEmpty, "answer \(bytes)")
                #expect(state == "closed")
            }
            try await echoStillWorks(port: port)
        }
    }

    @Test func silentPeerIsClosedByARTIM() async throws {
        try await withServer(
            handlers: ServiceHandlers(verification: AlwaysSuccessVerification()),
            timeouts: .init(artim: .seconds(2), idle: .seconds(5))
        ) { port, _ in
            let start = Date()
            let (bytes, state) = try await runPeer(port: port, scenario: "silent")
            #expect(bytes.isEmpty)
            #expect(state == "closed")
            #expect(Date().timeIntervalSince(start) < 6)
            try await echoStillWorks(port: port)
        }
    }

    @Test func abortInTheMiddleOfAStoreLeavesNoFile() async throws {
        let dir = try makeTemporaryDirectory("abort")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try await withServer(
            handlers: ServiceHandlers(
                verification: AlwaysSuccessVerification(), store: DirectoryStoreHandler(directory: dir))
        ) { port, _ in
            let (bytes, state) = try await runPeer(port: port, scenario: "abort-mid-store")
            #expect(bytes.hasPrefix("02"), "A-ASSOCIATE-AC first")
            #expect(state == "closed")
            try await Task.sleep(for: .milliseconds(300))
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
            try await echoStillWorks(port: port)
        }
    }

    @Test func noAcceptableContextIsRejectedPerContext() async throws {
        try await withServer(handlers: ServiceHandlers(verification: AlwaysSuccessVerification())) { port, _ in
            let association = try await DICOMClient().connect(
                host: "127.0.0.1", port: port,
                parameters: AssociationParameters(
                    callingAETitle: "SCU", calledAETitle: "LIGHTBOX",
                    proposals: [
                        .init(abstractSyntax: "1.2.840.10008.5.1.4.1.1.2"),
                        .init(
                            abstractSyntax: CommandSet.verificationSOPClassUID,
                            transferSyntaxes: ["1.2.840.10008.1.2.4.50"]),
                    ]))
            #expect(
                association.acceptance.presentationContexts.map(\.result) == [
                    .abstractSyntaxNotSupported, .transferSyntaxesNotSupported,
                ])
            await #expect(throws: DICOMNetworkError.self) { _ = try await association.echo() }
            try await association.release()
        }
    }

    @Test func associationsBeyondTheLimitGetTransientRejection() async throws {
        try await withServer(
            handlers: ServiceHandlers(verification: AlwaysSuccessVerification()), maximumAssociations: 1
        ) { port, server in
            let parameters = AssociationParameters(
                callingAETitle: "SCU", calledAETitle: "LIGHTBOX",
                proposals: [.init(abstractSyntax: CommandSet.verificationSOPClassUID)])
            let first = try await DICOMClient().connect(host: "127.0.0.1", port: port, parameters: parameters)
            do {
                _ = try await DICOMClient().connect(host: "127.0.0.1", port: port, parameters: parameters)
                Issue.record("second association accepted beyond the limit")
            } catch let error as DICOMNetworkError {
                #expect(error.code == .associationRejected)
                #expect(error.message.contains("result 2, source 3, reason 2"), "\(error)")
            }
            #expect(try await first.echo() == .success)
            try await first.release()
            try await Task.sleep(for: .milliseconds(200))
            #expect(server.activeAssociations == 0)
            try await echoStillWorks(port: port)
        }
    }

    @Test(arguments: [UInt32(16_384), UInt32(1_048_576)])
    func storeWithMaximumPDULength(_ maximum: UInt32) async throws {
        let dir = try makeTemporaryDirectory("maxpdu")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let source = try #require(try Corpus.rows(category: "valid").first { $0.path.hasSuffix("MR2_UNCI.dcm") }).path
        let header = try Part10Header.read(path: source)
        try await withServer(
            handlers: ServiceHandlers(store: DirectoryStoreHandler(directory: dir)), maximumPDULength: maximum
        ) { port, _ in
            let (peerMaximumLength, status) = try await storeFile(source, port: port, maximumLength: maximum)
            #expect(peerMaximumLength == maximum)
            #expect(status == .success)
            let written = dir + "/" + DirectoryStoreHandler.fileName(sopInstanceUID: header.mediaStorageSOPInstanceUID)
            let original = try Data(contentsOf: URL(fileURLWithPath: source)).dropFirst(Int(header.dataSetOffset))
            let copy = try Data(contentsOf: URL(fileURLWithPath: written))
            let copyHeader = try Part10Header.read(path: written)
            #expect(copy.dropFirst(Int(copyHeader.dataSetOffset)) == original, "data set bytes identical")
        }
    }
}
