import DICOM
import Foundation
import LightboxTestSupport

/// The test corpus's DICOM files of some categories, read through manifest.tsv (``TestCorpus``).
enum CorpusFiles {
    /// Paths of the DICOM files in `categories`.
    static func paths(_ categories: Set<String>) throws -> [String] {
        let root = try TestCorpus.root()
        return try TestCorpus.manifestRows(root: root).compactMap { fields in
            guard fields.count >= 8, categories.contains(fields[3]), fields[0].hasPrefix("dicom/") else { return nil }
            return root.appendingPathComponent(fields[0]).path
        }
    }

    /// What the archive must make of a file: its UIDs when it is a readable storage instance with
    /// valid UIDs (then it must be indexed), nil when it must be refused.
    struct Expectation: Sendable {
        var path: String
        var sopClassUID: String
        var sopInstanceUID: String
        var studyInstanceUID: String
        var seriesInstanceUID: String
        var transferSyntaxUID: String
    }

    static func expectation(_ path: String) -> Expectation? {
        guard let file = try? DICOMReader(options: .init(stopBefore: .pixelData)).read(contentsOf: path) else {
            return nil
        }
        func uid(_ tag: Tag) -> String { file.dataSet.string(tag)?.trimmingCharacters(in: .whitespaces) ?? "" }
        let expectation = Expectation(
            path: path, sopClassUID: uid(.sopClassUID), sopInstanceUID: uid(.sopInstanceUID),
            studyInstanceUID: uid(.studyInstanceUID), seriesInstanceUID: uid(.seriesInstanceUID),
            transferSyntaxUID: file.transferSyntax.uid)
        let storage = [
            "1.2.840.10008.5.1.4.1.1.", "1.2.840.10008.5.1.4.34.", "1.2.840.10008.5.1.4.38.", "1.2.840.10008.5.1.4.43.",
        ]
        guard storage.contains(where: { expectation.sopClassUID.hasPrefix($0) }) else { return nil }
        for value in [
            expectation.sopClassUID, expectation.sopInstanceUID, expectation.studyInstanceUID,
            expectation.seriesInstanceUID,
        ] {
            if !isValidUID(value) { return nil }
        }
        return expectation
    }

    /// PS3.5 §9.1 (kept here independently of the code under test).
    static func isValidUID(_ text: String) -> Bool {
        guard !text.isEmpty, text.count <= 64 else { return false }
        let components = text.split(separator: ".", omittingEmptySubsequences: false)
        return components.allSatisfy { component in
            !component.isEmpty && component.allSatisfy(\.isNumber) && component.allSatisfy(\.isASCII)
                && (component == "0" || !component.hasPrefix("0"))
        }
    }
}
