import Foundation
import HTTPTypes
import HummingbirdTesting
import LightboxDomain
import LightboxTestSupport
import Testing

@testable import LightboxWeb

/// Safety forms on the pages: a student's Pause and Check names their supervisor.
@Suite("Safety forms on the pages")
struct SafetyFormPageTests {
    @Test("A student records Pause and Check on the page only under a named supervisor")
    func studentNamesSupervisor() async throws {
        try await TestApp.run(.sqlite) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let exam = try await path.request("man", "XCHEST")
            try await path.justify(exam)
            try await path.book(exam)
            try await path.arrive(exam)
            try await PageTests.account(seeded, "s.chen", .student, person: "student")
            var student = PageSession(client)
            _ = try await student.signIn("s.chen", PageTests.password)
            let page = try await student.get("/exams/\(exam)")
            #expect(page.html.contains("Supervising radiographer"))
            let supervisor = try #require(seeded.staff["radiographer2"])
            #expect(page.html.contains(supervisor.id.uuidString))
            let checks = [
                ("_csrf", page.formToken ?? ""), ("identity.identifiers", "name"),
                ("identity.identifiers", "dateOfBirth"), ("identity.identifiers", "nhsNumber"),
                ("identity.methods", "verbal"), ("identity.methods", "wristband"),
                ("anatomy.bodyPartConfirmed", "true"), ("equipmentAndSettingsConfirmed", "true"),
            ]
            let refused = try await student.post("/exams/\(exam)/pause-and-check", checks)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.html.contains("href=\"#pause-and-check-field-supervisorStaffID\""), "\(refused.html)")
            let unchanged = try await seeded.store.transaction { try await $0.exams.get(UUID(uuidString: exam)!) }
            #expect(unchanged?.state == .arrived)

            let recorded = try await student.post(
                "/exams/\(exam)/pause-and-check", checks + [("supervisorStaffID", supervisor.id.uuidString)])
            #expect(recorded.status == .seeOther)
            let stored = try await seeded.store.transaction { try await $0.exams.get(UUID(uuidString: exam)!) }
            #expect(stored?.state == .checked)

            // A radiographer acts on their own: no supervisor to choose on their checklist.
            try await PageTests.account(seeded, "g.okafor", .radiographer, person: "radiographer")
            let other = try await path.request("woman", "XCHEST")
            try await path.justify(other)
            try await path.book(other)
            try await path.arrive(other)
            var radiographer = PageSession(client)
            _ = try await radiographer.signIn("g.okafor", PageTests.password)
            #expect(!(try await radiographer.get("/exams/\(other)").html.contains("Supervising radiographer")))
        }
    }
}
