import DICOM
import Foundation
import LightboxTestSupport
import Testing

/// `kill -9` of `lightbox serve` in the middle of a storescu burst: after the restart every instance
/// that got Success is present, indexed and stored as sent (its file's SHA-256 is its name), nothing
/// half-written is indexed, and the staging files of cut writes are gone.
@Suite("lightbox serve killed during a storescu burst", .serialized)
struct CrashRecoveryTests {
    /// Rounds of burst-kill-restart (LIGHTBOX_KILL_ROUNDS, default 3), within a time budget.
    static let rounds = Int(ProcessInfo.processInfo.environment["LIGHTBOX_KILL_ROUNDS"] ?? "") ?? 3
    static let filesPerRound = 500
    static let budget: TimeInterval = 100

    @Test("Every acknowledged instance survives kill -9, indexed and byte for byte")
    func killDuringBurst() async throws {
        let server = try await ArchiveServer(peers: ["MODALITY": "echo,store"])
        defer { Task { await server.stop() } }
        let folder = try TestInstances.temporaryFolder("burst")
        defer { try? FileManager.default.removeItem(at: folder) }
        let started = Date()
        var acknowledgedTotal = 0
        var roundsRun = 0
        for round in 1...Self.rounds {
            if round > 1, Date().timeIntervalSince(started) > Self.budget { break }
            roundsRun = round
            // 500 new instances per round (a few studies of many images).
            var uidOfPath: [String: String] = [:]
            for index in 0..<Self.filesPerRound {
                let study = "1.2.826.0.1.3680043.10.99.\(round).\(index / 100 + 1)"
                let instance = "\(study).1.\(index + 1)"
                let path = try TestInstances.write(
                    TestInstances.dataSet(
                        study: study, series: study + ".1", instance: instance, note: "round \(round) #\(index)",
                        pixels: 32), to: folder, name: "r\(round)-\(index).dcm")
                uidOfPath[path] = instance
            }
            let paths = uidOfPath.keys.sorted()
            let burst = Process()
            burst.executableURL = URL(fileURLWithPath: "/usr/bin/storescu")
            burst.arguments =
                ["-v", "-nh", "-aet", "MODALITY", "-aec", ArchiveServer.aeTitle, "127.0.0.1", "\(server.dicomPort)"]
                + paths
            let pipe = Pipe()
            burst.standardOutput = pipe
            burst.standardError = pipe
            let output = LineCollector(pipe.fileHandleForReading)
            try burst.run()
            // Kill after a different number of acknowledged stores each round.
            let killAfter = [37, 181, 293, 12, 420, 96, 250, 330, 60, 450][(round - 1) % 10]
            let deadline = Date().addingTimeInterval(120)
            while Date() < deadline, burst.isRunning,
                output.snapshot().filter({ $0.contains("Received Store Response (Success)") }).count < killAfter
            {
                try await Task.sleep(for: .milliseconds(5))
            }
            await server.kill9()
            while burst.isRunning { try await Task.sleep(for: .milliseconds(20)) }
            // Which files got Success (storescu logs each file, then its response).
            var acknowledged: [String] = []
            var current: String?
            for line in output.snapshot() {
                if line.hasPrefix("I: Sending file: ") {
                    current = String(line.dropFirst("I: Sending file: ".count))
                } else if line.contains("Received Store Response (Success)"), let file = current {
                    acknowledged.append(file)
                    current = nil
                }
            }
            #expect(acknowledged.count >= min(killAfter, Self.filesPerRound), "round \(round): \(acknowledged.count)")
            #expect(acknowledged.count < Self.filesPerRound, "round \(round): the kill came after the burst")
            acknowledgedTotal += acknowledged.count

            try await server.start()
            #expect(server.stagingFiles().isEmpty, "round \(round): staging files left after restart")
            let indexed = Set(try server.query("SELECT sop_instance_uid FROM archive_instances").map { $0[0] })
            var lost: [String] = []
            var changed: [String] = []
            for path in acknowledged {
                let uid = try #require(uidOfPath[path])
                guard indexed.contains(uid), let stored = try server.storedFile(sopInstanceUID: uid) else {
                    lost.append(uid)
                    continue
                }
                if try StorageTests.comparable(stored.path) != StorageTests.comparable(path) { changed.append(uid) }
            }
            #expect(lost.isEmpty, "round \(round): acknowledged but lost after kill -9: \(lost.prefix(5))")
            #expect(changed.isEmpty, "round \(round): stored differently: \(changed.prefix(5))")
            try Self.expectEveryIndexedFileIntact(server, round: round)
            for path in paths { try? FileManager.default.removeItem(atPath: path) }
        }
        #expect(roundsRun >= 1 && acknowledgedTotal > 0)
        print("kill -9 rounds: \(roundsRun), acknowledged instances checked: \(acknowledgedTotal)")
    }

    /// Every indexed instance has its file, whose SHA-256 is its name (nothing half-written is indexed).
    static func expectEveryIndexedFileIntact(_ server: ArchiveServer, round: Int) throws {
        let keys = try server.query("SELECT DISTINCT image_key FROM archive_instances").map { $0[0] }
        let files = keys.map {
            server.images.appendingPathComponent("\($0.prefix(2))/\($0.dropFirst(2).prefix(2))/\($0)").path
        }
        for chunk in stride(from: 0, to: files.count, by: 200) {
            let batch = Array(files[chunk..<min(chunk + 200, files.count)])
            let sums = try ExternalProgram(path: "/usr/bin/sha256sum").run(batch)
            #expect(sums.status == 0, "round \(round): indexed files missing: \(sums.standardError.prefix(500))")
            for line in sums.lines {
                let parts = line.split(separator: " ", maxSplits: 1)
                guard parts.count == 2 else { continue }
                let name = URL(fileURLWithPath: String(parts[1]).trimmingCharacters(in: .whitespaces)).lastPathComponent
                #expect(String(parts[0]) == name, "round \(round): \(name) does not hold its bytes")
            }
        }
    }
}
