import Foundation
import NIOCore
import Testing

@testable import DICOM

/// The security files our own writer makes where the corpus was assembled without `../shared`: each must
/// be the exact bytes the manifest's `rebuilt` column records, and exercise what its original exercises.
@Suite("Corpus fixtures written by our writer")
struct CorpusFixturesTests {
    static func written(_ name: String) throws -> (path: String, expected: String?) {
        let corpus = try Corpus.load()
        let entry = try #require(corpus.entries.first { $0.path.hasSuffix(name) })
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fixtures-\(UUID().uuidString)")
        try CorpusFixtures.write(entry.path, into: folder)
        let expected = entry.rebuilt.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            .first { $0.hasPrefix("sha256=") }.map { String($0.dropFirst("sha256=".count)) }
        return (folder.appendingPathComponent(entry.path).path, expected)
    }

    static func sha256(_ path: String) throws -> String {
        let result = try Tool.run("/usr/bin/sha256sum", [path])
        return String(result.out.prefix(64))
    }

    @Test(
        "each is the manifest's bytes",
        arguments: [
            "2017-06-27-XSSInjection.dcm", "2026-05-06-Deeply-Nested-Sequence.dcm",
            "2026-05-26-oob-monochrome-46341.dcm", "2026-05-26-oob-monochrome-65535.dcm",
        ])
    func manifestBytes(name: String) throws {
        let file = try Self.written(name)
        defer { try? FileManager.default.removeItem(atPath: file.path) }
        let expected = try #require(file.expected, "\(name): no sha256= in the manifest's rebuilt column")
        #expect(try Self.sha256(file.path) == expected, "\(name)")
    }

    @Test("the XSS file carries script payloads in the text a page would show")
    func xss() throws {
        let file = try Self.written("2017-06-27-XSSInjection.dcm")
        defer { try? FileManager.default.removeItem(atPath: file.path) }
        let dataSet = try DICOMReader().read(contentsOf: file.path).dataSet
        for tag in [DICOM.Tag.patientName, .studyDescription, .seriesDescription] {
            #expect(dataSet.string(tag)?.contains("<script>") == true, "\(tag)")
        }
    }

    @Test("the nested file goes past the reader's nesting limit; the overflow files declare more pixels than they hold")
    func hostile() throws {
        let nested = try Self.written("2026-05-06-Deeply-Nested-Sequence.dcm")
        defer { try? FileManager.default.removeItem(atPath: nested.path) }
        #expect {
            try DICOMReader().read(contentsOf: nested.path)
        } throws: { ($0 as? DICOMError)?.code == .nestingTooDeep }
        for (name, side) in [
            ("2026-05-26-oob-monochrome-46341.dcm", 46341), ("2026-05-26-oob-monochrome-65535.dcm", 65535),
        ] {
            let file = try Self.written(name)
            defer { try? FileManager.default.removeItem(atPath: file.path) }
            let read = try DICOMReader().read(contentsOf: file.path)
            #expect(read.dataSet.int(.rows) == side && read.dataSet.int(.columns) == side)
            #expect(throws: DICOMError.self, "\(name)") { _ = try read.renderFrame(0) }
        }
    }
}
