import Foundation
import Testing

@testable import DICOM

/// JPEG variants the corpus lacks, made by dcmtk's dcmcjpeg from a native corpus image: lossless process 14 with
/// every predictor (selection values 1–7) must give back the native samples exactly, and 12-bit extended
/// (process 4) must match pydicom's decoding within one unit of the 12-bit samples.
@Suite struct DCMTKEncodedJPEGTests {
    static let dcmcjpeg = "/usr/bin/dcmcjpeg"

    func source() throws -> (path: String, file: DICOMFile) {
        let corpus = try Corpus.load()
        guard let entry = corpus.entries.first(where: { $0.path == "dicom/pydicom/test_files/CT_small.dcm" }) else {
            throw CorpusError.missing("CT_small.dcm is not in the corpus manifest")
        }
        let path = corpus.url(entry).path
        return (path, try DICOMReader().read(contentsOf: path))
    }

    func encode(_ arguments: [String], _ input: String) throws -> (path: String, file: DICOMFile) {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("dcmcjpeg-\(UUID().uuidString).dcm")
            .path
        let run = try Tool.run(Self.dcmcjpeg, arguments + [input, output])
        try #require(run.status == 0, "dcmcjpeg failed: \(run.err)")
        return (output, try DICOMReader().read(contentsOf: output))
    }

    @Test(arguments: 1...7) func losslessPredictorGivesBackTheNativeFrame(selectionValue: Int) throws {
        let (path, original) = try source()
        let (output, encoded) = try encode(["+el", "+sv", "\(selectionValue)"], path)
        defer { try? FileManager.default.removeItem(atPath: output) }
        #expect(encoded.transferSyntax.uid == TransferSyntax.jpegLossless.uid)
        let expected = try original.pixelData().frame(0).values()
        let decoded = try encoded.pixelData().frame(0).values()
        #expect(decoded == expected)
    }

    @Test func twelveBitExtendedMatchesPydicom() throws {
        let (path, _) = try source()
        let (output, encoded) = try encode(["+ee"], path)
        defer { try? FileManager.default.removeItem(atPath: output) }
        #expect(encoded.transferSyntax.uid == TransferSyntax.jpegExtended12Bit.uid)
        #expect(encoded.dataSet.int(.bitsStored) == 12)
        let decoded = try encoded.pixelData().frame(0).values()
        let script =
            "import pydicom, sys; print(' '.join(str(int(v)) for v in pydicom.dcmread(sys.argv[1]).pixel_array.ravel()))"
        let run = try Tool.run(try Tool.python(), ["-c", script, output])
        try #require(run.status == 0, "pydicom failed: \(run.err)")
        let expected = run.out.split(whereSeparator: \.isWhitespace).compactMap { Int64($0) }
        try #require(expected.count == decoded.count)
        let worst = zip(decoded, expected).map { abs($0 - $1) }.max() ?? 0
        #expect(worst <= 1, "largest difference \(worst)")
    }
}
