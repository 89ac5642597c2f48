import DICOM
import Foundation
import NIOCore
import Testing

@testable import DICOMNetwork

/// What `lightbox dicom store` sends (through `Association.store(file:)`) for files whose meta information
/// lacks the Media Storage SOP Class and Instance UIDs, or that have no meta information at all: the same
/// instance, under its data set's UIDs, that dcmtk's storescu sends.
@Suite(.serialized) struct StoreWithoutMetaUIDsTests {
    static let sopClass = "1.2.840.10008.5.1.4.1.1.2"

    static func dataSet(instance: String) throws -> DataSet {
        var dataSet = DataSet()
        try dataSet.set(.sopClassUID, vr: .UI, string: sopClass)
        try dataSet.set(.sopInstanceUID, vr: .UI, string: instance)
        try dataSet.set(.patientName, vr: .PN, string: "NOMETA^TEST")
        try dataSet.set(.patientID, vr: .LO, string: "NOMETA-1")
        try dataSet.set(.studyInstanceUID, vr: .UI, string: instance + ".1")
        try dataSet.set(.seriesInstanceUID, vr: .UI, string: instance + ".2")
        try dataSet.set(.modality, vr: .CS, string: "CT")
        try dataSet.set(.samplesPerPixel, vr: .US, int: 1)
        try dataSet.set(.photometricInterpretation, vr: .CS, string: "MONOCHROME2")
        try dataSet.set(.rows, vr: .US, int: 4)
        try dataSet.set(.columns, vr: .US, int: 4)
        try dataSet.set(.bitsAllocated, vr: .US, int: 16)
        try dataSet.set(.bitsStored, vr: .US, int: 12)
        try dataSet.set(.highBit, vr: .US, int: 11)
        try dataSet.set(.pixelRepresentation, vr: .US, int: 0)
        dataSet.set(.pixelData, vr: .OW, bytes: ByteBuffer(bytes: (0..<32).map { UInt8($0) }))
        return dataSet
    }

    /// Three files of one kind each: a Part 10 file whose meta has a transfer syntax but no Media Storage
    /// SOP Class/Instance UID, and bare data sets in Implicit and Explicit VR Little Endian.
    static func writeFiles(into directory: String) throws -> [(path: String, instance: String)] {
        let writer = DICOMWriter()
        var files: [(String, String)] = []

        let noUIDs = "2.25.4242001"
        var meta = DataSet()
        meta.set(.fileMetaInformationVersion, vr: .OB, bytes: ByteBuffer(bytes: [0x00, 0x01]))
        try meta.set(.transferSyntaxUID, vr: .UI, string: TransferSyntaxUID.explicitVRLittleEndian)
        try meta.set(.implementationClassUID, vr: .UI, string: "1.2.3.4")
        var bytes = try writer.encodeFileMetaInformation(meta)
        var body = try writer.encode(dataSet(instance: noUIDs), transferSyntax: .explicitVRLittleEndian)
        bytes.writeBuffer(&body)
        files.append((directory + "/meta-without-uids.dcm", noUIDs))
        try Data(bytes.readableBytesView).write(to: URL(fileURLWithPath: files[0].0))

        for (name, instance, syntax) in [
            ("bare-implicit.dcm", "2.25.4242002", TransferSyntax.implicitVRLittleEndian),
            ("bare-explicit.dcm", "2.25.4242003", TransferSyntax.explicitVRLittleEndian),
        ] {
            let encoded = try writer.encode(dataSet(instance: instance), transferSyntax: syntax)
            let path = directory + "/" + name
            try Data(encoded.readableBytesView).write(to: URL(fileURLWithPath: path))
            files.append((path, instance))
        }
        return files
    }

    /// The element lines of dcmdump's listing of the data set (not the meta information, not the transfer
    /// syntax line): what was received, whatever byte order it travelled in.
    static func dataSetDump(_ path: String) async throws -> [String] {
        let dump = try await Tool.run(dcmtk + "dcmdump", [path], timeout: 30)
        #expect(dump.status == 0, "\(path): \(dump.all)")
        let lines = dump.output.split(separator: "\n").map(String.init)
        guard let start = lines.firstIndex(of: "# Dicom-Data-Set") else { return [] }
        return lines[(start + 1)...].filter { $0.hasPrefix("(") }
    }

    @Test("the header takes the data set's UIDs and the bare data set's encoding")
    func headers() throws {
        let directory = try makeTemporaryDirectory("nometa")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let files = try Self.writeFiles(into: directory)
        let expectedSyntax = [
            TransferSyntaxUID.explicitVRLittleEndian, TransferSyntaxUID.implicitVRLittleEndian,
            TransferSyntaxUID.explicitVRLittleEndian,
        ]
        for (file, syntax) in zip(files, expectedSyntax) {
            let header = try Part10Header.read(path: file.path)
            #expect(header.mediaStorageSOPClassUID == Self.sopClass, "\(file.path)")
            #expect(header.mediaStorageSOPInstanceUID == file.instance, "\(file.path)")
            #expect(header.transferSyntaxUID == syntax, "\(file.path)")
        }
    }

