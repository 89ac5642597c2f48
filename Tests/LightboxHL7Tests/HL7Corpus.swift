import Foundation
import LightboxTestSupport

/// The test corpus's HL7 messages, read through manifest.tsv (``TestCorpus``).
struct HL7Corpus {
    struct Entry {
        let path: String
        let category: String
        let exercises: String
        let url: URL
    }

    let entries: [Entry]

    static func load() throws -> HL7Corpus {
        let root = try TestCorpus.root()
        let entries = try TestCorpus.manifestRows(root: root).compactMap { columns -> Entry? in
            guard columns.count >= 7 else { return nil }
            return Entry(
                path: columns[0], category: columns[3], exercises: columns[6],
                url: root.appendingPathComponent(columns[0]))
        }
        return HL7Corpus(entries: entries)
    }

    func messages(_ category: String) -> [Entry] {
        entries.filter { $0.category == category && $0.path.hasSuffix(".hl7") }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
