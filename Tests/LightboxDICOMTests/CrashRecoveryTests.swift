import DICOM
import Foundation
import LightboxTestSupport
import Testing

/// `kill -9` of `lightbox serve` in the middle of a storescu burst: after the restart every instance
/// that got Success is present, indexed and byte-identical to the file sent (its data set; the File
/// Meta Information is the archive's), every indexed file holds the bytes its SHA-256 name says,
/// nothing half-written is indexed, and the staging files of cut writes are gone.
@Suite("lightbox serve killed during a storescu burst", .serialized)
struct CrashRecoveryTests {
    /// Rounds of burst-kill-restart (LIGHTBOX_KILL_ROUNDS, default 10): each round a fresh burst of
    /// 500 files, each round killed at a different moment.
    static let rounds = Int(ProcessInfo.processInfo.environment["LIGHTBOX_KILL_ROUNDS"] ?? "") ?? 10
    static let filesPerRound = 500
    /// The burst comes from this many modalities at once (storescu processes, one association each),
    /// as in a busy department, so a kill cuts several writes in flight. With one association a
    /// durable store takes ~0.15 s on the CI disk and ten rounds would take minutes.
    static let senders = 4
    /// Acknowledged stores (over all senders) after which each round's kill comes: early, late and
    /// in between, always inside the burst.
    static let killPoints = [23, 6, 71, 40, 12, 88, 52, 2, 31, 60]

    @Test("Every acknowledged instance survives kill -9, indexed and byte for byte")
    func killDuringBurst() async throws {
        let server = try await ArchiveServer(peers: ["MODALITY": "echo,store"])
        defer { Task { await server.stop() } }
        let folder = try TestInstances.temporaryFolder("burst")
        defer { try? FileManager.default.removeItem(at: folder) }
        var acknowledgedTotal = 0
        var roundsRun = 0
        for round in 1...Self.rounds {
            roundsRun = round
            let roundStarted = Date()
            // 500 new instances per round (five studies of 100 images).
            let uidOfPath = try Self.writeBurst(round: round, folder: folder)
            let paths = uidOfPath.keys.sorted()
            var bursts: [(process: Process, output: LineCollector)] = []
            for sender in 0..<Self.senders {
                let share = stride(from: sender, to: paths.count, by: Self.senders).map { paths[$0] }
                let burst = Process()
                burst.executableURL = URL(fileURLWithPath: "/usr/bin/storescu")
                burst.arguments =
                    [
                        "-v", "-nh", "-aet", "MODALITY", "-aec", ArchiveServer.aeTitle, "127.0.0.1",
                        "\(server.dicomPort)",
                    ] + share
                let pipe = Pipe()
                burst.standardOutput = pipe
                burst.standardError = pipe
                bursts.append((burst, LineCollector(pipe.fileHandleForReading)))
                try burst.run()
            }
            func successes() -> Int {
                bursts.reduce(0) { total, burst in
                    total + burst.output.snapshot().filter { $0.contains("Received Store Response (Success)") }.count
                }
            }
            let killAfter = Self.killPoints[(round - 1) % Self.killPoints.count]
            let deadline = Date().addingTimeInterval(120)
            while Date() < deadline, bursts.contains(where: { $0.process.isRunning }), successes() < killAfter {
                try await Task.sleep(for: .milliseconds(5))
            }
            await server.kill9()
            for burst in bursts {
                while burst.process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
            }
            // Which files got Success (storescu logs each file, then its response).
            var acknowledged: [String] = []
            for burst in bursts {
                var current: String?
                for line in burst.output.snapshot() {
                    if line.hasPrefix("I: Sending file: ") {
                        current = String(line.dropFirst("I: Sending file: ".count))
                    } else if line.contains("Received Store Response (Success)"), let file = current {
                        acknowledged.append(file)
                        current = nil
                    }
                }
            }
            #expect(acknowledged.count >= killAfter, "round \(round): \(acknowledged.count)")
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
                // storescu proposes the file's own transfer syntax (Explicit VR Little Endian) and the
                // archive accepts it, so the data set travels unchanged: the stored file's data set
                // must be the sent file's, byte for byte (only the File Meta Information is ours).
                if try TestInstances.dataSetBytes(of: stored.path) != TestInstances.dataSetBytes(of: path) {
                    changed.append(uid)
                }
            }
            #expect(lost.isEmpty, "round \(round): acknowledged but lost after kill -9: \(lost.prefix(5))")
            #expect(changed.isEmpty, "round \(round): not byte-identical: \(changed.prefix(5))")
            try Self.expectEveryIndexedFileIntact(server, round: round)
            for path in paths { try? FileManager.default.removeItem(atPath: path) }
            print(
                "kill -9 round \(round): \(acknowledged.count) acknowledged, \(Date().timeIntervalSince(roundStarted)) s"
            )
        }
        #expect(roundsRun == Self.rounds && acknowledgedTotal > 0)
        print("kill -9 rounds: \(roundsRun), acknowledged instances checked: \(acknowledgedTotal)")
    }

    /// The round's files (path → SOP Instance UID): one data set encoded once with placeholders as
    /// wide as the real values, copied with the round's and each instance's digits written in
    /// (encoding 500 data sets one by one costs seconds in a debug build on a loaded machine). Study
    /// `…10.99.<10+round>.<1-5>`, series `<study>.1`, instance `<series>.<1000+index>`.
    static func writeBurst(round: Int, folder: URL) throws -> [String: String] {
        let placeholderStudy = "1.2.826.0.1.3680043.10.99.RR.S"
        let templatePath = try TestInstances.write(
            TestInstances.dataSet(
                study: placeholderStudy, series: placeholderStudy + ".1", instance: placeholderStudy + ".1.IIII",
                note: "kill -9 burst", pixels: 32), to: folder, name: "template-\(round).dcm")
        let template = Array(try Data(contentsOf: URL(fileURLWithPath: templatePath)))
        try FileManager.default.removeItem(atPath: templatePath)
        func offsets(of pattern: String) -> [Int] {
            let needle = Array(pattern.utf8)
            return (0...(template.count - needle.count)).filter { Array(template[$0..<$0 + needle.count]) == needle }
        }
        let studyOffsets = offsets(of: "99.RR.S").map { $0 + 3 }
        let instanceOffsets = offsets(of: ".1.IIII").map { $0 + 3 }
        precondition(round < 90 && studyOffsets.count == 4 && instanceOffsets.count == 2, "placeholders not found")
        var uidOfPath: [String: String] = [:]
        for index in 0..<filesPerRound {
            let studyDigits = "\(10 + round).\(index / 100 + 1)"
            let instanceDigits = "\(1000 + index)"
            var bytes = template
            for offset in studyOffsets { bytes.replaceSubrange(offset..<offset + 4, with: Array(studyDigits.utf8)) }
            for offset in instanceOffsets {
                bytes.replaceSubrange(offset..<offset + 4, with: Array(instanceDigits.utf8))
            }
            let path = folder.appendingPathComponent("r\(round)-\(index).dcm").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            uidOfPath[path] = "1.2.826.0.1.3680043.10.99.\(studyDigits).1.\(instanceDigits)"
        }
        return uidOfPath
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
