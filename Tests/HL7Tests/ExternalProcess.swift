import Foundation

/// Runs an outside program (python3, mllp_send) for interoperability tests, with a time limit.
/// A missing program is an error, never a skip.
struct ExternalProcess {
    struct Result {
        let status: Int32
        let stdout: Data
        let stderr: String
    }

    static func which(_ name: String) -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for p in paths {
            let candidate = "\(p)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static func run(_ executable: String, _ arguments: [String], stdin: Data? = nil, timeout: TimeInterval = 60) throws
        -> Result
    {
        guard let path = executable.hasPrefix("/") ? executable : which(executable) else {
            throw CorpusError("'\(executable)' is not installed or not on PATH; this interoperability test needs it")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try? input.fileHandleForWriting.close()
        let deadline = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: deadline)
        let errData = LockedData()
        let errThread = Thread { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        errThread.start()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        deadline.cancel()
        var waited = 0
        while !errData.isSet, waited < 200 {
            Thread.sleep(forTimeInterval: 0.01)
            waited += 1
        }
        return Result(
            status: process.terminationStatus, stdout: data, stderr: String(decoding: errData.get(), as: UTF8.self))
    }
}

final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    private var done = false
    func set(_ d: Data) {
        lock.withLock {
            data = d; done = true
        }
    }
    func get() -> Data { lock.withLock { data } }
    var isSet: Bool { lock.withLock { done } }
}
