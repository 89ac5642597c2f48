import DICOM
import Foundation
import NIOCore
import Testing

@testable import DICOMNetwork

/// Our worklist C-FIND against dcmtk's wlmscpfs serving the corpus items returns exactly what
/// dcmtk's own `findscu -W` gets for the same queries (query files and `-k` keys).
@Suite(.serialized) struct WorklistInteropTests {
    struct Peer {
        var tool: Tool
        var port: Int
        var root: String
    }

    func startWorklistSCP() async throws -> Peer {
        let corpus = try Corpus.root()
        let items = try Corpus.rows(category: "mwl").filter { $0.path.hasSuffix(".wl") }
        #expect(items.count >= 10)
        let root = try makeTemporaryDirectory("wlm")
        try FileManager.default.createDirectory(atPath: root + "/db/WLMSCP", withIntermediateDirectories: true)
        for item in items {
            try FileManager.default.copyItem(
                atPath: item.path, toPath: root + "/db/WLMSCP/" + (item.path as NSString).lastPathComponent)
        }
        try FileManager.default.copyItem(
            atPath: corpus + "/dicom/mwl/dcmtk-debian/wlistdb/lockfile", toPath: root + "/db/WLMSCP/lockfile")
        let port = try Net.freePort()
        let tool = try Tool(dcmtk + "wlmscpfs", ["-dfp", root + "/db", "\(port)"])
        try await Net.waitForPort(port)
        return Peer(tool: tool, port: port, root: root)
    }

    /// Each answer as DICOM JSON, sorted: equal sets of answers compare equal.
    func canonical(_ dataSets: [DataSet]) -> [String] {
        dataSets.map { DICOMJSONEncoder().encode($0) }.sorted()
    }

    func dcmtkAnswers(port: Int, arguments: [String], root: String) async throws -> [String] {
        let out = root + "/findscu-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let result = try await Tool.run(
            dcmtk + "findscu", ["-W", "-aec", "WLMSCP", "-X", "-od", out, "127.0.0.1", "\(port)"] + arguments,
            timeout: 30)
        #expect(result.status == 0, "findscu: \(result.all.suffix(500))")
        let files = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasPrefix("rsp") }.sorted()
        return canonical(try files.map { try DICOMReader().read(contentsOf: out + "/" + $0).dataSet })
    }

    func ourAnswers(port: Int, identifier: DataSet, root: String) async throws -> [String] {
        let model = QueryInformationModel.worklist
        let association = try await DICOMClient().connect(
            host: "127.0.0.1", port: port,
            parameters: AssociationParameters(
                callingAETitle: "LIGHTBOX", calledAETitle: "WLMSCP",
                proposals: [.init(abstractSyntax: model.findSOPClassUID)]))
        let context = try #require(association.presentationContext(for: model.findSOPClassUID))
        let responses = association.find(
            sopClassUID: model.findSOPClassUID, identifier: try EncodedDataSet(identifier, for: context))
        // Through the answer writer, as `lightbox dicom find --out` does, then read back.
        let writer = try FindAnswerWriter(directory: root + "/ours-\(UUID().uuidString)")
        var paths: [String] = []
        for try await answer in responses {
            paths.append(try writer.write(answer, index: paths.count + 1, sopClassUID: model.findSOPClassUID))
        }
        #expect(responses.finalStatus == .success)
        try await association.release()
        return canonical(try paths.map { try DICOMReader().read(contentsOf: $0).dataSet })
    }

    @Test func queryFilesGiveTheSameAnswersAsFindscu() async throws {
        let peer = try await startWorklistSCP()
        defer {
            peer.tool.terminate()
            try? FileManager.default.removeItem(atPath: peer.root)
        }
        let queries = try Corpus.rows(category: "mwl").filter {
            $0.path.contains("wlistqry-bin/") && $0.path.hasSuffix(".dcm")
        }
        #expect(queries.count >= 10)
        var nonEmpty = 0
        for query in queries {
            let expected = try await dcmtkAnswers(port: peer.port, arguments: [query.path], root: peer.root)
            let identifier = try DICOMReader().read(contentsOf: query.path).dataSet
            let ours = try await ourAnswers(port: peer.port, identifier: identifier, root: peer.root)
            #expect(ours == expected, "\(query.path): \(ours.count) answers vs findscu's \(expected.count)")
            if !expected.isEmpty { nonEmpty += 1 }
        }
        #expect(nonEmpty >= 3, "some queries match items")
    }

    @Test func commandLineKeysGiveTheSameAnswersAsFindscu() async throws {
        let peer = try await startWorklistSCP()
        defer {
            peer.tool.terminate()
            try? FileManager.default.removeItem(atPath: peer.root)
        }
        let keySets: [[String]] = [
            [
                "PatientName", "PatientID", "ScheduledProcedureStepSequence[0].Modality=MR",
                "ScheduledProcedureStepSequence[0].ScheduledStationAETitle",
            ],
            ["PatientName=*", "AccessionNumber", "ScheduledProcedureStepSequence[0].ScheduledProcedureStepStartDate"],
            ["0010,0010", "0010,0020=*", "0040,0100[0].0008,0060"],
        ]
        for keys in keySets {
            let expected = try await dcmtkAnswers(
                port: peer.port, arguments: keys.flatMap { ["-k", $0] }, root: peer.root)
            let ours = try await ourAnswers(
                port: peer.port, identifier: try QueryKeys.identifier(keys: keys), root: peer.root)
            #expect(ours == expected, "\(keys): \(ours.count) answers vs findscu's \(expected.count)")
            #expect(!expected.isEmpty, "\(keys) matches items")
        }
    }

    @Test func queryKeyParsing() throws {
        let ds = try QueryKeys.identifier(keys: [
            "PatientName=DOE^J*", "0010,0020", "ScheduledProcedureStepSequence[1].Modality=CT", "StudyDate=20240101-",
        ])
        #expect(ds.string(.patientName) == "DOE^J*")
        #expect(ds.contains(Tag(0x0010, 0x0020)))
        let items = try #require(ds.sequence(Tag(0x0040, 0x0100)))
        #expect(items.count == 2)
        #expect(items[1].string(Tag(0x0008, 0x0060)) == "CT")
        #expect(throws: DICOMNetworkError.self) { try QueryKeys.identifier(keys: ["NoSuchKeyword=1"]) }
        #expect(throws: DICOMNetworkError.self) { try QueryKeys.identifier(keys: ["PatientName[x]=1"]) }
        #expect(throws: DICOMNetworkError.self) { try QueryKeys.identifier(keys: ["PatientName.PatientID=1"]) }
    }
}
