import DICOM
import Foundation
import LightboxTestSupport
import Testing

/// Sequence matching (PS3.4 §C.2.2.2.6) on stored instances, with dcmtk findscu: the Procedure Code
/// Sequence of a study and the Request Attributes Sequence of a series are indexed, matched item by
/// item (every key of the query's item on the same stored item) and answered with the matching items.
@Suite("Sequence matching on archived studies and series", .serialized)
struct SequenceMatchingTests {
    static let root = "1.2.826.0.1.3680043.10.78"
    static let chest = root + ".1"
    static let head = root + ".2"
    static let plain = root + ".3"

    static func code(_ value: String, _ meaning: String) throws -> DataSet {
        var item = DataSet()
        try item.set(Tag(0x0008, 0x0100), vr: .SH, string: value)
        try item.set(Tag(0x0008, 0x0102), vr: .SH, string: "99LIGHTBOX")
        try item.set(Tag(0x0008, 0x0104), vr: .LO, string: meaning)
        return item
    }

    static func request(_ procedure: String, _ step: String, _ accession: String) throws -> DataSet {
        var item = DataSet()
        try item.set(.accessionNumber, string: accession)
        try item.set(.requestedProcedureID, string: procedure)
        try item.set(Tag(0x0040, 0x0009), vr: .SH, string: step)
        return item
    }

    /// Three studies: a chest X-ray with one procedure code and two series made for two requests, a CT
    /// head with two codes, and a study with no sequence at all.
    static func store(_ server: ArchiveServer, folder: URL) throws {
        var paths: [String] = []
        let series: [(study: String, series: String, codes: [DataSet], requests: [DataSet])] = [
            (chest, chest + ".1", [try code("XCHEST", "XR Chest PA")], [try request("RP1", "SPS1", "ACC1")]),
            (chest, chest + ".2", [try code("XCHEST", "XR Chest PA")], [try request("RP2", "SPS2", "ACC1")]),
            (head, head + ".1", [try code("CHEADN", "CT Head"), try code("CHEADC", "CT Head contrast")], []),
            (plain, plain + ".1", [], []),
        ]
        for (index, entry) in series.enumerated() {
            var data = try TestInstances.dataSet(
                study: entry.study, series: entry.series, instance: entry.series + ".1", patientID: "SEQ-1",
                accession: entry.study == chest ? "ACC1" : "", note: "\(index)")
            if !entry.codes.isEmpty { data.set(Tag(0x0008, 0x1032), sequence: entry.codes) }
            if !entry.requests.isEmpty { data.set(Tag(0x0040, 0x0275), sequence: entry.requests) }
            paths.append(try TestInstances.write(data, to: folder, name: "seq\(index).dcm"))
        }
        let stored = try DCMTK.store(port: server.dicomPort, callingAETitle: "STORESCU", files: paths)
        guard stored.status == 0 else { throw Failure("storescu: \(stored.standardError.suffix(2000))") }
    }

