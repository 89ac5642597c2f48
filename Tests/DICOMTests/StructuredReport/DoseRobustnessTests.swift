import Foundation
import Testing

@testable import DICOM

/// Summarising any file the reader accepts never crashes and always yields encodable JSON,
/// whatever the file holds (valid, odd, malformed, security payloads).
@Suite struct DoseRobustnessTests {
    @Test func everyReadableCorpusFileSummarises() throws {
        let corpus = try Corpus.load()
        let entries = corpus.entries(in: ["valid", "edge", "malformed", "security", "rdsr", "dose-image"])
        #expect(entries.count > 40)
        var summarised = 0
        for entry in entries {
            guard let summary = try? DoseSummary(contentsOf: corpus.url(entry).path) else { continue }
            summarised += 1
            let json = try summary.jsonString(prettyPrinted: false)
            let decoded = try JSONDecoder().decode(DoseSummary.self, from: Data(json.utf8))
            #expect(decoded == summary, "\(entry.path)")
            if summary.source == .none {
                #expect(!summary.warnings.isEmpty, "\(entry.path): no dose and no warning saying so")
            }
        }
        #expect(summarised > 40)
    }
}
