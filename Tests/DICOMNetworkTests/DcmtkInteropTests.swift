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
        defer { storescp.terminate() }
        try await Net.waitForPort(port)

        let items = try rows.map { try (path: $0.path, header: Part10Header.read(path: $0.path)) }
        // One association per batch of at most 128 distinct (SOP class, transfer syntax) pairs.
        var pending = items
        var stored = 0
        var instances = Set<String>()
        var refusedByPeer = Set<String>()
        var refusedCount = 0
        while !pending.isEmpty {
            var proposals: [AssociationParameters.Proposal] = []
            var batch: [(path: String, header: Part10Header)] = []
            var rest: [(path: String, header: Part10Header)] = []
            for item in pending {
                let proposal = AssociationParameters.Proposal(
                    abstractSyntax: item.header.mediaStorageSOPClassUID,
                    transferSyntaxes: [item.header.transferSyntaxUID])
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
                parameters: AssociationParameters(
                    callingAETitle: "LIGHTBOX", calledAETitle: "STORESCP", proposals: proposals))
            for item in batch {
                if let trace = ProcessInfo.processInfo.environment["NET_TRACE"] {
                    try? (item.path + "\n").appendLine(to: trace)
                }
                let result = try await association.store(file: item.path)
                if let trace = ProcessInfo.processInfo.environment["NET_TRACE"] {
                    try? "  -> \(result.status)\n".appendLine(to: trace)
                }
                if result.status != .success {
                    // dcmtk itself cannot parse a few corpus files (e.g. an odd-length OW in
                    // rtdose_rle.dcm); storescp then answers C000, the standard's answer.
                    let dump = try await Tool.run(dcmtk + "dcmdump", [item.path], timeout: 30)
                    #expect(
                        result.status == .cannotUnderstand && dump.all.contains("W: "),
                        "\(item.path): \(result.status); dcmdump: \(dump.all.prefix(200))")
                    refusedByPeer.insert(item.header.mediaStorageSOPInstanceUID)
                    refusedCount += 1
                } else {
                    stored += 1
                    instances.insert(item.header.mediaStorageSOPInstanceUID)
                }
            }
            try await association.release()
            if let trace = ProcessInfo.processInfo.environment["NET_TRACE"] { try? "released\n".appendLine(to: trace) }
            pending = rest
        }
        #expect(stored + refusedCount == rows.count)
        #expect(refusedCount <= 2)
        let result = await storescp.stop()
        if let trace = ProcessInfo.processInfo.environment["NET_TRACE"] { try? "stopped\n".appendLine(to: trace) }
        let files = try FileManager.default.contentsOfDirectory(atPath: dir)
        // storescp names files by modality and SOP Instance UID; duplicates overwrite.
        #expect(files.count >= instances.count, "storescp wrote \(files.count) files: \(result.all.suffix(500))")
        if let trace = ProcessInfo.processInfo.environment["NET_TRACE"] {
            try? "listed \(files.count)\n".appendLine(to: trace)
        }
        // Each file keeps the transfer syntax it was sent in.
        for item in items.prefix(400) {
            guard let name = files.first(where: { $0.hasSuffix("." + item.header.mediaStorageSOPInstanceUID) }) else {
                Issue.record("no file for \(item.header.mediaStorageSOPInstanceUID)")
                continue
            }
            let received = try Part10Header.read(path: dir + "/" + name)
            if items.filter({ $0.header.mediaStorageSOPInstanceUID == item.header.mediaStorageSOPInstanceUID }).count
                == 1
            {
                #expect(received.transferSyntaxUID == item.header.transferSyntaxUID, "\(item.path)")
            }
        }
    }

    @Test func storescuFolderBurstToOurServer() async throws {
        // One folder per transfer syntax: storescu -R builds one context per SOP class, with the
        // syntax of the first file it sees, so mixed folders would need conversion.
        let syntaxes = [
            "Explicit VR Little Endian", "Implicit VR Little Endian", "JPEG 2000 Image Compression (Lossless Only)",
            "RLE Lossless", "JPEG Baseline (Process 1)", "JPEG-LS Lossless Image Compression",
        ]
        // storescu's option proposing each syntax (with the uncompressed ones behind it).
        let flags = ["-xe", "-xi", "-xv", "-xr", "-xy", "-xt"]
        let rows = try Corpus.rows(category: "valid")
        let dir = try makeTemporaryDirectory("burst-dst")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var expected = Set<String>()
        var folders: [String] = []
        for syntax in syntaxes {
            let source = try makeTemporaryDirectory("burst-src")
            folders.append(source)
            for (index, row) in rows.enumerated() where row.detected.contains("TS=\(syntax);") {
                let header = try Part10Header.read(path: row.path)
                guard header.dataSetOffset > 0, !expected.contains(header.mediaStorageSOPInstanceUID) else { continue }
                // Files storescu itself cannot read (dcmdump warns) are not part of the burst.
                let dump = try await Tool.run(dcmtk + "dcmdump", [row.path], timeout: 30)
                guard dump.status == 0, !dump.error.contains("W: "), !dump.error.contains("E: ") else { continue }
                expected.insert(header.mediaStorageSOPInstanceUID)
                try FileManager.default.copyItem(atPath: row.path, toPath: source + "/f\(index).dcm")
            }
        }
        defer { for folder in folders { try? FileManager.default.removeItem(atPath: folder) } }
        #expect(expected.count > 50)
        let expectedNames = Set(expected.map { DirectoryStoreHandler.fileName(sopInstanceUID: $0) })
        let sources = zip(folders, flags).filter {
            !((try? FileManager.default.contentsOfDirectory(atPath: $0.0)) ?? []).isEmpty
        }
        #expect(sources.count >= 4, "bursts in several transfer syntaxes")
        try await withServer(
            handlers: ServiceHandlers(store: DirectoryStoreHandler(directory: dir)), maximumPDULength: 16384
        ) { port, _ in
            for (source, flag) in sources {
                let result = try await Tool.run(
                    dcmtk + "storescu",
                    ["-aet", "MODALITY", "-aec", "LIGHTBOX", "-R", flag, "+sd", "+r", "127.0.0.1", "\(port)", source],
                    timeout: 240)
                #expect(result.status == 0, "storescu \(source): \(result.all.suffix(2000))")
            }
            let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".dcm") }
            #expect(Set(files) == expectedNames)
            for name in files {
                let dump = try await Tool.run(dcmtk + "dcmdump", ["-q", dir + "/" + name], timeout: 30)
                #expect(dump.status == 0, "dcmdump \(name): \(dump.all.prefix(300))")
            }
        }
    }
}
