import Foundation

/// The test corpus: the folder `scripts/corpus` assembles in the repository (`.corpus/`), found by walking up
/// from this file, else `shared/corpus` from `LIGHTBOX_SHARED` or walking up.
struct HL7Corpus {
    struct Entry {
        let path: String
        let category: String
        let exercises: String
        let url: URL
    }

    let entries: [Entry]

    static func load(filePath: String = #filePath) throws -> HL7Corpus {
        var assembled: [URL] = []
        var shared: [URL] = []
        if let path = ProcessInfo.processInfo.environment["LIGHTBOX_SHARED"] {
            shared.append(URL(fileURLWithPath: path).appendingPathComponent("corpus"))
        }
        var directory = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while directory.path != "/" {
            assembled.append(directory.appendingPathComponent(".corpus"))
            shared.append(directory.appendingPathComponent("shared/corpus"))
            directory = directory.deletingLastPathComponent()
        }
        guard
            let root = (assembled + shared).first(where: {
                FileManager.default.fileExists(atPath: $0.appendingPathComponent("manifest.tsv").path)
            })
        else {
            throw TestFailure(
                "no test corpus: run scripts/corpus (scripts/test does) to assemble .corpus/, or set LIGHTBOX_SHARED")
        }
        let text = try String(contentsOf: root.appendingPathComponent("manifest.tsv"), encoding: .utf8)
        let entries = text.split(separator: "\n").dropFirst().compactMap { line -> Entry? in
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
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
