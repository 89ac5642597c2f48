import DICOM
import Foundation
import LightboxTestSupport
import Testing

/// The worklist's answer is bounded by configuration (`--worklist-limit`, `LIGHTBOX_WORKLIST_LIMIT`):
/// beyond it the answer ends with 0xA700 (Out of Resources, PS3.4 §K.4.1.1.4, which has no warning
/// status for a cut answer) and an Error Comment saying so, after the items sent; a query within
/// the limit is answered Success.
@Suite("Modality Worklist answers bounded by configuration", .serialized)
struct WorklistLimitTests {
    @Test("Three booked exams, a limit of two: two items, then A700 naming the limit")
    func truncated() async throws {
        let department = try await WorklistDepartment(
            peers: ["MODALITY": "echo,worklist"], environment: ["LIGHTBOX_WORKLIST_LIMIT": "2"])
        defer { Task { await department.server.stop() } }
        let booked = try Array(ModalityWorklistSCPTests.bookAll(department).prefix(5))
        #expect(booked.count == 5)
        let folder = try TestInstances.temporaryFolder("worklist-limit")
        defer { try? FileManager.default.removeItem(at: folder) }

        func findscu(_ keys: [String]) throws -> (answers: Int, output: String) {
            let out = folder.appendingPathComponent("rsp-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            let result = try DCMTK.run(
                "findscu",
                [
                    "-d", "-W", "-aet", "MODALITY", "-aec", ArchiveServer.aeTitle, "-X", "-od", out.path, "127.0.0.1",
                    "\(department.server.dicomPort)",
                ] + keys.flatMap { ["-k", $0] }, timeout: 60)
            let files = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasPrefix("rsp") }
            return (files.count, result.standardError + result.standardOutput)
        }
        // Every booked exam matches: two are answered, and the final status says the rest was not.
        let all = try findscu(["AccessionNumber", "PatientName"])
        #expect(all.answers == 2, "\(all.output.suffix(1500))")
        #expect(all.output.contains("0xa700: Refused: Out of resources"), "\(all.output.suffix(1500))")
        #expect(all.output.contains("More than 2 worklist items match"), "\(all.output.suffix(1500))")
        // Narrowed to one exam: within the limit, Success.
        let one = try findscu(["AccessionNumber=\(booked[0].accession)", "PatientName"])
        #expect(one.answers == 1, "\(one.output.suffix(1500))")
        #expect(one.output.contains("0x0000: Success"), "\(one.output.suffix(1500))")
        #expect(!one.output.contains("0xa700"))
    }
}
