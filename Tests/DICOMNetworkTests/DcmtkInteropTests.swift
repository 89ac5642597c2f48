import Foundation
import NIOCore
import Testing

@testable import DICOMNetwork

/// Interoperability with dcmtk (Debian), every peer on 127.0.0.1 with free ports.
@Suite(.serialized) struct DcmtkInteropTests {
    @Test func echoscuAgainstOurServer() async throws {
        try await withServer(handlers: ServiceHandlers(verification: AlwaysSuccessVerification())) { port, _ in
            let result = try await Tool.run(
                dcmtk + "echoscu", ["-v", "-aet", "ECHOSCU", "-aec", "LIGHTBOX", "127.0.0.1", "\(port)"], timeout: 30)
            #expect(result.status == 0, "echoscu: \(result.all)")
            #expect(result.all.contains("Received Echo Response (Success)"), "\(result.all)")
        }
    }

    @Test func echoscuWithWrongCalledAETitleIsRejected() async throws {
        try await withServer(handlers: ServiceHandlers(verification: AlwaysSuccessVerification())) { port, _ in
            let result = try await Tool.run(
                dcmtk + "echoscu", ["-aet", "ECHOSCU", "-aec", "SOMEONE", "127.0.0.1", "\(port)"], timeout: 30)
            #expect(result.status != 0)
            #expect(result.all.contains("Called AE Title Not Recognized"), "\(result.all)")
        }
    }

    @Test func ourClientStoresEveryValidCorpusFileToStorescp() async throws {
        let rows = try Corpus.rows(category: "valid")
        #expect(rows.count > 100)
        let dir = try makeTemporaryDirectory("storescp")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let port = try Net.freePort()
        let storescp = try Tool(dcmtk + "storescp", ["+xa", "-aet", "STORESCP", "-od", dir, "\(port)"])
        defer { Task { _ = await storescp.stop() } }
        try await Net.waitForPort(port)

        let items = try rows.map { try (path: $0.path, header: Part10Header.read(path: $0.path)) }
        // One association per batch of at most 128 distinct (SOP class, transfer syntax) pairs.
        var pending = items
        var stored = 0
        var instances = Set<String>()
        while !pending.isEmpty {
            var proposals: [AssociationParameters.Proposal] = []
            var batch: [(path: String, header: Part10Header)] = []
            var rest: [(path: String, header: Part10Header)] = []
            for item in pending {
                let proposal = AssociationParameters.Proposal(
                    abstractSyntax: item.header.mediaStorageSOPClassUID, transferSyntaxes: [item.header.transferSyntaxUID])
                if proposals.contains(proposal) {
                    batch.append(item)
                } else if proposals.count < 128 {
                    proposals.append(proposal)
                    batch.append(item)
                } else {
                    rest.append(item)
                }
            }
            let association = try await DICOMClient().connect(
                host: "127.0.0.1", port: port,
                parameters: AssociationParameters(callingAETitle: "LIGHTBOX", calledAETitle: "STORESCP", proposals: proposals))
            for item in batch {
                if let trace = ProcessInfo.processInfo.environment["NET_TRACE"] { try? (item.path + "\n").appendLine(to: trace) }
                let result = try await association.store(file: item.path)
                #expect(result.status == .success, "\(item.path): \(result.status)")
                if result.status == .success {
                    stored += 1
                    instances.insert(item.header.mediaStorageSOPInstanceUID)
                }
            }
            try await association.release()
            pending = rest
        }
        #expect(stored == rows.count)
        let result = await storescp.stop()
        let files = try FileManager.default.contentsOfDirectory(atPath: dir)
        // storescp names files by modality and SOP Instance UID; duplicates overwrite.
        #expect(files.count == instances.count, "storescp wrote \(files.count) files: \(result.all.suffix(500))")
        // Each file keeps the transfer syntax it was sent in.
        for item in items.prefix(400) {
            guard let name = files.first(where: { $0.hasSuffix("." + item.header.mediaStorageSOPInstanceUID) }) else {
                Issue.record("no file for \(item.header.mediaStorageSOPInstanceUID)")
                continue
            }
            let received = try Part10Header.read(path: dir + "/" + name)
            if items.filter({ $0.header.mediaStorageSOPInstanceUID == item.header.mediaStorageSOPInstanceUID }).count == 1 {
                #expect(received.transferSyntaxUID == item.header.transferSyntaxUID, "\(item.path)")
            }
        }
    }

    @Test func storescuFolderBurstToOurServer() async throws {
        let rows = try Corpus.rows(category: "valid").filter {
            $0.detected.contains("TS=Explicit VR Little Endian") || $0.detected.contains("TS=JPEG Baseline")
                || $0.detected.contains("TS=Implicit VR Little Endian") || $0.detected.contains("TS=RLE Lossless")
                || $0.detected.contains("TS=JPEG 2000")
        }
        let source = try makeTemporaryDirectory("burst-src")
        let dir = try makeTemporaryDirectory("burst-dst")
        defer {
            try? FileManager.default.removeItem(atPath: source)
            try? FileManager.default.removeItem(atPath: dir)
        }
        var expected = Set<String>()
        for (index, row) in rows.enumerated() {
            let header = try Part10Header.read(path: row.path)
            guard header.dataSetOffset > 0, !expected.contains(header.mediaStorageSOPInstanceUID) else { continue }
            expected.insert(header.mediaStorageSOPInstanceUID)
            try FileManager.default.copyItem(atPath: row.path, toPath: source + "/f\(index).dcm")
        }
        let syntaxes = Set(try rows.map { try Part10Header.read(path: $0.path).transferSyntaxUID })
        #expect(syntaxes.count >= 3, "several transfer syntaxes in the burst")
        let expectedNames = Set(expected.map { DirectoryStoreHandler.fileName(sopInstanceUID: $0) })
        try await withServer(handlers: ServiceHandlers(store: DirectoryStoreHandler(directory: dir)), maximumPDULength: 16384) { port, _ in
            let result = try await Tool.run(
                dcmtk + "storescu",
                ["-aet", "MODALITY", "-aec", "LIGHTBOX", "+sd", "+r", "127.0.0.1", "\(port)", source], timeout: 240)
            #expect(result.status == 0, "storescu: \(result.all.suffix(2000))")
            let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".dcm") }
            #expect(Set(files) == expectedNames)
            for name in files.prefix(200) {
                let dump = try await Tool.run(dcmtk + "dcmdump", ["-q", dir + "/" + name], timeout: 30)
                #expect(dump.status == 0, "dcmdump \(name): \(dump.all.prefix(300))")
            }
        }
    }
}
