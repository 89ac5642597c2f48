import Foundation
import Testing

/// The test corpus: the folder `scripts/corpus` assembles in the repository (`.corpus/`), found by walking up
/// from this file, else `shared/corpus` from `LIGHTBOX_SHARED` or walking up.
struct Corpus {
    struct Entry {
        let path: String
        let category: String
        let exercises: String
        let detected: String
        let url: URL
    }

    let root: URL
    let entries: [Entry]

    static func load(filePath: String = #filePath) throws -> Corpus {
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
            throw CorpusError(
                "no test corpus: run scripts/corpus (scripts/test does) to assemble .corpus/, or set LIGHTBOX_SHARED")
        }
        let text = try String(contentsOf: root.appendingPathComponent("manifest.tsv"), encoding: .utf8)
        var entries: [Entry] = []
        for line in text.split(separator: "\n").dropFirst() {
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cols.count >= 7 else { continue }
            entries.append(
                Entry(
                    path: cols[0], category: cols[3], exercises: cols[6], detected: cols.count > 7 ? cols[7] : "",
                    url: root.appendingPathComponent(cols[0])))
        }
        return Corpus(root: root, entries: entries)
    }

    func hl7(_ category: String) -> [Entry] {
        entries.filter { $0.category == category && $0.path.hasSuffix(".hl7") }
    }

    func bytes(_ entry: Entry) throws -> [UInt8] { Array(try Data(contentsOf: entry.url)) }
}

struct CorpusError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
