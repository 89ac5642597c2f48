import DICOM
import Foundation
import LightboxTestSupport
import Testing

/// Issue 17's done-when test on a running `lightbox serve`: a QA result at suspension level recorded by the clinical
/// scientist suspends the room and withdraws its worklist items, seen both through the API worklist and by dcmtk
/// `findscu -W` (a real Modality Worklist C-FIND), and a pass restores them.
@Suite("QA suspension withdraws the worklist", .serialized)
struct QASuspensionWorklistTests {
    @Test("A QA failure at suspension level withdraws the room's worklist (API and MWL C-FIND); a pass restores it")
    func suspensionWithdrawsWorklist() async throws {
        let department = try await WorklistDepartment(peers: ["MODALITY": "echo,worklist"])
        defer { Task { await department.stop() } }
        let exams = try ModalityWorklistSCPTests.bookAll(department)
        let physicist = try department.addUser("phys", role: "physicist")
        let folder = try TestInstances.temporaryFolder("qa-mwl")
        defer { try? FileManager.default.removeItem(at: folder) }
        func mwlAccessions() throws -> Set<String> {
            Set(
                try ModalityWorklistSCPTests.findscu(
                    port: department.server.dicomPort, calledAETitle: ArchiveServer.aeTitle, keys: ["AccessionNumber"],
                    folder: folder
                ).compactMap { $0.string(.accessionNumber) })
        }
        func apiAccessions() throws -> Set<String> {
            let items = try department.get("/api/worklist", department.radiographer) as? [[String: Any]] ?? []
            return Set(items.compactMap { ($0["exam"] as? [String: Any])?["accessionNumber"] as? String })
        }
        let all = Set(exams.map(\.accession))
        let ctExams = Set([exams[2].accession, exams[4].accession])
        #expect(try mwlAccessions() == all)
        #expect(try apiAccessions() == all)

        let ct = department.rooms["ct"] ?? ""
        let failed = try department.post(
            "/api/qa/results", physicist, #"{"roomID":"\#(ct)","testCode":"CT-WATER-MEAN","value":14.2}"#, expect: 201)
        #expect((failed["value"] as? [String: Any])?["grade"] as? String == "suspension")
        #expect(try mwlAccessions() == all.subtracting(ctExams))
        #expect(try apiAccessions() == all.subtracting(ctExams))
        let toRebook = try department.get("/api/worklist/to-rebook", department.radiographer) as? [[String: Any]] ?? []
        #expect(Set(toRebook.compactMap { ($0["exam"] as? [String: Any])?["accessionNumber"] as? String }) == ctExams)
        // The suspension holds against a manager until a pass.
        try department.send(
            "PUT", "/api/rooms/\(ct)/status", department.manager, #"{"status":"inUse"}"#, expect: 409)
        #expect(try mwlAccessions() == all.subtracting(ctExams))

        let passed = try department.post(
            "/api/qa/results", physicist, #"{"roomID":"\#(ct)","testCode":"CT-WATER-MEAN","value":0.8}"#, expect: 201)
        #expect((passed["value"] as? [String: Any])?["grade"] as? String == "pass")
        #expect(try mwlAccessions() == all)
        #expect(try apiAccessions() == all)
        let rooms = try department.get("/api/rooms", department.manager) as? [[String: Any]] ?? []
        #expect(rooms.first { $0["id"] as? String == ct }?["status"] as? String == "inUse")
    }
}
