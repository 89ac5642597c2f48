import DICOM
import DICOMNetwork
import Foundation
import LightboxTestSupport
import Testing

/// The Storage SCP of `lightbox serve` against dcmtk's storescu and our own SCU: every corpus file
/// indexed and stored byte for byte, duplicates by policy, bad UIDs refused with nothing written.
@Suite("Storage SCP of lightbox serve", .serialized)
struct StorageTests {
    @Test(
        "storescu of every valid, edge, rdsr and dose-image corpus file: each storable one is indexed, byte-identical")
    func corpus() async throws {
        let server = try await ArchiveServer(peers: ["STORESCU": "echo,store"])
        defer { Task { await server.stop() } }
        let paths = try CorpusFiles.paths(["valid", "edge", "rdsr", "dose-image"])
        #expect(paths.count > 250)
        let result = try DCMTK.store(port: server.dicomPort, callingAETitle: "STORESCU", files: paths, extra: ["-R"])
        #expect(server.isRunning, "the server survived the corpus")
        let expectations = paths.compactMap(CorpusFiles.expectation)
        #expect(expectations.count > 200, "the corpus has storable files")
        // Several corpus files may share a SOP Instance UID: the first stored wins (policy keep).
        var byInstance: [String: [CorpusFiles.Expectation]] = [:]
        for expectation in expectations { byInstance[expectation.sopInstanceUID, default: []].append(expectation) }
        let rows = try server.query(
            "SELECT i.sop_instance_uid, i.sop_class_uid, s.study_instance_uid, se.series_instance_uid, i.image_key "
                + "FROM archive_instances i JOIN archive_studies s ON s.id = i.archive_study_id "
                + "JOIN archive_series se ON se.id = i.archive_series_id")
        let indexed = Dictionary(rows.map { ($0[0], $0) }, uniquingKeysWith: { first, _ in first })
        #expect(rows.count == indexed.count, "one row per SOP Instance UID")
        var missing: [String] = []
        var different: [String] = []
        for (uid, candidates) in byInstance {
            guard let row = indexed[uid] else {
                missing.append(candidates[0].path)
                continue
            }
            let matching = candidates.first {
                $0.sopClassUID == row[1] && $0.studyInstanceUID == row[2] && $0.seriesInstanceUID == row[3]
            }
            guard let matching, let stored = try server.storedFile(sopInstanceUID: uid) else {
                different.append(uid)
                continue
            }
            // The archived file holds the data set exactly as the file had it (storescu sends it as is).
            let storedBytes = try TestInstances.dataSetBytes(of: stored.path)
            let anyIdentical = try candidates.contains { try TestInstances.dataSetBytes(of: $0.path) == storedBytes }
            if !anyIdentical { different.append("\(matching.path) (bytes)") }
        }
        #expect(missing.isEmpty, "not indexed: \(missing.prefix(10)); storescu: \(result.standardError.suffix(3000))")
        #expect(different.isEmpty, "indexed differently: \(different.prefix(10))")
        // Nothing but content-addressed files and the staging folder in the image folder.
        for file in server.imageFiles() {
            #expect(
                file.range(of: #"^[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{64}$"#, options: .regularExpression) != nil,
                "\(file)")
        }
        #expect(server.stagingFiles().isEmpty)
        // Studies carry the aggregates C-FIND and QIDO-RS answer.
        let studies = try server.query(
            "SELECT COUNT(*) FROM archive_studies WHERE number_of_instances < 1 OR number_of_series < 1 "
                + "OR sop_classes_in_study = ''")
        #expect(studies == [["0"]])
        let audited = try server.query("SELECT COUNT(*) FROM audit_entries WHERE action = 'image.stored'")
        #expect(audited == [["\(rows.count)"]])
    }

