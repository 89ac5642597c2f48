import DICOM
import Foundation
import NIOCore
import Testing

@testable import DICOMNetwork

/// A tiny archive of corpus files behind the find/move/get handler protocols.
struct TestArchive: FindHandler, MoveHandler, GetHandler {
    var files: [String]
    var destinations: [String: MoveDestination]
    var sopClassUIDs: [String] {
        QueryInformationModel.allCases.flatMap {
            [$0.findSOPClassUID, $0.moveSOPClassUID, $0.getSOPClassUID].compactMap { $0 }
        }
    }

    func find(_ request: QueryRequest, respond: (EncodedDataSet) async throws -> Void) async throws -> DIMSEStatus {
        let query = try request.identifier.dataSet()
        let wantedPatient = query.string(.patientID).flatMap { $0.isEmpty || $0 == "*" ? nil : $0 }
        let context = PresentationContext(
            id: 1, abstractSyntax: request.sopClassUID, transferSyntax: request.identifier.transferSyntaxUID)
        var seen = Set<String>()
        for path in files {
            let instance = try DICOMReader(options: .init(stopBefore: .pixelData)).read(contentsOf: path).dataSet
            guard let study = instance.string(.studyInstanceUID), !seen.contains(study) else { continue }
            if let wantedPatient, instance.string(.patientID) != wantedPatient { continue }
            seen.insert(study)
            var answer = DataSet()
            for element in query where element.tag != Tag(0x0008, 0x0052) {
                if let value = instance.string(element.tag) {
                    try answer.set(element.tag, vr: element.vr, string: value)
                } else {
                    answer.insert(DataElement(tag: element.tag, vr: element.vr, bytes: ByteBuffer()))
                }
            }
            try answer.set(Tag(0x0008, 0x0052), string: query.string(Tag(0x0008, 0x0052)) ?? "STUDY")
            try await respond(try EncodedDataSet(answer, for: context))
        }
        return .success
    }

    func destination(aeTitle: String, request: QueryRequest) async -> MoveDestination? { destinations[aeTitle] }

    func instances(for request: QueryRequest) async throws -> [StoreItem] {
        try files.map { try StoreItem(file: $0) }
    }
}

@Suite(.serialized) struct QueryRetrieveSCPTests {
    static func archiveFiles() throws -> [String] {
        Array(
            try Corpus.rows(category: "valid").filter {
                $0.detected.contains("TS=Explicit VR Little Endian") && $0.detected.contains("Modality=CT")
            }.map(\.path).prefix(3))
    }