    /// findscu -S with `keys`; the answers' data sets.
    static func find(_ server: ArchiveServer, folder: URL, _ keys: [String]) throws -> [DataSet] {
        let out = folder.appendingPathComponent("find-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try DCMTK.run(
            "findscu",
            ["-v", "-S", "-aet", "FINDSCU", "-aec", ArchiveServer.aeTitle, "-X", "-od", out.path]
                + keys.flatMap { ["-k", $0] } + ["127.0.0.1", "\(server.dicomPort)"], timeout: 60)
        #expect(result.status == 0, "findscu \(keys): \(result.standardError.suffix(1500))")
        return try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasPrefix("rsp") }.sorted()
            .map { try DICOMReader().read(contentsOf: out.appendingPathComponent($0).path).dataSet }
    }

    @Test("findscu with Procedure Code Sequence and Request Attributes Sequence keys")
    func findscu() async throws {
        let server = try await ArchiveServer(peers: ["STORESCU": "store", "FINDSCU": "find"])
        defer { Task { await server.stop() } }
        let folder = try TestInstances.temporaryFolder("sequences")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.store(server, folder: folder)
        let codeValue = Tag(0x0008, 0x0100)
        func studies(_ keys: [String]) throws -> [String] {
            try Self.find(server, folder: folder, ["QueryRetrieveLevel=STUDY", "StudyInstanceUID"] + keys)
                .map { $0.string(.studyInstanceUID) ?? "" }.sorted()
        }

        // Single value: the study whose item has the code, answered with that item.
        let chest = try Self.find(
            server, folder: folder,
            ["QueryRetrieveLevel=STUDY", "StudyInstanceUID", "ProcedureCodeSequence[0].CodeValue=XCHEST"])
        #expect(chest.map { $0.string(.studyInstanceUID) } == [Self.chest])
        #expect(chest.first?.sequence(Tag(0x0008, 0x1032))?.map { $0.string(codeValue) } == ["XCHEST"])
        // Wildcards; only the matching items come back.
        #expect(try studies(["ProcedureCodeSequence[0].CodeValue=CHEAD*"]) == [Self.head])
        let contrast = try Self.find(
            server, folder: folder,
            [
                "QueryRetrieveLevel=STUDY", "StudyInstanceUID", "ProcedureCodeSequence[0].CodeValue=CHEADC",
                "ProcedureCodeSequence[0].CodeMeaning",
            ])
        let items = contrast.first?.sequence(Tag(0x0008, 0x1032)) ?? []
        #expect(items.map { $0.string(codeValue) } == ["CHEADC"])
        #expect(items.first?.string(Tag(0x0008, 0x0104)) == "CT Head contrast")
        // Every key of the query's item must hold on one and the same stored item.
        #expect(
            try studies([
                "ProcedureCodeSequence[0].CodeValue=CHEADN", "ProcedureCodeSequence[0].CodeMeaning=CT Head contrast",
            ]).isEmpty)
        #expect(try studies(["ProcedureCodeSequence[0].CodeValue=NOSUCH"]).isEmpty)
        // Universal matching: every study, each answered with its own items (none for the plain one).
        let all = try Self.find(
            server, folder: folder,
            ["QueryRetrieveLevel=STUDY", "StudyInstanceUID", "ProcedureCodeSequence[0].CodeValue"])
        #expect(all.count == 3)
        let counts = Dictionary(
            uniqueKeysWithValues: all.map {
                ($0.string(.studyInstanceUID) ?? "", $0.sequence(Tag(0x0008, 0x1032))?.count ?? -1)
            })
        #expect(counts == [Self.chest: 1, Self.head: 2, Self.plain: 0])

        // Series level: the Request Attributes Sequence of each series.
        func series(_ keys: [String]) throws -> [String] {
            try Self.find(
                server, folder: folder,
                ["QueryRetrieveLevel=SERIES", "StudyInstanceUID=\(Self.chest)", "SeriesInstanceUID"] + keys
            ).map { $0.string(.seriesInstanceUID) ?? "" }.sorted()
        }
        #expect(try series(["RequestAttributesSequence[0].RequestedProcedureID=RP2"]) == [Self.chest + ".2"])
        #expect(
            try series(["RequestAttributesSequence[0].ScheduledProcedureStepID=SPS*"]) == [
                Self.chest + ".1", Self.chest + ".2",
            ])
        #expect(
            try series([
                "RequestAttributesSequence[0].RequestedProcedureID=RP1",
                "RequestAttributesSequence[0].ScheduledProcedureStepID=SPS2",
            ]).isEmpty)
        #expect(try series(["RequestAttributesSequence[0].AccessionNumber=ACC1"]).count == 2)
    }

    static let qidoScript = """
        import sys, json
        from dicomweb_client.api import DICOMwebClient
        url, token, chest, head = sys.argv[1:5]
        client = DICOMwebClient(url=url, headers={"Authorization": "Bearer " + token})
        def first(item, tag):
            return item.get(tag, {}).get("Value", [None])[0]
        def codes(result):
            return [first(item, "00080100") for item in result.get("00081032", {}).get("Value", [])]
        def uid(result, tag):
            return result[tag]["Value"][0]
        report = {}
        studies = client.search_for_studies(fields=["ProcedureCodeSequence"])
        report["codes"] = {uid(s, "0020000D"): codes(s) for s in studies}
        report["default"] = "00081032" in client.search_for_studies(search_filters={"StudyInstanceUID": chest})[0]
        matched = client.search_for_studies(search_filters={"ProcedureCodeSequence.CodeValue": "CHEADC"})
        report["matched"] = {uid(s, "0020000D"): codes(s) for s in matched}
        report["all"] = codes(client.search_for_studies(search_filters={"StudyInstanceUID": head}, fields=["all"])[0])
        series = client.search_for_series(study_instance_uid=chest)
        report["requests"] = {
            uid(s, "0020000E"): [[first(i, "00401001"), first(i, "00400009"), first(i, "00080050")]
                                 for i in s.get("00400275", {}).get("Value", [])]
            for s in series}
        print(json.dumps(report))
        """

    @Test("QIDO-RS through dicomweb-client answers the sequences' items, by default and through includefield")
    func qido() async throws {
        let server = try await ArchiveServer(peers: ["STORESCU": "store"])
        defer { Task { await server.stop() } }
        let folder = try TestInstances.temporaryFolder("sequences-qido")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.store(server, folder: folder)
        let token = try DICOMwebTests.token(server)
        let result = try ExternalProgram(path: "/usr/bin/env").run(
            [
                "python3", "-c", Self.qidoScript, "http://127.0.0.1:\(server.httpPort)/dicom-web", token, Self.chest,
                Self.head,
            ], timeout: 120)
        #expect(result.status == 0, "dicomweb-client: \(result.standardError.suffix(3000))")
        let line = try #require(result.standardOutput.split(separator: "\n").last.map(String.init))
        let report = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        // includefield=ProcedureCodeSequence: each study with its items, in their order; none for the plain one.
        #expect(
            report["codes"] as? [String: [String]] == [
                Self.chest: ["XCHEST"], Self.head: ["CHEADN", "CHEADC"], Self.plain: [],
            ])
        // Not a default of the study level (PS3.18 Table 10.6.3-3).
        #expect(report["default"] as? Bool == false)
        // A sequence key answers the matching items only, as C-FIND does.
        #expect(report["matched"] as? [String: [String]] == [Self.head: ["CHEADC"]])
        #expect(report["all"] as? [String] == ["CHEADN", "CHEADC"])
        // The Request Attributes Sequence is a default of the series level (PS3.18 Table 10.6.3-4).
        #expect(
            report["requests"] as? [String: [[String]]] == [
                Self.chest + ".1": [["RP1", "SPS1", "ACC1"]], Self.chest + ".2": [["RP2", "SPS2", "ACC1"]],
            ])
    }
}
