import DICOM
import DICOMNetwork
import Foundation
import NIOCore

/// Small instances written by our own DICOM writer, for tests that need many files or chosen UIDs.
enum TestInstances {
    static let secondaryCapture = "1.2.840.10008.5.1.4.1.1.7"

    /// A data set with the given UIDs (anything, valid or not) and a small image.
    static func dataSet(
        study: String, series: String, instance: String, patientID: String = "ARCH-1",
        patientName: String = "ARCHIVE^Test", accession: String = "", note: String = "", pixels: Int = 16
    ) throws -> DataSet {
        var data = DataSet()
        try data.set(.sopClassUID, string: secondaryCapture)
        try data.set(.sopInstanceUID, string: instance)
        try data.set(.studyDate, string: "20261124")
        try data.set(.accessionNumber, string: accession)
        try data.set(.modality, string: "OT")
        try data.set(.studyDescription, string: "Archive test \(note)")
        try data.set(.patientName, string: patientName)
        try data.set(.patientID, string: patientID)
        try data.set(.studyInstanceUID, string: study)
        try data.set(.seriesInstanceUID, string: series)
        try data.set(.seriesNumber, int: 1)
        try data.set(.instanceNumber, int: 1)
        try data.set(.samplesPerPixel, int: 1)
        try data.set(.photometricInterpretation, string: "MONOCHROME2")
        try data.set(.rows, int: pixels)
        try data.set(.columns, int: pixels)
        try data.set(.bitsAllocated, int: 8)
        try data.set(.bitsStored, int: 8)
        try data.set(.highBit, int: 7)
        try data.set(.pixelRepresentation, int: 0)
        var bytes = ByteBuffer()
        for index in 0..<(pixels * pixels) { bytes.writeInteger(UInt8(truncatingIfNeeded: index &* 7)) }
        data.set(.pixelData, vr: .OB, bytes: bytes)
        return data
    }

    /// Writes a Part 10 file and returns its path.
    static func write(_ data: DataSet, to folder: URL, name: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try DICOMWriter().write(DICOMFile(dataSet: data, transferSyntax: .explicitVRLittleEndian), toPath: path)
        return path
    }

    /// The data set bytes of a Part 10 file (after its File Meta Information).
    static func dataSetBytes(of path: String) throws -> Data {
        let all = try Data(contentsOf: URL(fileURLWithPath: path))
        // A bare data set (no File Meta Information) is all data set.
        guard let header = try? Part10Header.read(path: path) else { return all }
        return all.subdata(in: Int(header.dataSetOffset)..<all.count)
    }

    static func temporaryFolder(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "lightbox-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Opens an association from `callingAETitle` proposing Secondary Capture and Verification.
    static func associate(port: Int, callingAETitle: String) async throws -> Association {
        try await DICOMClient().connect(
            host: "127.0.0.1", port: port,
            parameters: AssociationParameters(
                callingAETitle: callingAETitle, calledAETitle: ArchiveServer.aeTitle,
                proposals: [
                    .init(
                        abstractSyntax: secondaryCapture, transferSyntaxes: [TransferSyntaxUID.explicitVRLittleEndian]),
                    .init(abstractSyntax: CommandSet.verificationSOPClassUID),
                ]))
    }

    /// C-STORE of a data set with whatever UIDs it carries, as our own SCU; the response.
    static func store(_ data: DataSet, port: Int, callingAETitle: String) async throws -> DIMSEResult {
        let association = try await associate(port: port, callingAETitle: callingAETitle)
        let bytes = try DICOMWriter().encode(data, transferSyntax: .explicitVRLittleEndian)
        let result = try await association.store(
            dataSet: .buffer(bytes), sopClassUID: data.string(.sopClassUID) ?? "",
            sopInstanceUID: data.string(.sopInstanceUID) ?? "",
            transferSyntaxUID: TransferSyntaxUID.explicitVRLittleEndian)
        try? await association.release()
        return result
    }
}
