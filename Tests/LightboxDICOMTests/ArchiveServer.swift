import Foundation
import LightboxTestSupport
import Testing

/// A running `lightbox serve` (the built binary, as a user runs it) on a temporary data folder,
/// with the DICOM peers a test registers through `lightbox dicom peer add`. Listens on free ports
/// of 127.0.0.1; read its index with sqlite3 and its image folder directly.
final class ArchiveServer: @unchecked Sendable {
    let lightbox: ExternalProgram
    let data: URL
    let arguments: [String]
    let environment: [String: String]
    private(set) var process: Process?
    private(set) var dicomPort = 0
    private(set) var httpPort = 0
    private var lines: LineCollector?

    static let quiet = ["LIGHTBOX_BCRYPT_COST": "10", "LIGHTBOX_LOG_LEVEL": "warning"]
    static let aeTitle = "LIGHTBOX"

    /// Registers `peers` (AE title → services) on a fresh data folder, then starts the server.
    init(peers: [String: String], extraArguments: [String] = [], environment: [String: String] = [:]) async throws {
        lightbox = try Self.binary()
        data = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-archive-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        arguments = extraArguments
        self.environment = environment
        for (aeTitle, services) in peers.sorted(by: { $0.key < $1.key }) {
            try addPeer(aeTitle, services: services)
        }
        try await start()
    }

    deinit {
        if let process, process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: data)
    }

    var images: URL { data.appendingPathComponent("images") }
    var database: String { data.appendingPathComponent("lightbox.sqlite").path }

    /// `lightbox dicom peer add AET 127.0.0.1 104 --services …` on the same data (works while serving).
    func addPeer(_ aeTitle: String, services: String, port: Int = 104) throws {
        let added = try lightbox.run(
            ["dicom", "peer", "add", aeTitle, "127.0.0.1", "\(port)", "--services", services, "--data", data.path],
            environment: Self.quiet)
        guard added.status == 0 else { throw Failure("peer add \(aeTitle): \(added.standardError)") }
    }

    func removePeer(_ aeTitle: String) throws {
        let removed = try lightbox.run(
            ["dicom", "peer", "remove", aeTitle, "--data", data.path], environment: Self.quiet)
        guard removed.status == 0 else { throw Failure("peer remove \(aeTitle): \(removed.standardError)") }
    }

    /// Starts (or restarts) the server and waits for its DICOM and HTTP listening lines.
    func start() async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: lightbox.path)
        process.arguments =
            [
                "serve", "--data", data.path, "--host", "127.0.0.1", "--http-port", "0", "--hl7-port", "0",
                "--dicom-port", "0", "--ae-title", Self.aeTitle,
            ] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(Self.quiet) { $1 }.merging(environment) {
            $1
        }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let lines = LineCollector(output.fileHandleForReading)
        try process.run()
        self.process = process
        self.lines = lines
        let deadline = Date().addingTimeInterval(120)
        var dicom: Int?
        var http: Int?
        while Date() < deadline, dicom == nil || http == nil, process.isRunning {
            try await Task.sleep(for: .milliseconds(100))
            for line in lines.snapshot() {
                if line.hasPrefix("DICOM listening on 127.0.0.1:"),
                    let value = line.dropFirst("DICOM listening on 127.0.0.1:".count).split(separator: " ").first
                {
                    dicom = Int(value)
                }
                if line.hasPrefix("Lightbox listening on http://"), let value = line.split(separator: ":").last {
                    http = Int(value)
                }
            }
        }
        guard let dicom, let http else {
            throw Failure("lightbox serve did not report its ports; output: \(lines.snapshot())")
        }
        dicomPort = dicom
        httpPort = http
    }

    /// SIGKILL: no chance to finish anything.
    func kill9() async {
        guard let process, process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
    }

    /// SIGTERM and wait.
    func stop() async {
        guard let process, process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning, Date() < deadline { try? await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning { await kill9() }
    }

    var isRunning: Bool { process?.isRunning == true }

    /// Rows of a query on the server's SQLite file (columns separated by `|`).
    func query(_ sql: String) throws -> [[String]] {
        let result = try ExternalProgram(path: "/usr/bin/sqlite3").run(["-readonly", database, sql])
        guard result.status == 0 else { throw Failure("sqlite3: \(result.standardError)") }
        return result.lines.filter { !$0.isEmpty }.map {
            $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        }
    }

    /// Every file under the image folder except staging (relative paths).
    func imageFiles() -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: images.path)
        var files: [String] = []
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(
                atPath: images.appendingPathComponent(path).path, isDirectory: &isDirectory)
            if exists, !isDirectory.boolValue, !path.hasPrefix(".staging") { files.append(path) }
        }
        return files.sorted()
    }

    func stagingFiles() -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: images.appendingPathComponent(".staging").path)) ?? []
    }

    /// The stored file of an instance, from the index.
    func storedFile(sopInstanceUID: String) throws -> URL? {
        let rows = try query("SELECT image_key FROM archive_instances WHERE sop_instance_uid = '\(sopInstanceUID)'")
        guard let key = rows.first?.first, key.count == 64 else { return nil }
        return images.appendingPathComponent("\(key.prefix(2))/\(key.dropFirst(2).prefix(2))/\(key)")
    }

    /// The built `lightbox` next to the test bundle, or LIGHTBOX_BINARY.
    static func binary() throws -> ExternalProgram {
        if let path = ProcessInfo.processInfo.environment["LIGHTBOX_BINARY"] { return try ExternalProgram(path: path) }
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        for _ in 0..<6 {
            url.deleteLastPathComponent()
            let candidate = url.appendingPathComponent("lightbox")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue
            {
                return try ExternalProgram(path: candidate.path)
            }
        }
        throw Failure("The lightbox executable was not found next to the tests; build it or set LIGHTBOX_BINARY.")
    }
}

struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// dcmtk's command-line tools, run as a modality engineer would.
enum DCMTK {
    static func run(_ tool: String, _ arguments: [String], timeout: TimeInterval = 120) throws -> ExternalProgram.Result
    {
        try ExternalProgram(path: "/usr/bin/\(tool)").run(arguments, timeout: timeout)
    }

    static func echo(port: Int, callingAETitle: String, calledAETitle: String = ArchiveServer.aeTitle) throws
        -> ExternalProgram.Result
    {
        try run("echoscu", ["-aet", callingAETitle, "-aec", calledAETitle, "127.0.0.1", "\(port)"], timeout: 30)
    }

    static func store(port: Int, callingAETitle: String, files: [String], extra: [String] = []) throws
        -> ExternalProgram.Result
    {
        try run(
            "storescu",
            ["-v", "-nh", "-aet", callingAETitle, "-aec", ArchiveServer.aeTitle] + extra
                + ["127.0.0.1", "\(port)"] + files, timeout: 600)
    }
}