    @Test("Same instance again: one file, one row; different bytes: kept with a warning status, audited")
    func duplicatesKept() async throws {
        let server = try await ArchiveServer(peers: ["MODALITY": "store"])
        defer { Task { await server.stop() } }
        let uids = ("1.2.826.0.1.3680043.10.88.1", "1.2.826.0.1.3680043.10.88.1.1", "1.2.826.0.1.3680043.10.88.1.1.1")
        let first = try TestInstances.dataSet(study: uids.0, series: uids.1, instance: uids.2, note: "first")
        let changed = try TestInstances.dataSet(study: uids.0, series: uids.1, instance: uids.2, note: "changed")
        #expect(
            try await TestInstances.store(first, port: server.dicomPort, callingAETitle: "MODALITY").status == .success)
        let stored = try #require(try server.storedFile(sopInstanceUID: uids.2))
        let original = try Data(contentsOf: stored)
        #expect(
            try await TestInstances.store(first, port: server.dicomPort, callingAETitle: "MODALITY").status == .success)
        let kept = try await TestInstances.store(changed, port: server.dicomPort, callingAETitle: "MODALITY")
        #expect(kept.status == .elementsDiscarded)
        #expect(kept.command.errorComment?.contains("kept") == true)
        #expect(try server.query("SELECT COUNT(*) FROM archive_instances") == [["1"]])
        #expect(server.imageFiles().count == 1)
        #expect(try Data(contentsOf: stored) == original)
        let audit = try server.query(
            "SELECT action FROM audit_entries WHERE action LIKE 'image.%' AND action <> 'image.study-unmatched' ORDER BY sequence"
        )
        #expect(audit == [["image.stored"], ["image.stored-again"], ["image.duplicate-kept"]])
    }

    @Test("Under --duplicate-policy replace different bytes replace the archived instance, audited")
    func duplicatesReplaced() async throws {
        let server = try await ArchiveServer(
            peers: ["MODALITY": "store"], extraArguments: ["--duplicate-policy", "replace"])
        defer { Task { await server.stop() } }
        let uids = ("1.2.826.0.1.3680043.10.89.1", "1.2.826.0.1.3680043.10.89.1.1", "1.2.826.0.1.3680043.10.89.1.1.1")
        let first = try TestInstances.dataSet(study: uids.0, series: uids.1, instance: uids.2, note: "first")
        let changed = try TestInstances.dataSet(study: uids.0, series: uids.1, instance: uids.2, note: "changed")
        #expect(
            try await TestInstances.store(first, port: server.dicomPort, callingAETitle: "MODALITY").status == .success)
        let before = try #require(try server.storedFile(sopInstanceUID: uids.2))
        #expect(
            try await TestInstances.store(changed, port: server.dicomPort, callingAETitle: "MODALITY").status
                == .success)
        let after = try #require(try server.storedFile(sopInstanceUID: uids.2))
        #expect(before != after)
        #expect(!FileManager.default.fileExists(atPath: before.path), "the replaced file is removed")
        let sent = try DICOMWriter().encode(changed, transferSyntax: .explicitVRLittleEndian)
        #expect(try TestInstances.dataSetBytes(of: after.path) == Data(sent.readableBytesView))
        #expect(try server.query("SELECT COUNT(*) FROM archive_instances") == [["1"]])
        #expect(try server.query("SELECT COUNT(*) FROM audit_entries WHERE action = 'image.replaced'") == [["1"]])
    }

    @Test(
        "Path-like, oversize and non-numeric UIDs are refused (0xA900) naming the problem; nothing is written",
        arguments: ["../../x", String(repeating: "1", count: 65), "1.2.abc.3"])
    func badUIDs(_ bad: String) async throws {
        let server = try await ArchiveServer(peers: ["MODALITY": "store"])
        defer { Task { await server.stop() } }
        let cases = [
            try TestInstances.dataSet(study: "1.2.3.4", series: "1.2.3.4.5", instance: bad),
            try TestInstances.dataSet(study: bad, series: "1.2.3.4.5", instance: "1.2.3.4.5.6"),
            try TestInstances.dataSet(study: "1.2.3.4", series: bad, instance: "1.2.3.4.5.7"),
        ]
        let before = Set(try FileManager.default.contentsOfDirectory(atPath: server.data.path))
        let parentBefore = Set(
            try FileManager.default.contentsOfDirectory(atPath: server.data.deletingLastPathComponent().path))
        for data in cases {
            let result = try await TestInstances.store(data, port: server.dicomPort, callingAETitle: "MODALITY")
            #expect(result.status.category == .failure, "\(result.status)")
            #expect(result.status == .dataSetDoesNotMatchSOPClass, "\(result.status)")
            #expect(
                result.command.errorComment?.contains("UID") == true, "\(result.command.errorComment ?? "no comment")")
        }
        #expect(try server.query("SELECT COUNT(*) FROM archive_instances") == [["0"]])
        #expect(server.imageFiles().isEmpty)
        #expect(server.stagingFiles().isEmpty)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: server.data.path)) == before)
        let parentAfter = Set(
            try FileManager.default.contentsOfDirectory(atPath: server.data.deletingLastPathComponent().path))
        #expect(parentAfter.subtracting(parentBefore).filter { $0 == "x" || $0.hasPrefix("1.2") }.isEmpty)
        #expect(FileManager.default.fileExists(atPath: server.data.appendingPathComponent("x").path) == false)
    }

    @Test("Unmatched studies appear on /api/archive/reconciliation; a radiographer rejects one, audited")
    func reconciliationOverHTTP() async throws {
        let server = try await ArchiveServer(peers: ["MODALITY": "store"])
        defer { Task { await server.stop() } }
        let data = try TestInstances.dataSet(
            study: "1.2.826.0.1.3680043.10.90.1", series: "1.2.826.0.1.3680043.10.90.1.1",
            instance: "1.2.826.0.1.3680043.10.90.1.1.1", accession: "NO-SUCH-EXAM")
        #expect(
            try await TestInstances.store(data, port: server.dicomPort, callingAETitle: "MODALITY").status == .success)
        let user = try server.lightbox.run(
            ["user", "add", "rad", "--role", "radiographer", "--data", server.data.path],
            environment: ArchiveServer.quiet)
        let token = try #require(user.lines.last)
        let curl = try ExternalProgram(path: "/usr/bin/curl")
        let base = "http://127.0.0.1:\(server.httpPort)/api/archive/reconciliation"
        let list = try curl.run(["-s", "-m", "20", "-H", "Authorization: Bearer \(token)", base])
        #expect(list.standardOutput.contains("1.2.826.0.1.3680043.10.90.1"), "\(list.standardOutput)")
        #expect(list.standardOutput.contains("unmatched"))
        let items = try JSONSerialization.jsonObject(with: Data(list.standardOutput.utf8)) as? [[String: Any]]
        let study = try #require(items?.first?["study"] as? [String: Any])
        let studyID = try #require(study["id"] as? String)
        let reject = try curl.run([
            "-s", "-m", "20", "-w", "\n%{http_code}", "-H", "Authorization: Bearer \(token)", "-H",
            "Content-Type: application/json", "--data", #"{"action":"reject","reason":"test phantom"}"#,
            base + "/" + studyID.lowercased(),
        ])
        #expect(reject.lines.last == "200", "\(reject.standardOutput)")
        #expect(try server.query("SELECT match_status FROM archive_studies") == [["rejected"]])
        #expect(try server.query("SELECT COUNT(*) FROM audit_entries WHERE action = 'image.study-rejected'") == [["1"]])
    }
}
