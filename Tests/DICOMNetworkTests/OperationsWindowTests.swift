import DICOM
import Foundation
import NIOCore
import Testing

@testable import DICOMNetwork

/// A find that answers slowly (so requests pipelined behind it arrive while it runs) and a get
/// of one generated CT instance.
struct SlowFindAndGet: FindHandler, GetHandler {
    static let instanceUID = "1.2.826.0.1.3680043.9.7.77"
    var sopClassUIDs: [String] {
        [QueryInformationModel.studyRoot.findSOPClassUID, QueryInformationModel.studyRoot.getSOPClassUID].compactMap {
            $0
        }
    }

    func find(_ request: QueryRequest, respond: (EncodedDataSet) async throws -> Void) async throws -> DIMSEStatus {
        let context = PresentationContext(
            id: 1, abstractSyntax: request.sopClassUID, transferSyntax: request.identifier.transferSyntaxUID)
        for index in 1...4 {
            var answer = DataSet()
            try answer.set(Tag(0x0008, 0x0052), string: "STUDY")
            try answer.set(.studyInstanceUID, string: "1.2.3.\(index)")
            try await respond(try EncodedDataSet(answer, for: context))
            try await Task.sleep(for: .milliseconds(60))
        }
        return .success
    }

    func instances(for request: QueryRequest) async throws -> [StoreItem] {
        var instance = DataSet()
        try instance.set(.sopClassUID, string: "1.2.840.10008.5.1.4.1.1.2")
        try instance.set(.sopInstanceUID, string: Self.instanceUID)
        try instance.set(.patientID, string: "P1")
        let context = PresentationContext(
            id: 1, abstractSyntax: "1.2.840.10008.5.1.4.1.1.2", transferSyntax: TransferSyntaxUID.implicitVRLittleEndian
        )
        return [
            StoreItem(
                source: .buffer(try EncodedDataSet(instance, for: context).bytes),
                sopClassUID: "1.2.840.10008.5.1.4.1.1.2", sopInstanceUID: Self.instanceUID,
                transferSyntaxUID: TransferSyntaxUID.implicitVRLittleEndian)
        ]
    }
}

