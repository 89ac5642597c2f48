import Foundation
import NIOCore
import Testing

@testable import DICOM

@Suite("Corpus reading")
struct CorpusReadTests {
    @Test("every valid and edge file is read")
    func validAndEdgeFilesAreRead() throws {
        let corpus = try Corpus.load()
        let entries = corpus.entries(in: ["valid", "edge"])
        #expect(entries.count > 200)
        for entry in entries {
            do {
                let file = try DICOMReader().read(contentsOf: corpus.url(entry).path)
                #expect(!file.dataSet.isEmpty, "\(entry.path): empty data set")
            } catch {
                Issue.record("\(entry.path): \(error)")
            }
        }
    }

    @Test("every malformed and security file is refused or recovered, each under a second")
    func malformedAndSecurityFilesAreHandled() throws {
        let corpus = try Corpus.load()
        let entries = corpus.entries(in: ["malformed", "security"])
        #expect(entries.count >= 13)
        for entry in entries {
            let start = ContinuousClock.now
            let outcome: String
            do {
                let file = try DICOMReader().read(contentsOf: corpus.url(entry).path)
                outcome = "read \(file.dataSet.count) elements"
            } catch let error as DICOMError {
                outcome = "refused: \(error)"
            }
            let elapsed = ContinuousClock.now - start
            #expect(elapsed < .seconds(1), "\(entry.path) took \(elapsed) (\(outcome))")
        }
    }

    @Test("the deeply nested sequence is refused with a nesting error")
    func deeplyNestedSequenceIsRefused() throws {
        let corpus = try Corpus.load()
        let entry = try #require(corpus.entries.first { $0.path.hasSuffix("Deeply-Nested-Sequence.dcm") })
        let start = ContinuousClock.now
        #expect {
            try DICOMReader().read(contentsOf: corpus.url(entry).path)
        } throws: { error in
            (error as? DICOMError)?.code == .nestingTooDeep && (error as? DICOMError)?.tag != nil
        }
        #expect(ContinuousClock.now - start < .seconds(1))
    }

    @Test("a gzip file is not DICOM")
    func gzipIsRefused() throws {
        let corpus = try Corpus.load()
        let entry = try #require(corpus.entries.first { $0.path.hasSuffix("zipMR.gz") })
        #expect {
            try DICOMReader().read(contentsOf: corpus.url(entry).path)
        } throws: { error in
            (error as? DICOMError)?.code == .notDICOM
        }
    }
}
