import Foundation
import LightboxTestSupport
import Testing

/// Hostile peers against `lightbox serve`: garbage, an A-ASSOCIATE-RQ with hundreds of
/// presentation contexts, PDU lengths that lie, a peer stopping mid-PDU. The listener goes on
/// serving the others and its memory stays bounded.
@Suite("Hostile DICOM peers against lightbox serve", .serialized)
struct HostilePeerTests {
    /// Raw-socket peers, in Python so they can break every rule. argv: port, scenario. Prints what
    /// came back (first bytes in hex) and whether the connection was closed.
    static let script = #"""
        import socket, sys, os, time
        port = int(sys.argv[1]); scenario = sys.argv[2]
        def item(t, b): return bytes([t, 0]) + len(b).to_bytes(2, 'big') + b
        def pc(i, abstract=b'1.2.840.10008.1.1'):
            return item(0x20, bytes([i & 0xFF, 0, 0, 0]) + item(0x30, abstract) + item(0x40, b'1.2.840.10008.1.2'))
        def rq(contexts):
            ui = item(0x50, item(0x51, (16384).to_bytes(4, 'big')) + item(0x52, b'1.2.3'))
            body = b'\x00\x01\x00\x00' + b'LIGHTBOX'.ljust(16) + b'MODALITY'.ljust(16) + b'\0' * 32 + item(0x10, b'1.2.840.10008.3.1.1.1') + contexts + ui
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
            except ConnectionResetError:
                return data, 'closed'
        s = socket.create_connection(('127.0.0.1', port))
        if scenario == 'garbage':
            s.sendall(os.urandom(8192)); data, state = recv_all(s, 10)
        elif scenario == 'contexts':
            s.sendall(rq(b''.join(pc(2 * i + 1, b'1.2.840.10008.5.1.4.1.1.' + str(i).encode()) for i in range(400))))
            data, state = recv_all(s, 10)
        elif scenario == 'lying-length':
            s.sendall(b'\x01\x00\x7f\xff\xff\xff' + b'\x00' * 2000); data, state = recv_all(s, 10)
        elif scenario == 'short-length':
            whole = rq(pc(1)); s.sendall(whole[:2] + (20).to_bytes(4, 'big') + whole[6:]); data, state = recv_all(s, 10)
        elif scenario == 'mid-pdu':
            whole = rq(pc(1)); s.sendall(whole[:len(whole) // 2]); s.close(); data, state = b'', 'closed'
        print(data[:8].hex() or '-', state)
        """#

    static func rss(of pid: Int32) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
        }
        return 0
    }

    @Test("Each hostile peer gets a refusal or is dropped, and echo and store keep working meanwhile")
    func hostilePeers() async throws {
        let server = try await ArchiveServer(peers: ["MODALITY": "echo,store"])
        defer { Task { await server.stop() } }
        let python = try ExternalProgram(path: "/usr/bin/python3")
        let pid = try #require(server.process?.processIdentifier)
        let scenarios = ["garbage", "contexts", "lying-length", "short-length", "mid-pdu"]
        // Hostile peers and honest ones at the same time.
        try await withThrowingTaskGroup(of: (String, String).self) { group in
            for scenario in scenarios {
                for _ in 0..<3 {
                    group.addTask {
                        let result = try python.run(["-c", Self.script, "\(server.dicomPort)", scenario], timeout: 60)
                        return (scenario, result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines))
                    }
                }
            }
            group.addTask {
                var failures = 0
                for _ in 0..<10 where try DCMTK.echo(port: server.dicomPort, callingAETitle: "MODALITY").status != 0 {
                    failures += 1
                }
                return ("honest", "\(failures)")
            }
            for try await (scenario, output) in group {
                switch scenario {
                case "honest":
                    #expect(output == "0", "honest echoes failed while hostile peers were connected")
                case "contexts":
                    // Refused or answered, never left hanging: an A-ASSOCIATE-AC (02), -RJ (03) or A-ABORT (07).
                    #expect(["02", "03", "07"].contains(String(output.prefix(2))), "\(scenario): \(output)")
                case "garbage", "lying-length", "short-length":
                    #expect(output.hasSuffix("closed"), "\(scenario) left open: \(output)")
                default:
                    break
                }
            }
        }
        #expect(server.isRunning)
        #expect(try DCMTK.echo(port: server.dicomPort, callingAETitle: "MODALITY").status == 0)
        let folder = try TestInstances.temporaryFolder("hostile")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try TestInstances.write(
            TestInstances.dataSet(
                study: "1.2.826.0.1.3680043.10.91.1", series: "1.2.826.0.1.3680043.10.91.1.1",
                instance: "1.2.826.0.1.3680043.10.91.1.1.1"), to: folder, name: "after.dcm")
        #expect(try DCMTK.store(port: server.dicomPort, callingAETitle: "MODALITY", files: [file]).status == 0)
        #expect(try server.query("SELECT COUNT(*) FROM archive_instances") == [["1"]])
        let rss = Self.rss(of: pid)
        #expect(rss > 0 && rss < 400_000, "resident memory \(rss) kB after hostile peers")
    }
}
