import Foundation
import NIOCore
import Testing

@testable import DICOM

/// The test corpus (read through manifest.tsv, never globbed): the folder `scripts/corpus` assembles in the
/// repository (`.corpus/`, from Tests/Corpus/manifest.tsv), else `../shared/corpus` or LIGHTBOX_SHARED's.
struct Corpus {
    struct Entry: Sendable, CustomStringConvertible {
        let path: String
        let category: String
        let exercises: String
        let detected: String
        /// How the file is made again where its origin cannot give it (the manifest's 9th column).
        let rebuilt: String
        var description: String { path }
    }

    let root: URL
    let entries: [Entry]

    /// Finds the assembled `.corpus` by walking up from this file, else `shared/corpus` from LIGHTBOX_SHARED or
    /// walking up. In an assembled corpus, the rows Lightbox's own writer makes are written on first use.
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
            directory.deleteLastPathComponent()
        }
        guard
            let root = (assembled + shared).first(where: {
                FileManager.default.fileExists(atPath: $0.appendingPathComponent("manifest.tsv").path)
            })
        else {
            throw CorpusError.missing(
                "no test corpus: run scripts/corpus (scripts/test does) to assemble .corpus/, or set LIGHTBOX_SHARED")
        }
        let text = try String(contentsOf: root.appendingPathComponent("manifest.tsv"), encoding: .utf8)
        var entries: [Entry] = []
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 8 else { continue }
            entries.append(
                Entry(
                    path: fields[0], category: fields[3], exercises: fields[6], detected: fields[7],
                    rebuilt: fields.count > 8 ? fields[8] : ""))
        }
        for entry in entries where entry.rebuilt.hasPrefix("writer:") {
            try CorpusFixtures.write(entry.path, into: root)
        }
        return Corpus(root: root, entries: entries)
    }

    func entries(in categories: Set<String>) -> [Entry] {
        entries.filter { categories.contains($0.category) && $0.path.hasPrefix("dicom/") }
    }

    func url(_ entry: Entry) -> URL { root.appendingPathComponent(entry.path) }
}

enum CorpusError: Error {
    case missing(String)
}

/// Runs an outside program; a missing program is a failure with a clear message, never a skip.
enum Tool {
    static func run(_ executable: String, _ arguments: [String], stdin: String? = nil) throws -> (
        status: Int32, out: String, err: String
    ) {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw CorpusError.missing("\(executable) is not installed; this test needs it")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let outPipe = Pipe()
        let errPipe = Pipe()
        let inPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = inPipe
        try process.run()
        if let stdin {
            inPipe.fileHandleForWriting.write(Data(stdin.utf8))
        }
        try inPipe.fileHandleForWriting.close()
        // Read both pipes concurrently with the process so a full pipe cannot block it.
        let errBox = DataBox()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errBox.data = errPipe.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let out = outPipe.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: out, as: UTF8.self),
            String(decoding: errBox.data, as: UTF8.self)
        )
    }

    static func python() throws -> String {
        let fromPath = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/python3" }
        for candidate in fromPath + ["/root/.pyenv/shims/python3", "/usr/local/bin/python3", "/usr/bin/python3"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            let check = try run(candidate, ["-c", "import pydicom"])
            if check.status == 0 { return candidate }
        }
        throw CorpusError.missing("no python3 with pydicom found; the oracle tests need pydicom (pip install pydicom)")
    }
}

final class DataBox: @unchecked Sendable {
    var data = Data()
}
