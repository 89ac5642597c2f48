import Foundation
import LightboxTestSupport
import Synchronization
import Testing

/// C-CANCEL (PS3.7 §9.3.2.3, §9.3.3.3, §9.3.4.3) from real peers, pynetdicom and dcmtk's findscu: the archive
/// stops a C-FIND, a C-MOVE and a C-GET and answers Cancel (FE00), the unsent instances of a retrieve listed as
/// failed. The C-FIND asks for the instances of a study of thousands, which the index answers in one page, so the
/// cancel arrives while the answers are going out.
@Suite("C-CANCEL of C-FIND, C-MOVE and C-GET from pynetdicom", .serialized)
struct CancelTests {
    static let study = "1.2.826.0.1.3680043.10.79.1"
    static let count = 12
    static let bigStudy = "1.2.826.0.1.3680043.10.79.2"
    static let bigCount = 1000

    @Test("The archive stops at C-CANCEL and answers FE00")
    func cancel() async throws {
        let server = try await ArchiveServer(peers: ["STORESCU": "store", "PYNET": "find,move,get"])
        defer { Task { await server.stop() } }
        let folder = try TestInstances.temporaryFolder("cancel")
        defer { try? FileManager.default.removeItem(at: folder) }
        var paths: [String] = []
        for index in 1...Self.count {
            paths.append(
                try TestInstances.write(
                    TestInstances.dataSet(
                        study: Self.study, series: Self.study + ".1", instance: Self.study + ".1.\(index)",
                        patientID: "CANCEL-1", note: "\(index)"), to: folder, name: "c\(index).dcm"))
        }
        // The big study: one small instance written, then copied with the last component of its SOP Instance UID
        // (10001 to 11000, as long as the template's 10000) patched in place.
        let template = try Data(
            contentsOf: URL(
                fileURLWithPath: try TestInstances.write(
                    TestInstances.dataSet(
                        study: Self.bigStudy, series: Self.bigStudy + ".1", instance: Self.bigStudy + ".1.10000",
                        patientID: "CANCEL-2", pixels: 2), to: folder, name: "template.dcm")))
        let marker = Data((Self.bigStudy + ".1.10000").utf8)
        var offsets: [Int] = []
        var from = template.startIndex
        while let range = template.range(of: marker, in: from..<template.endIndex) {
            offsets.append(range.upperBound - 5)
            from = range.upperBound
        }
        try #require(!offsets.isEmpty)
        for index in 1...Self.bigCount {
            var copy = template
            let digits = Data(String(format: "1%04d", index).utf8)
            for offset in offsets { copy.replaceSubrange(offset..<offset + 5, with: digits) }
            let path = folder.appendingPathComponent("big\(index).dcm").path
            try copy.write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        try FileManager.default.removeItem(at: folder.appendingPathComponent("template.dcm"))
        // Four storescu associations at once: the archive syncs their instances together.
        let port = server.dicomPort
        let chunks = stride(from: 0, to: paths.count, by: (paths.count + 3) / 4).map {
            Array(paths[$0..<min($0 + (paths.count + 3) / 4, paths.count)])
        }
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: chunks.count) { index in
            do {
                let stored = try DCMTK.store(port: port, callingAETitle: "STORESCU", files: chunks[index])
                if stored.status != 0 { failures.withLock { $0.append(String(stored.standardError.suffix(1500))) } }
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty, "storescu: \(failures.withLock { $0 })")
        let indexed = try server.query(
            "SELECT COUNT(*) FROM archive_instances i JOIN archive_series s ON i.archive_series_id = s.id "
                + "WHERE s.series_instance_uid = '\(Self.bigStudy).1'")
        #expect(indexed.first?.first == "\(Self.bigCount)")
        let destinationPort = try QueryRetrieveTests.freePort()
        try server.addPeer("PYDEST", services: "echo", port: destinationPort)
        let script = """
            import sys, threading, time
            from pydicom.dataset import Dataset
            from pydicom.uid import ExplicitVRLittleEndian
            from pynetdicom import AE, evt, build_role
            from pynetdicom.sop_class import StudyRootQueryRetrieveInformationModelFind as FIND, \\
                StudyRootQueryRetrieveInformationModelMove as MOVE, \\
                StudyRootQueryRetrieveInformationModelGet as GET, SecondaryCaptureImageStorage as SC
            port, dest_port, study, big = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
            def ident(level, study=study):
                ds = Dataset()
                ds.QueryRetrieveLevel = level
                ds.StudyInstanceUID = study
                if level == "IMAGE":
                    ds.SOPInstanceUID = ""
                return ds
            def final(responses):
                pending, last = 0, None
                for status, identifier in responses:
                    if status.Status in (0xFF00, 0xFF01):
                        pending += 1
                    last = (status, identifier)
                status, identifier = last
                failed = identifier.FailedSOPInstanceUIDList if identifier is not None and "FailedSOPInstanceUIDList" in identifier else []
                failed = [failed] if isinstance(failed, str) else list(failed)
                return "status=%04X completed=%s failed=%s list=%d" % (status.Status, status.get("NumberOfCompletedSuboperations"), status.get("NumberOfFailedSuboperations"), len(failed))

            # C-FIND of the big study's instances: the C-CANCEL goes out once the first answer is in, while
            # the archive is still sending the others.
            ae = AE(ae_title="PYNET")
            ae.add_requested_context(FIND, ExplicitVRLittleEndian)
            assoc = ae.associate("127.0.0.1", port, ae_title="LIGHTBOX")
            assert assoc.is_established, "find association refused"
            pending, last = 0, None
            for status, _ in assoc.send_c_find(ident("IMAGE", big), FIND, msg_id=7):
                if not status:
                    raise SystemExit("no C-FIND response")
                if status.Status in (0xFF00, 0xFF01):
                    pending += 1
                    if pending == 1:
                        assoc.send_c_cancel(7, query_model=FIND)
                last = status
            print("FIND status=%04X pending=%d" % (last.Status, pending))
            assoc.release()

            # C-MOVE: cancelled from another thread once the destination has the first instance; the
            # destination answers that store only after the C-CANCEL is on its way.
            first_stored, cancel_sent = threading.Event(), threading.Event()
            def on_move_store(event):
                first_stored.set()
                cancel_sent.wait(20)
                time.sleep(0.3)
                return 0x0000
            scp = AE(ae_title="PYDEST")
            scp.add_supported_context(SC, ExplicitVRLittleEndian)
            destination = scp.start_server(("127.0.0.1", dest_port), block=False, evt_handlers=[(evt.EVT_C_STORE, on_move_store)])
            ae = AE(ae_title="PYNET")
            ae.add_requested_context(MOVE)
            assoc = ae.associate("127.0.0.1", port, ae_title="LIGHTBOX")
            assert assoc.is_established, "move association refused"
            def cancel_move():
                if first_stored.wait(60):
                    assoc.send_c_cancel(1, query_model=MOVE)
                cancel_sent.set()
            threading.Thread(target=cancel_move, daemon=True).start()
            print("MOVE " + final(assoc.send_c_move(ident("STUDY"), "PYDEST", MOVE, msg_id=1)))
            assoc.release()
            destination.shutdown()

            # C-GET: the requestor sends C-CANCEL while it receives the first instance.
            received = []
            def on_get_store(event):
                received.append(event.request.AffectedSOPInstanceUID)
                if len(received) == 1:
                    event.assoc.send_c_cancel(1, query_model=GET)
                return 0x0000
            ae = AE(ae_title="PYNET")
            ae.add_requested_context(GET)
            ae.add_requested_context(SC, ExplicitVRLittleEndian)
            assoc = ae.associate("127.0.0.1", port, ae_title="LIGHTBOX", ext_neg=[build_role(SC, scp_role=True)], evt_handlers=[(evt.EVT_C_STORE, on_get_store)])
            assert assoc.is_established, "get association refused"
            print("GET " + final(assoc.send_c_get(ident("STUDY"), GET, msg_id=1)))
            print("GOT %d" % len(received))
            assoc.release()
            """
        let result = try ExternalProgram(path: "/usr/bin/env").run(
            ["python3", "-c", script, "\(server.dicomPort)", "\(destinationPort)", Self.study, Self.bigStudy],
            timeout: 180)
        #expect(result.status == 0, "pynetdicom: \(result.standardError.suffix(2000))")
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        func line(_ prefix: String) throws -> [String: String] {
            let found = try #require(lines.first { $0.hasPrefix(prefix + " ") }, "\(prefix) in \(lines)")
            return Dictionary(
                uniqueKeysWithValues: found.split(separator: " ").dropFirst().compactMap { pair in
                    let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                    return parts.count == 2 ? (parts[0], parts[1]) : nil
                })
        }
        // The cancel is honoured mid-stream: Cancel, and far from every answer sent.
        let find = try line("FIND")
        let pending = Int(find["pending"] ?? "") ?? -1
        #expect(find["status"] == "FE00", "\(lines)")
        #expect((1..<Self.bigCount).contains(pending), "\(pending) answers of \(Self.bigCount): \(lines)")
        for retrieve in ["MOVE", "GET"] {
            let answer = try line(retrieve)
            #expect(answer["status"] == "FE00", "\(retrieve): \(lines)")
            let completed = Int(answer["completed"] ?? "") ?? -1
            let listed = Int(answer["list"] ?? "") ?? -1
            #expect((1..<Self.count).contains(completed), "\(retrieve) completed \(completed) of \(Self.count)")
            // The instances not sent are listed as failed (PS3.4 §C.4.2.1.4.2, §C.4.3.1.4.2).
            #expect(completed + listed == Self.count, "\(retrieve): \(lines)")
        }
        #expect(lines.contains { $0.hasPrefix("GOT ") && Int($0.dropFirst(4)) ?? Self.count < Self.count })

        // dcmtk's findscu --cancel: C-CANCEL after the third answer, the final response Cancel; -X writes each
        // answer received.
        let answers = folder.appendingPathComponent("findscu")
        try FileManager.default.createDirectory(at: answers, withIntermediateDirectories: true)
        let findscu = try DCMTK.run(
            "findscu",
            [
                "-v", "-S", "-aet", "PYNET", "-aec", ArchiveServer.aeTitle, "--cancel", "3", "-X", "-od", answers.path,
                "-k", "QueryRetrieveLevel=IMAGE", "-k", "StudyInstanceUID=\(Self.bigStudy)", "-k", "SOPInstanceUID",
                "127.0.0.1", "\(server.dicomPort)",
            ], timeout: 60)
        let output = findscu.standardOutput + findscu.standardError
        #expect(findscu.status == 0, "findscu: \(output.suffix(1500))")
        let finalLine = output.split(separator: "\n").first { $0.contains("Received Final Find Response") }
        #expect(finalLine?.contains("Cancel") == true, "findscu: \(output.suffix(1500))")
        let answered = try FileManager.default.contentsOfDirectory(atPath: answers.path).filter { $0.hasPrefix("rsp") }
            .count
        #expect((3..<Self.bigCount).contains(answered), "findscu: \(answered) answers of \(Self.bigCount)")
    }
}
