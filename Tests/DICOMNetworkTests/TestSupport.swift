import Foundation
import Logging
import NIOCore
import NIOPosix
import Testing

@testable import DICOMNetwork

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The test corpus: the folder `scripts/corpus` assembles in the repository (`.corpus/`), found by walking up
/// from this file, else `shared/corpus` from LIGHTBOX_SHARED or walking up.
enum Corpus {
    static let located: String? = {
        var assembled: [String] = []
        var shared: [String] = []
        if let env = ProcessInfo.processInfo.environment["LIGHTBOX_SHARED"] { shared.append(env + "/corpus") }
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" {
            assembled.append(dir.appendingPathComponent(".corpus").path)
            shared.append(dir.appendingPathComponent("shared/corpus").path)
            dir.deleteLastPathComponent()
        }
        return (assembled + shared).first { FileManager.default.fileExists(atPath: $0 + "/manifest.tsv") }
    }()

    static func root() throws -> String {
        guard let located else {
            throw TestFailure(
                "no test corpus: run scripts/corpus (scripts/test does) to assemble .corpus/, or set LIGHTBOX_SHARED")
        }
        return located
    }

    struct Row: Sendable {
        var path: String
        var category: String
        var detected: String
    }

    static func rows(category: String) throws -> [Row] {
        let root = try root()
        let text = try String(contentsOfFile: root + "/manifest.tsv", encoding: .utf8)
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cols.count >= 8, cols[3] == category else { return nil }
            return Row(path: root + "/" + cols[0], category: cols[3], detected: cols[7])
        }
    }
}

/// Outside programs, by absolute path; a missing one fails the test with a clear message.
final class Tool: @unchecked Sendable {
    // Process is not Sendable; this wrapper only touches it from the creating task, plus the
    // termination timer, which only calls terminate() (thread-safe in Foundation).
    let process: Process
    let stdout = Pipe()
    let stderr = Pipe()

    init(_ path: String, _ arguments: [String], environment: [String: String]? = nil, cwd: String? = nil) throws {
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw TestFailure(
                "\(path) is missing: install it (dcmtk: apt-get install dcmtk; python: pip install pynetdicom)")
        }
        process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        if let cwd { process.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
    }

    struct Result: Sendable {
        var status: Int32
        var output: String
        var error: String
        var all: String { output + error }
    }

    /// Runs to completion, killed after `timeout` seconds.
    static func run(
        _ path: String, _ arguments: [String], timeout: Double = 60, environment: [String: String]? = nil
    ) async throws -> Result {
        let tool = try Tool(path, arguments, environment: environment)
        return await tool.wait(timeout: timeout)
    }

    func wait(timeout: Double) async -> Result {
        let out = stdout.fileHandleForReading
        let err = stderr.fileHandleForReading
        // Blocking reads run on Dispatch threads: the cooperative pool is as small as the core
        // count and our own server needs it while the tool runs.
        async let o = Self.offPool { out.readDataToEndOfFile() }
        async let e = Self.offPool { err.readDataToEndOfFile() }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
        if process.isRunning {
            process.terminate()
            let killAt = Date().addingTimeInterval(5)
            while process.isRunning && Date() < killAt { try? await Task.sleep(for: .milliseconds(50)) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        while process.isRunning { try? await Task.sleep(for: .milliseconds(50)) }
        let (od, ed) = await (o, e)
        return Result(
            status: process.terminationStatus, output: String(decoding: od, as: UTF8.self),
            error: String(decoding: ed, as: UTF8.self))
    }

    /// Kills the peer without waiting (for `defer`): wlmscpfs and dcmqrscp ignore SIGTERM.
    func terminate() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    static func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }

    /// Stops a server started with `init` (SIGTERM, then collects its output).
    func stop() async -> Result {
        if let stopped { return stopped }
        if process.isRunning { process.terminate() }
        let result = await wait(timeout: 3)
        stopped = result
        return result
    }
    private var stopped: Result?
}

enum Net {
    /// A free TCP port on 127.0.0.1 (bound then released).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0
            }
        }
        guard bound else { throw TestFailure("cannot bind a free port") }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    /// Waits (bounded) until something listens on the port. Readiness is read from the kernel's
    /// socket table (a TCP socket in LISTEN state, /proc/net/tcp and tcp6) rather than probed by
    /// connecting: a probe is a real connection to the peer, and a single-process peer such as
    /// storescp would serve it first (with +tls: a failed handshake) while ours waits behind it.
    static func waitForPort(_ port: Int, timeout: Double = 15) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try isListening(port) { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestFailure("nothing listens on 127.0.0.1:\(port) after \(timeout) s")
    }

    /// Whether a TCP socket of this machine listens on the port (any local address).
    static func isListening(_ port: Int) throws -> Bool {
        let suffix = ":" + String(format: "%04X", port)
        var readable = false
        for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
            guard let text = try? String(contentsOfFile: table, encoding: .utf8) else { continue }
            readable = true
            for line in text.split(separator: "\n").dropFirst() {
                let columns = line.split(separator: " ")
                // columns: sl, local_address, rem_address, st (0A = LISTEN), …
                if columns.count > 3, columns[1].hasSuffix(suffix), columns[3] == "0A" { return true }
            }
        }
        guard readable else { throw TestFailure("cannot read /proc/net/tcp to see whether port \(port) listens") }
        return false
    }
}

/// The path of a peer script in `Tests/Scripts` (shared with the `lightbox` binary's tests).
func testScript(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scripts/\(name)").path
}

func makeTemporaryDirectory(_ label: String = "net") throws -> String {
    let path = NSTemporaryDirectory() + "lightbox-\(label)-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Stores one Part 10 file on a test server (calling SCU, called LIGHTBOX), proposing its SOP class
/// in its own transfer syntax; returns the peer's maximum PDU length and the C-STORE status.
func storeFile(
    _ path: String, port: Int, maximumLength: UInt32 = 65_536
) async throws -> (peerMaximumLength: UInt32, status: DIMSEStatus) {
    let header = try Part10Header.read(path: path)
    let association = try await DICOMClient().connect(
        host: "127.0.0.1", port: port,
        parameters: AssociationParameters(
            callingAETitle: "SCU", calledAETitle: "LIGHTBOX",
            proposals: [
                .init(abstractSyntax: header.mediaStorageSOPClassUID, transferSyntaxes: [header.transferSyntaxUID])
            ],
            maximumLength: maximumLength))
    let status = try await association.store(file: path).status
    try await association.release()
    return (association.peerMaximumLength, status)
}

/// Runs a DICOMServer for the duration of `body` (bounded), on a free port of 127.0.0.1.
func withServer<T: Sendable>(
    aeTitle: String = "LIGHTBOX", handlers: ServiceHandlers, policy: (any AssociationPolicy)? = nil,
    maximumAssociations: Int = 20, maximumPDULength: UInt32 = 65536,
    timeouts: UpperLayerHandler.Timeouts = .init(artim: .seconds(15), idle: .seconds(30)),
    timeout: Double = 120,
    _ body: @escaping @Sendable (Int, DICOMServer) async throws -> T
) async throws -> T {
    try await withConfiguredServer(
        DICOMServerConfiguration(
            host: "127.0.0.1", port: 0, aeTitle: aeTitle, maximumAssociations: maximumAssociations,
            maximumPDULength: maximumPDULength, timeouts: timeouts),
        handlers: handlers, policy: policy, timeout: timeout, body)
}

let dcmtk = "/usr/bin/"

extension String {
    /// Appends to a trace file (debugging hung interop tests, where stdout is only seen at exit).
    func appendLine(to path: String) throws {
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(utf8))
    }
}
