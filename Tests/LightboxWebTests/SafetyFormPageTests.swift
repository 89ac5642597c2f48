import Foundation
import HTTPTypes
import HummingbirdTesting
import LightboxDomain
import LightboxTestSupport
import Testing

@testable import LightboxWeb

/// Safety forms on the pages: a student's Pause and Check names their supervisor; the operator flags a
/// finding for the reporter and records a contrast reaction.
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

    @Test("The operator flags a finding for the reporter on the exam page; a flag without words is refused")
    func flagFinding() async throws {
        try await TestApp.run(.sqlite) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let exam = try await path.checkedChest()
            try await path.step(exam, "start", by: path.token("radiographer"))
            try await path.step(
                exam, "completion", by: path.token("radiographer"), #"{"projections":[{"name":"PA","images":1}]}"#)
            try await PageTests.account(seeded, "g.okafor", .radiographer, person: "radiographer")
            var radiographer = PageSession(client)
            _ = try await radiographer.signIn("g.okafor", PageTests.password)
            let page = try await radiographer.get("/exams/\(exam)")
            #expect(page.html.contains("Flag a finding for the reporter"))
            let token = page.formToken ?? ""
            let empty = try await radiographer.post(
                "/exams/\(exam)/finding-flag", [("_csrf", token), ("note", " "), ("suggestedCategory", "urgent")])
            #expect(empty.status == .unprocessableContent)
            #expect(empty.html.contains("href=\"#flag-finding-field-note\""), "\(empty.html)")
            let flagged = try await radiographer.post(
                "/exams/\(exam)/finding-flag",
                [("_csrf", token), ("note", "Possible pneumothorax, right apex"), ("suggestedCategory", "urgent")])
            #expect(flagged.status == .seeOther)
            let after = try await radiographer.get(flagged.headers[.location] ?? "")
            #expect(after.html.contains("Finding flagged for the reporter"))
            #expect(after.html.contains("[Urgent] Possible pneumothorax, right apex"))
            let stored = try await seeded.store.transaction { try await $0.exams.get(UUID(uuidString: exam)!) }
            #expect(stored?.findingFlags.map(\.suggestedCategory) == [.urgent])
        }
    }

    @Test("A contrast reaction is recorded on the exam page with its severity; without one it is refused")
    func contrastReaction() async throws {
        try await TestApp.run(.sqlite) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let exam = try await path.request("man", "CCHEST")
            try await path.justify(exam, by: "radiologist")
            try await path.book(exam, room: "ct")
            try await path.arrive(exam)
            try await path.step(
                exam, "pause-and-check", by: path.token("radiographer"), SafetyRoutesTests.contrastChecklist)
            try await PageTests.account(seeded, "g.okafor", .radiographer, person: "radiographer")
            var radiographer = PageSession(client)
            _ = try await radiographer.signIn("g.okafor", PageTests.password)
            #expect(!(try await radiographer.get("/exams/\(exam)").html.contains("Record reaction")), "not before")
            try await path.step(exam, "start", by: path.token("radiographer"))
            let page = try await radiographer.get("/exams/\(exam)")
            #expect(page.html.contains("Record reaction"))
            let token = page.formToken ?? ""
            let refused = try await radiographer.post(
                "/exams/\(exam)/contrast-reaction", [("_csrf", token), ("description", "Urticaria")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.html.contains("href=\"#contrast-reaction-field-severity-mild\""), "\(refused.html)")
            let recorded = try await radiographer.post(
                "/exams/\(exam)/contrast-reaction",
                [
                    ("_csrf", token), ("severity", "moderate"), ("description", "Urticaria and wheeze"),
                    ("treatment", "Chlorphenamine 10 mg IV"),
                ])
            #expect(recorded.status == .seeOther)
            let after = try await radiographer.get(recorded.headers[.location] ?? "")
            #expect(after.html.contains("Moderate: Urticaria and wheeze. Treated with: Chlorphenamine 10 mg IV"))
            let stored = try await seeded.store.transaction { try await $0.exams.get(UUID(uuidString: exam)!) }
            #expect(stored?.contrastReactions.map(\.severity) == [.moderate])
        }
    }
}
