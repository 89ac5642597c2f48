import Foundation

/// Runs an outside program (sqlite3, psql, the built `lightbox`) and captures its output. A missing
/// program is an error naming it — tests never skip silently.
public struct ExternalProgram: Sendable {
    public struct Result: Sendable {
        public var status: Int32
        public var standardOutput: String
        public var standardError: String
        /// Standard output's lines without trailing empty ones.
        public var lines: [String] {
            standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                .reversed().drop(while: { $0.isEmpty }).reversed()
        }
    }

    public struct Missing: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) {
            self.description = description
        }
    }

    public let path: String

    public init(path: String) throws {
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw Missing(description: "\(path) is not installed or not executable; this test needs it.")
        }
        self.path = path
    }

    /// Runs to completion (killed after `timeout` seconds).
    public func run(_ arguments: [String], environment: [String: String]? = nil, timeout: TimeInterval = 120) throws
        -> Result
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        let outData = ReadBox()
        let errData = ReadBox()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            outData.set(out.fileHandleForReading.readDataToEndOfFile())
            group.leave()
        }
        group.enter()
        DispatchQueue.global().async {
            errData.set(err.fileHandleForReading.readDataToEndOfFile())
            group.leave()
        }
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        _ = group.wait(timeout: .now() + 5)
        return Result(
            status: process.terminationStatus, standardOutput: String(decoding: outData.get(), as: UTF8.self),
            standardError: String(decoding: errData.get(), as: UTF8.self))
    }
}

/// Collects a pipe's bytes from a reading thread.
final class ReadBox: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func set(_ value: Data) { lock.withLock { data = value } }
    func get() -> Data { lock.withLock { data } }
}