/// Asynchronous operations window (PS3.7 D.3.3.3): a requestor that negotiated a window above 1
/// may pipeline requests; they are performed in order of arrival, including behind a running
/// C-FIND (cancel checks) and C-GET (whose C-STORE responses arrive behind them). Without a
/// window, pipelining stays a protocol error.
@Suite(.serialized) struct OperationsWindowTests {
    /// Raw DIMSE peer. Prints JSON: the window granted in the A-ASSOCIATE-AC and every message
    /// received as [command field, message ID (responded to), status].
    static let script = #"""
        import socket, sys, json
        port = int(sys.argv[1]); scenario = sys.argv[2]
        def item(t, b): return bytes([t, 0]) + len(b).to_bytes(2, 'big') + b
        def el(g, e, v): return g.to_bytes(2, 'little') + e.to_bytes(2, 'little') + len(v).to_bytes(4, 'little') + v
        def us(v): return v.to_bytes(2, 'little')
        def uid(u): b = u.encode(); return b + (b'\0' if len(b) % 2 else b'')
        def command(fields):
            body = b''.join(el(0, e, v) for e, v in sorted(fields))
            return el(0, 0, len(body).to_bytes(4, 'little')) + body
        def pdata(ctx, ctrl, b):
            pdv = (len(b) + 2).to_bytes(4, 'big') + bytes([ctx, ctrl]) + b
            return b'\x04\x00' + len(pdv).to_bytes(4, 'big') + pdv
        VER = '1.2.840.10008.1.1'; FIND = '1.2.840.10008.5.1.4.1.2.2.1'; GET = '1.2.840.10008.5.1.4.1.2.2.3'
        CT = '1.2.840.10008.5.1.4.1.1.2'; IMPLICIT = '1.2.840.10008.1.2'
        contexts = [(1, VER), (3, FIND), (5, GET), (7, CT)]
        pcs = b''.join(item(0x20, bytes([i, 0, 0, 0]) + item(0x30, a.encode()) + item(0x40, IMPLICIT.encode())) for i, a in contexts)
        ui = item(0x51, (16384).to_bytes(4, 'big')) + item(0x52, b'1.2.3')
        if scenario != 'no-window':
            ui += item(0x53, (4).to_bytes(2, 'big') + (1).to_bytes(2, 'big'))
        ui += item(0x54, len(CT).to_bytes(2, 'big') + CT.encode() + bytes([0, 1]))
        body = b'\x00\x01\x00\x00' + b'LIGHTBOX'.ljust(16) + b'PIPELINE'.ljust(16) + b'\0' * 32 + item(0x10, b'1.2.840.10008.3.1.1.1') + pcs + item(0x50, ui)
        s = socket.create_connection(('127.0.0.1', port)); s.settimeout(15)
        s.sendall(b'\x01\x00' + len(body).to_bytes(4, 'big') + body)
        buf = b''
        def pdu():
            global buf
            while len(buf) < 6 or len(buf) < 6 + int.from_bytes(buf[2:6], 'big'):
                chunk = s.recv(65536)
                if not chunk: return None, None
                buf += chunk
            n = 6 + int.from_bytes(buf[2:6], 'big'); p = buf[:n]; buf = buf[n:]
            return p[0], p[6:]
        t, ac = pdu(); assert t == 2, 'no A-ASSOCIATE-AC: %r' % t
        out = {'window': None, 'events': []}
        i = ac.find(b'\x53\x00\x00\x04')
        if i >= 0: out['window'] = [int.from_bytes(ac[i + 4:i + 6], 'big'), int.from_bytes(ac[i + 6:i + 8], 'big')]
        identifier = el(0x0008, 0x0052, b'STUDY ') + el(0x0020, 0x000D, b'')
        def echo(mid): return pdata(1, 3, command([(0x0002, uid(VER)), (0x0100, us(0x30)), (0x0110, us(mid)), (0x0800, us(0x0101))]))
        def find(mid): return pdata(3, 3, command([(0x0002, uid(FIND)), (0x0100, us(0x20)), (0x0110, us(mid)), (0x0700, us(0)), (0x0800, us(0))])) + pdata(3, 2, identifier)
        def get(mid): return pdata(5, 3, command([(0x0002, uid(GET)), (0x0100, us(0x10)), (0x0110, us(mid)), (0x0700, us(0)), (0x0800, us(0))])) + pdata(5, 2, identifier)
        def store(mid, inst):
            data = el(0x0008, 0x0016, uid(CT)) + el(0x0008, 0x0018, uid(inst)) + el(0x0010, 0x0020, b'P2')
            return pdata(7, 3, command([(0x0002, uid(CT)), (0x0100, us(1)), (0x0110, us(mid)), (0x0700, us(0)), (0x0800, us(0)), (0x1000, uid(inst))])) + pdata(7, 0, data[:10]) + pdata(7, 2, data[10:])
        if scenario == 'echoes': s.sendall(echo(1) + echo(2) + echo(3)); want = 3
        elif scenario in ('pipeline', 'no-window'): s.sendall(find(5) + store(6, '1.2.826.0.1.3680043.9.7.66') + echo(7)); want = 1
        elif scenario == 'get': s.sendall(get(9) + echo(10)); want = 1
        cmd = b''; echoes = 0; pending = None
        while echoes < want:
            t, body = pdu()
            if t is None: out['events'].append(['closed']); break
            if t != 4: out['events'].append(['pdu', t]); break
            j = 0
            while j < len(body):
                n = int.from_bytes(body[j:j + 4], 'big'); ctx = body[j + 4]; ctrl = body[j + 5]; v = body[j + 6:j + 4 + n]; j += 4 + n
                if not ctrl & 1:
                    if pending and ctrl & 2:
                        # The C-GET sub-operation's data set is in: answer its C-STORE.
                        pctx, pmid, inst = pending; pending = None
                        s.sendall(pdata(pctx, 3, command([(0x0002, uid(CT)), (0x0100, us(0x8001)), (0x0120, us(pmid)), (0x0800, us(0x0101)), (0x0900, us(0)), (0x1000, inst)])))
                    continue
                cmd += v
                if not ctrl & 2: continue
                f = {}; k = 0
                while k < len(cmd):
                    e = int.from_bytes(cmd[k + 2:k + 4], 'little'); ln = int.from_bytes(cmd[k + 4:k + 8], 'little'); f[e] = cmd[k + 8:k + 8 + ln]; k += 8 + ln
                cmd = b''
                field = int.from_bytes(f[0x0100], 'little')
                mid = int.from_bytes(f.get(0x0120, f.get(0x0110, b'\0\0')), 'little')
                status = int.from_bytes(f[0x0900], 'little') if 0x0900 in f else None
                out['events'].append([field, mid, status])
                if field == 0x8030: echoes += 1
                if field == 0x0001: pending = (ctx, mid, f[0x1000])
        print(json.dumps(out))
        """#

    func run(port: Int, scenario: String) async throws -> (window: [Int]?, events: [[Int?]]) {
        let result = try await Tool.run("/usr/bin/python3", ["-c", Self.script, "\(port)", scenario], timeout: 40)
        #expect(result.status == 0, "peer: \(result.all.suffix(1500))")
        let json = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any] ?? [:]
        let events = (json["events"] as? [[Any]] ?? []).map { $0.map { $0 as? Int } }
        return (json["window"] as? [Int], events)
    }

    func handlers(_ dir: String) -> ServiceHandlers {
        ServiceHandlers(
            verification: AlwaysSuccessVerification(), store: DirectoryStoreHandler(directory: dir),
            find: SlowFindAndGet(), get: SlowFindAndGet())
    }

    static func configuration(window: UInt16 = 3) -> DICOMServerConfiguration {
        DICOMServerConfiguration(aeTitle: "LIGHTBOX", maximumPDULength: 65_536, maximumOperationsPerformed: window)
    }

    @Test func pipelinedEchoesAreAnsweredInOrderWithinTheGrantedWindow() async throws {
        let dir = try makeTemporaryDirectory("window")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try await withConfiguredServer(Self.configuration(), handlers: handlers(dir)) { port, _ in
            let (window, events) = try await run(port: port, scenario: "echoes")
            // Proposed 4 invoked / 1 performed: we invoke 1 and perform min(4, 3).
            #expect(window == [1, 3])
            #expect(events == [[0x8030, 1, 0], [0x8030, 2, 0], [0x8030, 3, 0]])
        }
    }

    @Test func requestsPipelinedBehindAFindArePerformedAfterIt() async throws {
        let dir = try makeTemporaryDirectory("window")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try await withConfiguredServer(Self.configuration(), handlers: handlers(dir)) { port, _ in
            let (_, events) = try await run(port: port, scenario: "pipeline")
            let find = Array(repeating: [0x8020, 5, 0xFF00] as [Int?], count: 4) + [[0x8020, 5, 0]]
            #expect(events == find + [[0x8001, 6, 0], [0x8030, 7, 0]])
            let files = try FileManager.default.subpathsOfDirectory(atPath: dir).filter { $0.hasSuffix(".dcm") }
            #expect(files.count == 1)
        }
    }

    @Test func requestPipelinedBehindAGetWaitsForItsSubOperations() async throws {
        let dir = try makeTemporaryDirectory("window")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try await withConfiguredServer(Self.configuration(), handlers: handlers(dir)) { port, _ in
            let (_, events) = try await run(port: port, scenario: "get")
            #expect(events.count == 3, "\(events)")
            #expect(events.first?.first == 0x0001, "the C-STORE sub-operation first: \(events)")
            #expect(Array(events.dropFirst()) == [[0x8010, 9, 0], [0x8030, 10, 0]])
        }
    }

    @Test func pipeliningWithoutANegotiatedWindowIsAborted() async throws {
        let dir = try makeTemporaryDirectory("window")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try await withConfiguredServer(Self.configuration(), handlers: handlers(dir)) { port, _ in
            let (window, events) = try await run(port: port, scenario: "no-window")
            #expect(window == nil)
            #expect(events.last == [nil, 7] || events.last == [nil], "A-ABORT or close: \(events)")
            #expect(!events.contains { $0.first == 0x8030 })
        }
    }

    @Test func windowReplyFollowsPS37() {
        #expect(OperationsWindowNegotiation.negotiate(nil, maximumPerformed: 8).window == 1)
        let unlimited = OperationsWindowNegotiation.negotiate(
            .init(maxOperationsInvoked: 0, maxOperationsPerformed: 0), maximumPerformed: 8)
        #expect(unlimited.reply == .init(maxOperationsInvoked: 1, maxOperationsPerformed: 8))
        #expect(unlimited.window == 8)
        let two = OperationsWindowNegotiation.negotiate(
            .init(maxOperationsInvoked: 2, maxOperationsPerformed: 1), maximumPerformed: 8)
        #expect(two.reply == .init(maxOperationsInvoked: 1, maxOperationsPerformed: 2))
    }
}
