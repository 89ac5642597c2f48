import Foundation

/// Where the test corpus is: the folder `scripts/corpus` assembles in the repository (`.corpus/`),
/// else `shared/corpus` from `LIGHTBOX_SHARED` or found walking up from the repository. Files are
/// named by `manifest.tsv`, never globbed.
public enum TestCorpus {
    /// No corpus, or not the file asked for.
    public struct Missing: Error, CustomStringConvertible {
        public var description: String
    }

    /// The corpus folders to try, the assembled one first.
    static func candidates(filePath: String) -> [URL] {
        var assembled: [URL] = []
        var shared: [URL] = []
        if let path = ProcessInfo.processInfo.environment["LIGHTBOX_SHARED"] {
            shared.append(URL(fileURLWithPath: path).appendingPathComponent("corpus"))
        }
        var directory = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while directory.path != "/" {
            assembled.append(directory.appendingPathComponent(".corpus"))
            shared.append(directory.appendingPathComponent("shared/corpus"))
            directory.deleteLastPathComponent()
        }
        return assembled + shared
    }

    /// The first corpus folder holding `manifest.tsv`.
    public static func root(filePath: String = #filePath) throws -> URL {
        guard
            let root = candidates(filePath: filePath).first(where: {
                FileManager.default.fileExists(atPath: $0.appendingPathComponent("manifest.tsv").path)
            })
        else {
            throw Missing(
                description:
                    "no test corpus: run scripts/corpus (scripts/test does) to assemble .corpus/, or set LIGHTBOX_SHARED"
            )
        }
        return root
    }

    /// The first corpus folder holding `relativePath` (a manifest path), as a file URL.
    public static func file(_ relativePath: String, filePath: String = #filePath) throws -> URL {
        guard
            let file = candidates(filePath: filePath).map({ $0.appendingPathComponent(relativePath) }).first(where: {
                FileManager.default.fileExists(atPath: $0.path)
            })
        else {
            throw Missing(
                description: "\(relativePath) not found: run scripts/corpus (scripts/test does), or set LIGHTBOX_SHARED"
            )
        }
        return file
    }

    /// The manifest's rows after the header, each split into its tab-separated columns.
    public static func manifestRows(root: URL) throws -> [[String]] {
        let text = try String(contentsOf: root.appendingPathComponent("manifest.tsv"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
    }
}
