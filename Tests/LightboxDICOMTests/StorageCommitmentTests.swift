import Foundation
import LightboxTestSupport
import Testing

/// Storage Commitment Push Model (PS3.4 Annex J) of `lightbox serve`, answered from the index, with
/// pynetdicom as the requestor: on the request's association, and on a new one to the peer's address.
@Suite("Storage commitment of lightbox serve", .serialized)
struct StorageCommitmentTests {
    /// argv: port, mode (same | new), our listening port, then class/instance pairs. Prints JSON.
    static let script = #"""
        import sys, json, threading
        from pydicom.dataset import Dataset
        from pynetdicom import AE, evt
        from pynetdicom.sop_class import StorageCommitmentPushModel as SC
        port = int(sys.argv[1]); mode = sys.argv[2]; listen = int(sys.argv[3])
        refs = [sys.argv[i:i + 2] for i in range(4, len(sys.argv), 2)]
        got = threading.Event(); out = {}
        def on_report(event):
            ds = event.event_information
            out['report'] = {
                'on_acceptor_side': event.assoc.is_acceptor,
                'event_type': event.event_type,
                'transaction': str(ds.TransactionUID),
                'committed': [str(i.ReferencedSOPInstanceUID) for i in ds.get('ReferencedSOPSequence', [])],
                'failed': [[str(i.ReferencedSOPInstanceUID), int(i.FailureReason)] for i in ds.get('FailedSOPSequence', [])],
                'retrieve_ae': str(ds.get('RetrieveAETitle', '')),
            }
            got.set()
            return 0x0000, None
        ae = AE(ae_title='PYNET')
        ae.add_requested_context(SC)
        server = None
        if mode == 'new':
            ae.add_supported_context(SC, scu_role=False, scp_role=True)
            server = ae.start_server(('127.0.0.1', listen), block=False, evt_handlers=[(evt.EVT_N_EVENT_REPORT, on_report)])
        assoc = ae.associate('127.0.0.1', port, ae_title='LIGHTBOX', evt_handlers=[(evt.EVT_N_EVENT_REPORT, on_report)])
        assert assoc.is_established, 'not established'
        req = Dataset(); req.TransactionUID = '1.2.826.0.1.3680043.10.92.' + mode.__len__().__str__()
        seq = []
        for c, i in refs:
            item = Dataset(); item.ReferencedSOPClassUID = c; item.ReferencedSOPInstanceUID = i; seq.append(item)
        req.ReferencedSOPSequence = seq
        status, reply = assoc.send_n_action(req, 1, SC, '1.2.840.10008.1.20.1.1')
        out['action'] = status.Status if status else None
        if mode == 'same':
            out['report_arrived'] = got.wait(20); assoc.release()
        else:
            # The requestor leaves at once. An abort, not a release: a released association may still
            # carry the report when it is sent before the release arrives (PS3.4 J.3.3 allows either),
            # so only an abort makes the archive use the peer's registered address every time.
            assoc.abort(); out['report_arrived'] = got.wait(20); server.shutdown()
        print(json.dumps(out))
        """#

    @Test("Stored instances are committed, an unknown one fails with 0x0112, on the same or a new association")
    func commitment() async throws {
        let listen = try freePort()
        let server = try await ArchiveServer(peers: ["PYNET": "echo,store,commit", "MODALITY": "store"])
        defer { Task { await server.stop() } }
        try server.addPeer("PYNET", services: "echo,store,commit", port: listen)
        var stored: [String] = []
        for index in 1...2 {
            let uid = "1.2.826.0.1.3680043.10.92.1.1.\(index)"
            let data = try TestInstances.dataSet(
                study: "1.2.826.0.1.3680043.10.92.1", series: "1.2.826.0.1.3680043.10.92.1.1", instance: uid)
            #expect(
                try await TestInstances.store(data, port: server.dicomPort, callingAETitle: "MODALITY").status
                    == .success)
            stored.append(uid)
        }
        let unknown = "1.2.826.0.1.3680043.10.92.1.1.99"
        let references = (stored + [unknown]).flatMap { [TestInstances.secondaryCapture, $0] }
        for mode in ["same", "new"] {
            let result = try ExternalProgram(path: "/usr/bin/env").run(
                ["python3", "-c", Self.script, "\(server.dicomPort)", mode, "\(listen)"] + references, timeout: 90)
            #expect(result.status == 0, "pynetdicom (\(mode)): \(result.standardError.suffix(1500))")
            let json = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
            #expect(json?["action"] as? Int == 0)
            #expect(json?["report_arrived"] as? Bool == true, "\(mode): \(result.standardOutput)")
            let report = try #require(json?["report"] as? [String: Any], "\(mode): no N-EVENT-REPORT")
            #expect(report["on_acceptor_side"] as? Bool == (mode == "new"))
            #expect(report["event_type"] as? Int == 2)
            #expect(report["committed"] as? [String] == stored)
            let failed = report["failed"] as? [[Any]] ?? []
            #expect(failed.first?.first as? String == unknown && failed.first?.last as? Int == 0x0112)
            #expect(report["retrieve_ae"] as? String == ArchiveServer.aeTitle)
        }
        #expect(try server.query("SELECT COUNT(*) FROM audit_entries WHERE action = 'image.commitment'") == [["2"]])
    }

    func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw Failure("cannot bind a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
