import Foundation
import NIOCore
import Testing

@testable import DICOM

/// What we write is read identically by dcmtk (its dump of the original and of our file agree) and by
/// pydicom (its reading of our file equals ours), for each transfer syntax we write.
@Suite("Writer interoperability")
struct WriterInteropTests {
    struct Case: Sendable, CustomStringConvertible {
        let source: String
        let target: TransferSyntax?
        var description: String { "\(source) → \(target?.uid ?? "same")" }
    }

    static let cases: [Case] = [
        Case(source: "dicom/pydicom/test_files/rtplan.dcm", target: nil),  // implicit VR LE
        Case(source: "dicom/pynetdicom/CTImageStorage.dcm", target: nil),  // explicit VR LE
        Case(source: "dicom/pynetdicom/CTImageStorage.dcm", target: .implicitVRLittleEndian),
        Case(source: "dicom/pynetdicom/CTImageStorage.dcm", target: .deflatedExplicitVRLittleEndian),
        Case(source: "dicom/pydicom/test_files/image_dfl.dcm", target: nil),  // deflated
        Case(source: "dicom/pydicom-data/OBXXXX1A_expb.dcm", target: .explicitVRLittleEndian),  // from big endian
        Case(source: "dicom/pydicom/test_files/examples_ybr_color.dcm", target: nil),  // JPEG baseline
        Case(source: "dicom/pydicom-data/JPGLosslessP14SV1_1s_1f_8b.dcm", target: nil),  // JPEG lossless SV1
        Case(source: "dicom/pydicom-data/emri_small_jpeg_ls_lossless.dcm", target: nil),  // JPEG-LS
        Case(source: "dicom/pydicom-data/MR2_J2KR.dcm", target: nil),  // JPEG 2000
        Case(source: "dicom/pydicom-data/OBXXXX1A_rle_2frame.dcm", target: nil),  // RLE
        Case(source: "dicom/pydicom/test_files/nested_priv_SQ.dcm", target: nil),  // private undefined-length SQ
        Case(source: "dicom/pydicom/test_files/test-SR.dcm", target: nil),  // deep SR content tree
    ]

    @Test("dcmtk and pydicom read our files as they read the originals", arguments: cases)
    func dcmtkAndPydicomAgree(_ testCase: Case) throws {
        let corpus = try Corpus.load()
        let source = corpus.root.appendingPathComponent(testCase.source).path
        var file = try DICOMReader().read(contentsOf: source)
        if let target = testCase.target { file.transferSyntax = target }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "dicom-writer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("out.dcm").path
        try DICOMWriter().write(file, toPath: output)

        let dump = try Tool.run("/usr/bin/dcmdump", ["-q", output])
        #expect(dump.status == 0, "dcmdump refused our file: \(dump.err)")

        let implicitTarget = testCase.target.map { !$0.isExplicitVR } ?? false
        let original = try DcmdumpText.dataSet(of: source, dropPrivate: implicitTarget)
        let ours = try DcmdumpText.dataSet(of: output, dropPrivate: implicitTarget)
        #expect(original.count > 5)
        let firstDifference = zip(original, ours).first { $0 != $1 }
        #expect(
            original == ours,
            "dcmdump reads \(testCase) differently: \(firstDifference.map { "\($0.0) | \($0.1)" } ?? "line count \(original.count) vs \(ours.count)")"
        )

        let records = try PydicomOracle.dump([output])
        let record = try #require(records[output])
        #expect(record["ok"] as? Bool == true, "pydicom: \(record["error"] ?? "")")
        let reread = try DICOMReader().read(contentsOf: output)
        var problems: [String] = []
        OracleComparison(bigEndian: false).compare(
            reread.dataSet, record["elements"] as? [String: Any] ?? [:],
            path: "", problems: &problems)
        #expect(problems.isEmpty, "pydicom reads our file differently: \(problems.prefix(5))")
        #expect(record["ts"] as? String == file.transferSyntax.uid)
    }
}

/// dcmdump's view of a data set, without what legitimately changes on rewrite: lengths, the choice of defined
/// or undefined length for sequences and items, delimitation items, group lengths and the meta header.
enum DcmdumpText {
    static func dataSet(of path: String, dropPrivate: Bool) throws -> [String] {
        let result = try Tool.run("/usr/bin/dcmdump", ["-q", "+L", "+U8", path])
        guard result.status == 0 else { throw CorpusError.missing("dcmdump failed on \(path): \(result.err)") }
        let lines = result.out.split(separator: "\n").map(String.init)
        guard let start = lines.firstIndex(of: "# Dicom-Data-Set") else { return lines }
        var output: [String] = []
        for line in lines[(start + 2)...] {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("(fffe,e00d)") || trimmed.hasPrefix("(fffe,e0dd)") { continue }
            if trimmed.count > 11, trimmed.hasPrefix("("), trimmed.dropFirst(6).hasPrefix("0000)") { continue }
            if dropPrivate, let group = UInt16(trimmed.dropFirst().prefix(4), radix: 16), group & 1 == 1 { continue }
            var text = trimmed
            if let range = text.range(of: #"\s+#\s*(\d+|u/l),\s*\d+(\s.*)?$"#, options: .regularExpression) {
                text.removeSubrange(range)
            }
            text = text.replacingOccurrences(of: "with explicit length ", with: "")
                .replacingOccurrences(of: "with undefined length ", with: "")
            output.append(text)
        }
        return output
    }
}