    @Test func findscuAgainstOurServer() async throws {
        let files = try Self.archiveFiles()
        #expect(files.count == 3)
        let studies = Set(
            try files.map {
                try DICOMReader(options: .init(stopBefore: .pixelData)).read(contentsOf: $0).dataSet.string(
                    .studyInstanceUID) ?? ""
            })
        let archive = TestArchive(files: files, destinations: [:])
        let out = try makeTemporaryDirectory("findscu")
        defer { try? FileManager.default.removeItem(atPath: out) }
        try await withServer(handlers: ServiceHandlers(find: archive)) { port, _ in
            let result = try await Tool.run(
                dcmtk + "findscu",
                [
                    "-S", "-aet", "FINDSCU", "-aec", "LIGHTBOX", "-X", "-od", out, "-k", "QueryRetrieveLevel=STUDY",
                    "-k", "StudyInstanceUID",
                    "-k", "PatientID", "-k", "PatientName", "127.0.0.1", "\(port)",
                ], timeout: 30)
            #expect(result.status == 0, "findscu: \(result.all.suffix(800))")
            let answers = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasPrefix("rsp") }
            #expect(answers.count == studies.count)
            let found = Set(
                try answers.map {
                    try DICOMReader().read(contentsOf: out + "/" + $0).dataSet.string(.studyInstanceUID) ?? ""
                })
            #expect(found == studies)
        }
    }

    @Test func movescuAndGetscuAgainstOurServer() async throws {
        let files = try Self.archiveFiles()
        let expected = Set(try files.map { try Part10Header.read(path: $0).mediaStorageSOPInstanceUID })
        let moveOut = try makeTemporaryDirectory("movescu")
        let getOut = try makeTemporaryDirectory("getscu")
        defer {
            try? FileManager.default.removeItem(atPath: moveOut)
            try? FileManager.default.removeItem(atPath: getOut)
        }
        let movePort = try Net.freePort()
        let archive = TestArchive(
            files: files,
            destinations: ["MOVESCU": MoveDestination(host: "127.0.0.1", port: movePort, aeTitle: "MOVESCU")])
        try await withServer(handlers: ServiceHandlers(find: archive, move: archive, get: archive)) { port, _ in
            let move = try await Tool.run(
                dcmtk + "movescu",
                [
                    "-S", "-aet", "MOVESCU", "-aec", "LIGHTBOX", "-aem", "MOVESCU", "--port", "\(movePort)", "-od",
                    moveOut,
                    "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=1.2.3", "127.0.0.1", "\(port)",
                ], timeout: 60)
            #expect(move.status == 0, "movescu: \(move.all.suffix(800))")
            let moved = try FileManager.default.contentsOfDirectory(atPath: moveOut)
            #expect(moved.count == expected.count, "movescu received \(moved)")

            let get = try await Tool.run(
                dcmtk + "getscu",
                [
                    "-S", "-aet", "GETSCU", "-aec", "LIGHTBOX", "-od", getOut,
                    "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=1.2.3", "127.0.0.1", "\(port)",
                ], timeout: 60)
            #expect(get.status == 0, "getscu: \(get.all.suffix(800))")
            let got = try FileManager.default.contentsOfDirectory(atPath: getOut)
            #expect(got.count == expected.count, "getscu received \(got)")
            let received = Set(
                try got.map { try Part10Header.read(path: getOut + "/" + $0).mediaStorageSOPInstanceUID })
            #expect(received == expected)
        }
    }

    @Test func ourFindMoveGetAgainstDcmqrscp() async throws {
        let files = try Self.archiveFiles()
        let expected = Set(try files.map { try Part10Header.read(path: $0).mediaStorageSOPInstanceUID })
        let root = try makeTemporaryDirectory("dcmqrscp")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let port = try Net.freePort()
        let ourPort = try Net.freePort()
        try FileManager.default.createDirectory(atPath: root + "/db", withIntermediateDirectories: true)
        let config = """
            NetworkTCPPort  = \(port)
            MaxPDUSize      = 16384
            MaxAssociations = 16
            HostTable BEGIN
            lightbox = (LIGHTBOX, 127.0.0.1, \(ourPort))
            loader = (LOADER, 127.0.0.1, 1)
            HostTable END
            VendorTable BEGIN
            VendorTable END
            AETable BEGIN
            QRSCP \(root)/db RW (200, 1024mb) ANY
            AETable END
            """
        try config.write(toFile: root + "/dcmqrscp.cfg", atomically: true, encoding: .utf8)
        let scp = try Tool(dcmtk + "dcmqrscp", ["-c", root + "/dcmqrscp.cfg", "--disable-host-lookup"])
        defer { scp.terminate() }
        try await Net.waitForPort(port)
        // Load the archive through our own C-STORE.
        let headers = try files.map { try Part10Header.read(path: $0) }
        let loader = try await DICOMClient().connect(
            host: "127.0.0.1", port: port,
            parameters: AssociationParameters(
                callingAETitle: "LOADER", calledAETitle: "QRSCP",
                proposals: headers.map {
                    .init(abstractSyntax: $0.mediaStorageSOPClassUID, transferSyntaxes: [$0.transferSyntaxUID])
                }))
        for file in files { #expect(try await loader.store(file: file).status == .success) }
        try await loader.release()

        let model = QueryInformationModel.studyRoot
        let storage = GetStorageProposals.proposals(limit: 60)
        let association = try await DICOMClient().connect(
            host: "127.0.0.1", port: port,
            parameters: AssociationParameters(
                callingAETitle: "LIGHTBOX", calledAETitle: "QRSCP",
                proposals: [
                    .init(abstractSyntax: model.findSOPClassUID), .init(abstractSyntax: model.moveSOPClassUID!),
                    .init(abstractSyntax: model.getSOPClassUID!),
                ] + storage.proposals,
                roleSelections: storage.roles))
        let findContext = try #require(association.presentationContext(for: model.findSOPClassUID))
        let query = try QueryKeys.identifier(keys: ["QueryRetrieveLevel=STUDY", "StudyInstanceUID", "PatientID"])
        let matches = try await association.find(
            sopClassUID: model.findSOPClassUID, identifier: EncodedDataSet(query, for: findContext)
        ).collect()
        let studies = try matches.compactMap { try $0.dataSet().string(.studyInstanceUID) }
        #expect(!studies.isEmpty)

        // C-GET of every study back to us.
        let getDir = try makeTemporaryDirectory("qr-get")
        defer { try? FileManager.default.removeItem(atPath: getDir) }
        let getContext = try #require(association.presentationContext(for: model.getSOPClassUID!))
        for study in studies {
            let identifier = try QueryKeys.identifier(keys: ["QueryRetrieveLevel=STUDY", "StudyInstanceUID=\(study)"])
            let result = try await association.get(
                sopClassUID: model.getSOPClassUID!, identifier: EncodedDataSet(identifier, for: getContext),
                storeHandler: DirectoryStoreHandler(directory: getDir))
            #expect(result.status == .success, "C-GET \(result.status)")
        }
        let got = Set(
            try FileManager.default.contentsOfDirectory(atPath: getDir).map {
                try Part10Header.read(path: getDir + "/" + $0).mediaStorageSOPInstanceUID
            })
        #expect(got == expected)

        // C-MOVE of every study to our own storage SCP.
        let moveDir = try makeTemporaryDirectory("qr-move")
        defer { try? FileManager.default.removeItem(atPath: moveDir) }
        let receiver = DICOMServer(
            configuration: DICOMServerConfiguration(host: "127.0.0.1", port: ourPort, aeTitle: "LIGHTBOX"),
            handlers: ServiceHandlers(store: DirectoryStoreHandler(directory: moveDir)))
        let receiving = Task { try await receiver.run() }
        defer { receiving.cancel() }
        try await Net.waitForPort(ourPort)
        let moveContext = try #require(association.presentationContext(for: model.moveSOPClassUID!))
        for study in studies {
            let identifier = try QueryKeys.identifier(keys: ["QueryRetrieveLevel=STUDY", "StudyInstanceUID=\(study)"])
            let result = try await association.move(
                sopClassUID: model.moveSOPClassUID!, identifier: EncodedDataSet(identifier, for: moveContext),
                destination: "LIGHTBOX")
            #expect(result.status == .success, "C-MOVE \(result.status)")
        }
        let moved = Set(
            try FileManager.default.contentsOfDirectory(atPath: moveDir).map {
                try Part10Header.read(path: moveDir + "/" + $0).mediaStorageSOPInstanceUID
            })
        #expect(moved == expected)
        try await association.release()
    }
}
