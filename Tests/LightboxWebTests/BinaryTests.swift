import Foundation
import LightboxTestSupport
import Testing

/// Runs the built `lightbox` executable as a user would.
@Suite("The lightbox command line", .serialized)
struct BinaryTests {
    /// The `lightbox` binary next to the test bundle (SwiftPM puts products and tests in one folder),
    /// or LIGHTBOX_BINARY.
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
        throw ExternalProgram.Missing(
            description:
                "The lightbox executable was not found next to the tests (\(CommandLine.arguments[0])); build it with `swift build` or set LIGHTBOX_BINARY."
        )
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static let quiet = ["LIGHTBOX_BCRYPT_COST": "10", "LIGHTBOX_LOG_LEVEL": "warning"]

    /// Starts `lightbox ARGUMENTS` (quietly) with its standard output collected line by line; the caller stops it.
    static func start(_ lightbox: ExternalProgram, _ arguments: [String]) throws -> (Process, LineCollector) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: lightbox.path)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(Self.quiet) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let lines = LineCollector(output.fileHandleForReading)
        try process.run()
        return (process, lines)
    }

    @Test("user add prints a token last; verify-audit passes, then fails naming a row changed with sqlite3")
    func userAddAndVerifyAudit() throws {
        let lightbox = try Self.binary()
        let sqlite = try ExternalProgram(path: "/usr/bin/sqlite3")
        let data = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: data) }

        let migrate = try lightbox.run(["migrate", "--data", data.path], environment: Self.quiet)
        #expect(migrate.status == 0, "\(migrate.standardError)")

        let added = try lightbox.run(
            [
                "user", "add", "g.okafor", "--role", "radiographer", "--password", "a long enough password", "--data",
                data.path,
            ],
            environment: Self.quiet)
        #expect(added.status == 0, "\(added.standardError)")
        let token = try #require(added.lines.last)
        #expect(token.hasPrefix("lbx_") && token.count > 40, "last line: \(token)")

        let second = try lightbox.run(
            ["user", "add", "b.walsh", "--role", "support-worker", "--data", data.path], environment: Self.quiet)
        #expect(second.status == 0)
        let badRole = try lightbox.run(
            ["user", "add", "x.y", "--role", "wizard", "--data", data.path], environment: Self.quiet)
        #expect(badRole.status != 0)
        #expect(badRole.standardError.contains("radiographer"))

        let list = try lightbox.run(["user", "list", "--data", data.path], environment: Self.quiet)
        #expect(list.standardOutput.contains("g.okafor") && list.standardOutput.contains("support-worker"))
        let another = try lightbox.run(["user", "token", "b.walsh", "--data", data.path], environment: Self.quiet)
        #expect(another.lines.last?.hasPrefix("lbx_") == true)

        let intact = try lightbox.run(["verify-audit", "--data", data.path], environment: Self.quiet)
        #expect(intact.status == 0, "\(intact.standardOutput) \(intact.standardError)")
        #expect(intact.standardOutput.hasPrefix("OK"))

        let database = data.appendingPathComponent("lightbox.sqlite").path
        let tamper = try sqlite.run([
            database, "UPDATE audit_entries SET detail = 'nothing happened' WHERE sequence = 2;",
        ])
        #expect(tamper.status == 0, "\(tamper.standardError)")
        let broken = try lightbox.run(["verify-audit", "--data", data.path], environment: Self.quiet)
        #expect(broken.status != 0)
        #expect(broken.standardOutput.contains("BROKEN"))
        #expect(
            broken.standardOutput.contains("audit entry 2 "), "must name the changed entry: \(broken.standardOutput)")
    }

    @Test("serve --demo answers /health and the API with the demo token, and HL7 over MLLP")
    func serveDemo() async throws {
        let lightbox = try Self.binary()
        let data = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: data) }
        let (process, lines) = try Self.start(
            lightbox,
            ["serve", "--demo", "--data", data.path, "--http-port", "0", "--hl7-port", "0", "--host", "127.0.0.1"])
        defer {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
        }
        // Read start-up lines until the listening address appears (bounded wait).
        let deadline = Date().addingTimeInterval(180)
        var port: Int?
        var hl7Port: Int?
        var token: String?
        while Date() < deadline, port == nil || hl7Port == nil, process.isRunning {
            try await Task.sleep(for: .milliseconds(200))
            for line in lines.snapshot() {
                if line.hasPrefix("Demo API token"), let last = line.split(separator: " ").last { token = String(last) }
                if line.hasPrefix("Lightbox listening on http://"), let value = line.split(separator: ":").last {
                    port = Int(value)
                }
                if line.hasPrefix("HL7 MLLP listening on "), let value = line.split(separator: ":").last {
                    hl7Port = Int(value)
                }
            }
        }
        let foundPort = try #require(port, "no listening line; output: \(lines.snapshot())")
        let foundToken = try #require(token, "no demo token printed")
        #expect(lines.snapshot().contains { $0.contains("g.okafor") && $0.contains("radiographer") })

        let health = try await HTTP.get("http://127.0.0.1:\(foundPort)/health")
        #expect(health.status == 200)
        #expect(health.body.contains("\"database\":\"ok\""))
        let exams = try await HTTP.get(
            "http://127.0.0.1:\(foundPort)/api/exams?date=\(Self.today())", token: foundToken)
        #expect(exams.status == 200, "\(exams.body)")
        #expect(exams.body.contains("\"state\":\"discharged\""))
        #expect(exams.body.contains("\"state\":\"inProgress\""))
        let rooms = try await HTTP.get("http://127.0.0.1:\(foundPort)/api/rooms", token: foundToken)
        #expect(rooms.body.contains("CT scanner"))
        let anonymous = try await HTTP.get("http://127.0.0.1:\(foundPort)/api/rooms")
        #expect(anonymous.status == 401)
        // The HL7 door of the same server: python-hl7's mllp_send registers a patient (AA only after
        // the commit), and the API then finds that patient.
        let foundHL7Port = try #require(hl7Port, "no HL7 listening line; output: \(lines.snapshot())")
        let message = try Self.temporaryDirectory().appendingPathComponent("a04.hl7")
        defer { try? FileManager.default.removeItem(at: message.deletingLastPathComponent()) }
        let a04 =
            "MSH|^~\\&|PAS|RVH|LIGHTBOX|RAD|20261124100000||ADT^A04^ADT_A01|SERVE-A04-1|P|2.5.1\r"
            + "EVN|A04|20261124100000\r"
            + "PID|1||RVH770011^^^RVH^MR||MLLPTEST^JOAN||19610203|F|||2 QUAY ROAD^^BELFAST^^BT3 9AA\r"
            + "PV1|1|O\r"
        try Data(a04.utf8).write(to: message)
        let send = try ExternalProgram(path: "/usr/bin/env").run(
            ["mllp_send", "--loose", "-p", "\(foundHL7Port)", "-f", message.path, "127.0.0.1"], timeout: 60)
        #expect(send.status == 0, "mllp_send (python-hl7) must be installed: \(send.standardError)")
        #expect(send.standardOutput.contains("MSA|AA|SERVE-A04-1"), "ACK: \(send.standardOutput)")
        let found = try await HTTP.get(
            "http://127.0.0.1:\(foundPort)/api/patients?hospitalNumber=RVH770011", token: foundToken)
        #expect(found.status == 200)
        #expect(found.body.contains("MLLPTEST"), "\(found.body)")

        let metrics = try await HTTP.get("http://127.0.0.1:\(foundPort)/metrics")
        #expect(metrics.body.contains("hb_request"), "metrics: \(metrics.body.prefix(300))")

        // Graceful stop on SIGTERM.
        process.terminate()
        let stopDeadline = Date().addingTimeInterval(20)
        while process.isRunning && Date() < stopDeadline { try await Task.sleep(for: .milliseconds(100)) }
        #expect(!process.isRunning)
        #expect(process.terminationStatus == 0)

        // Loading the demo again changes nothing and the audit chain holds.
        let verify = try lightbox.run(["verify-audit", "--data", data.path], environment: Self.quiet)
        #expect(verify.status == 0, "\(verify.standardOutput)")
    }

    @Test("dicom receive --dimse-timeout aborts a peer that stops in the middle of a C-STORE after that long")
    func dicomReceiveDIMSETimeout() async throws {
        let lightbox = try Self.binary()
        let folder = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let refused = try lightbox.run(["dicom", "receive", "--dir", folder.path, "--dimse-timeout=-1"])
        #expect(refused.status != 0)
        #expect(refused.standardError.contains("--dimse-timeout must not be negative"), "\(refused.standardError)")

        let (process, lines) = try Self.start(
            lightbox,
            [
                "dicom", "receive", "--host", "127.0.0.1", "--port", "0", "--dir", folder.path, "-aet", "LIGHTBOX",
                "--dimse-timeout", "1",
            ])
        defer {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
        }
        let deadline = Date().addingTimeInterval(60)
        var port: Int?
        while Date() < deadline, port == nil, process.isRunning {
            try await Task.sleep(for: .milliseconds(100))
            port =
                lines.snapshot().compactMap { line in
                    line.hasPrefix("listening on ") ? Int(line.split(separator: " ")[2]) : nil
                }.first
        }
        let listening = try #require(port, "no listening line; output: \(lines.snapshot())")
        // The same silent peer as DICOMNetwork's DIMSE timeout tests: a C-STORE-RQ announcing a data set that
        // never comes. It prints what came back, whether the server closed, and after how many seconds.
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Scripts/silent-dimse-peer.py").path
        let peer = try ExternalProgram(path: "/usr/bin/python3").run([script, "\(listening)", "store"], timeout: 60)
        let words = peer.standardOutput.split(whereSeparator: \.isWhitespace).map(String.init)
        try #require(peer.status == 0 && words.count == 3, "peer: \(peer.standardOutput) \(peer.standardError)")
        #expect(words[0].hasPrefix("07"), "an A-ABORT was expected, got \(words[0])")
        #expect(words[1] == "closed")
        let seconds = try #require(Double(words[2]))
        #expect(seconds >= 0.9 && seconds < 10, "aborted after \(seconds) s, not about 1 s")
        #expect(process.isRunning, "the receiver stopped instead of going on listening")
    }

    static func today() -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London") ?? .gmt
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}

/// HTTP GET with curl (an outside client, as a user would try the server).
enum HTTP {
    struct Response {
        var status: Int
        var body: String
    }

    static func get(_ url: String, token: String? = nil) async throws -> Response {
        let curl = try ExternalProgram(path: "/usr/bin/curl")
        var arguments = ["-s", "-m", "20", "-w", "\n%{http_code}", url]
        if let token { arguments += ["-H", "Authorization: Bearer \(token)"] }
        let result = try curl.run(arguments, timeout: 30)
        let lines = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
        let status = Int(lines.last ?? "") ?? 0
        return Response(status: status, body: lines.dropLast().joined(separator: "\n"))
    }
}