    @Test("storescu and lightbox's store send the same instances with the same content to storescp")
    func sameAsStorescu() async throws {
        let directory = try makeTemporaryDirectory("nometa")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let files = try Self.writeFiles(into: directory)
        var received: [String: [String: [String]]] = [:]  // sender → instance → dump
        for sender in ["storescu", "lightbox"] {
            let output = directory + "/" + sender
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            let port = try Net.freePort()
            let storescp = try Tool(dcmtk + "storescp", ["+xa", "-aet", "STORESCP", "-od", output, "\(port)"])
            defer { storescp.terminate() }
            try await Net.waitForPort(port)
            if sender == "storescu" {
                let result = try await Tool.run(
                    dcmtk + "storescu",
                    ["-aet", "SCU", "-aec", "STORESCP", "127.0.0.1", "\(port)"] + files.map(\.path),
                    timeout: 60)
                #expect(result.status == 0, "storescu: \(result.all)")
            } else {
                let headers = try files.map { try Part10Header.read(path: $0.path) }
                var proposals: [AssociationParameters.Proposal] = []
                for header in headers {
                    let proposal = AssociationParameters.Proposal(
                        abstractSyntax: header.mediaStorageSOPClassUID, transferSyntaxes: [header.transferSyntaxUID])
                    if !proposals.contains(proposal) { proposals.append(proposal) }
                }
                let association = try await DICOMClient().connect(
                    host: "127.0.0.1", port: port,
                    parameters: AssociationParameters(
                        callingAETitle: "LIGHTBOX", calledAETitle: "STORESCP", proposals: proposals))
                for file in files {
                    let result = try await association.store(file: file.path)
                    #expect(result.status == .success, "\(file.path): \(result.status)")
                }
                try await association.release()
            }
            _ = await storescp.stop()
            var byInstance: [String: [String]] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: output) {
                guard let instance = files.map(\.instance).first(where: { name.hasSuffix("." + $0) }) else {
                    Issue.record("\(sender): unexpected file \(name)")
                    continue
                }
                byInstance[instance] = try await Self.dataSetDump(output + "/" + name)
            }
            received[sender] = byInstance
        }
        for file in files {
            let fromStorescu = try #require(received["storescu"]?[file.instance], "storescu did not send \(file.path)")
            let fromLightbox = try #require(received["lightbox"]?[file.instance], "we did not send \(file.path)")
            #expect(fromLightbox == fromStorescu, "\(file.path)")
            #expect(fromLightbox.contains { $0.contains("[\(file.instance)]") && $0.contains("SOPInstanceUID") })
        }
    }

    @Test("a file with UIDs neither in its meta nor in its data set is refused, naming both places")
    func noUIDsAnywhere() throws {
        let directory = try makeTemporaryDirectory("nometa")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var meta = DataSet()
        try meta.set(.transferSyntaxUID, vr: .UI, string: TransferSyntaxUID.explicitVRLittleEndian)
        var bytes = try DICOMWriter().encodeFileMetaInformation(meta)
        var dataSet = DataSet()
        try dataSet.set(.patientName, vr: .PN, string: "NO^UIDS")
        var body = try DICOMWriter().encode(dataSet, transferSyntax: .explicitVRLittleEndian)
        bytes.writeBuffer(&body)
        let path = directory + "/no-uids.dcm"
        try Data(bytes.readableBytesView).write(to: URL(fileURLWithPath: path))
        #expect {
            try Part10Header.read(path: path)
        } throws: { error in
            guard let error = error as? DICOMNetworkError else { return false }
            return error.code == .notPart10 && error.message.contains("(0002,0002)")
                && error.message.contains("(0008,0016)")
        }
    }

    @Test("bare Explicit VR Big Endian data sets from the corpus are sent in their own encoding")
    func bareBigEndianCorpusFile() throws {
        let row = try #require(
            try Corpus.rows(category: "edge").first { $0.path.hasSuffix("ExplVR_BigEndNoMeta.dcm") })
        let header = try Part10Header.read(path: row.path)
        #expect(header.transferSyntaxUID == TransferSyntaxUID.explicitVRBigEndian)
        #expect(header.dataSetOffset == 0)
        #expect(!header.mediaStorageSOPInstanceUID.isEmpty)
        let little = try #require(
            try Corpus.rows(category: "edge").first { $0.path.hasSuffix("ExplVR_LitEndNoMeta.dcm") })
        let littleHeader = try Part10Header.read(path: little.path)
        #expect(littleHeader.transferSyntaxUID == TransferSyntaxUID.explicitVRLittleEndian)
        #expect(littleHeader.mediaStorageSOPInstanceUID == header.mediaStorageSOPInstanceUID)
    }
}
