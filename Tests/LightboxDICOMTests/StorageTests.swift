import DICOM
import DICOMNetwork
import Foundation
import LightboxTestSupport
import Testing

/// The Storage SCP of `lightbox serve` against dcmtk's storescu and our own SCU: every corpus file
/// indexed and stored byte for byte, duplicates by policy, bad UIDs refused with nothing written.
@Suite("Storage SCP of lightbox serve", .serialized)
struct StorageTests {
    /// storescu's option proposing a transfer syntax (dcmtk has no codecs here: each file goes in its own syntax).
    static let proposeFlags: [String: String] = [
        "1.2.840.10008.1.2.1": "-xe", "1.2.840.10008.1.2": "-xi", "1.2.840.10008.1.2.2": "-xb",
        "1.2.840.10008.1.2.1.99": "-xd", "1.2.840.10008.1.2.4.70": "-xs", "1.2.840.10008.1.2.4.50": "-xy",
        "1.2.840.10008.1.2.4.51": "-xx", "1.2.840.10008.1.2.4.90": "-xv", "1.2.840.10008.1.2.4.91": "-xw",
        "1.2.840.10008.1.2.4.80": "-xt", "1.2.840.10008.1.2.4.81": "-xu", "1.2.840.10008.1.2.5": "-xr",
    ]

    /// A data set's values as a sender may re-encode them without changing them (dcmtk's storescu
    /// re-encodes every data set): no group lengths or trailing padding element, values without
    /// padding, the VR left out (UN may become the dictionary's), encapsulated pixel data without its
    /// offset table.
    static func comparable(_ path: String) throws -> [String] {
        try comparable(DICOMReader().read(contentsOf: path).dataSet)
    }

    static func comparable(_ dataSet: DataSet) -> [String] {
        dataSet.elements.filter { !$0.tag.isGroupLength && $0.tag != Tag(0xFFFC, 0xFFFC) }.map { element in
            switch element.value {
            case .bytes(let bytes):
                var trimmed = Array(bytes.readableBytesView)
                while let last = trimmed.last, last == 0 || last == 0x20 { trimmed.removeLast() }
                return "\(element.tag)=\(trimmed)"
            case .sequence(let items):
                return "\(element.tag)=[" + items.map { comparable($0).joined(separator: ",") }.joined(separator: "|")
                    + "]"
            case .fragments(let pixels):
                return "\(element.tag)="
                    + pixels.fragments.map { "\(Array($0.readableBytesView).count)" }.joined(separator: ",")
            }
        }
    }

    @Test(
        "storescu of every valid, edge, rdsr and dose-image corpus file: each storable one is indexed and stored as sent"
    )
    func corpus() async throws {
        let server = try await ArchiveServer(peers: ["STORESCU": "echo,store"])
        defer { Task { await server.stop() } }
        let paths = try CorpusFiles.paths(["valid", "edge", "rdsr", "dose-image"])
        #expect(paths.count > 250)
        var expectations = paths.compactMap(CorpusFiles.expectation).filter {
            Self.proposeFlags[$0.transferSyntaxUID] != nil
        }
        #expect(expectations.count > 200, "the corpus has storable files")
        // One storescu run per transfer syntax, proposing that syntax (as a modality would).
        var ignored: Set<String> = []
        var log = ""
        for (syntax, group) in Dictionary(grouping: expectations, by: \.transferSyntaxUID) {
            let flag = try #require(Self.proposeFlags[syntax])
            let result = try DCMTK.store(
                port: server.dicomPort, callingAETitle: "STORESCU", files: group.map(\.path), extra: ["-R", flag])
            let output = result.standardOutput + result.standardError
            log += output
            // Files storescu itself cannot read are not sent, so not expected.
            for line in output.split(separator: "\n") where line.contains("ignoring file") {
                if let start = line.range(of: "file: "), let end = line.range(of: ", ignoring") {
                    ignored.insert(String(line[start.upperBound..<end.lowerBound]))
                }
            }
        }
        expectations.removeAll { ignored.contains($0.path) }
        #expect(server.isRunning, "the server survived the corpus")
        // Several corpus files may share a SOP Instance UID: the first stored wins (policy keep).
        var byInstance: [String: [CorpusFiles.Expectation]] = [:]
        for expectation in expectations { byInstance[expectation.sopInstanceUID, default: []].append(expectation) }
        let rows = try server.query(
            "SELECT i.sop_instance_uid, i.sop_class_uid, s.study_instance_uid, se.series_instance_uid, "
                + "i.transfer_syntax_uid FROM archive_instances i JOIN archive_studies s ON s.id = i.archive_study_id "
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
            guard
                candidates.contains(where: {
                    $0.sopClassUID == row[1] && $0.studyInstanceUID == row[2] && $0.seriesInstanceUID == row[3]
                        && $0.transferSyntaxUID == row[4]
                }), let stored = try server.storedFile(sopInstanceUID: uid)
            else {
                different.append("\(uid) (index)")
                continue
            }
            // The archived file holds the data set as sent, in the file's own transfer syntax.
            let storedElements = try Self.comparable(stored.path)
            if try !candidates.contains(where: { try Self.comparable($0.path) == storedElements }) {
                different.append("\(candidates[0].path) (content)")
            }
        }
        #expect(missing.isEmpty, "not indexed: \(missing.prefix(10)); storescu: \(log.suffix(3000))")
        #expect(different.isEmpty, "indexed or stored differently: \(different.prefix(10))")
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

    @Test("Two associations storing the same instance at once: one file, one index row, both told Success")
    func concurrentSameInstance() async throws {
        let server = try await ArchiveServer(peers: ["MODALITY": "store"])
        defer { Task { await server.stop() } }
        for round in 1...5 {
            let study = "1.2.826.0.1.3680043.10.93.\(round)"
            let data = try TestInstances.dataSet(study: study, series: study + ".1", instance: study + ".1.1")
            let port = server.dicomPort
            let statuses = try await withThrowingTaskGroup(of: DIMSEStatus.self) { group in
                for _ in 0..<4 {
                    group.addTask { try await TestInstances.store(data, port: port, callingAETitle: "MODALITY").status }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == .success }, "round \(round): \(statuses)")
        }
        #expect(
            try server.query("SELECT COUNT(*), COUNT(DISTINCT sop_instance_uid) FROM archive_instances") == [
                ["5", "5"]
            ])
        #expect(server.imageFiles().count == 5)
        #expect(try server.query("SELECT COUNT(*) FROM archive_studies") == [["5"]])
    }

    @Test("Below the free-space threshold a C-STORE gets 0xA700 (out of resources) and nothing is written")
    func outOfSpace() async throws {
        // A threshold no disk meets: the store is refused before anything is received into a file.
        let server = try await ArchiveServer(
            peers: ["MODALITY": "store"], environment: ["LIGHTBOX_ARCHIVE_MIN_FREE_BYTES": "\(Int64.max / 2)"])
        defer { Task { await server.stop() } }
        let study = "1.2.826.0.1.3680043.10.94.1"
        let data = try TestInstances.dataSet(study: study, series: study + ".1", instance: study + ".1.1")
        let result = try await TestInstances.store(data, port: server.dicomPort, callingAETitle: "MODALITY")
        #expect(result.status == .outOfResources)
        #expect(result.command.errorComment?.contains("free") == true, "\(result.command.errorComment ?? "")")
        #expect(try server.query("SELECT COUNT(*) FROM archive_instances") == [["0"]])
        #expect(server.imageFiles().isEmpty && server.stagingFiles().isEmpty)
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
