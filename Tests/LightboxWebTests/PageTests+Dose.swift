import Foundation
import HTTPTypes
import LightboxDomain
import LightboxTestSupport
import Testing

extension PageTests {
    @Test(
        "A dose above its reference level shows on the exam page at image check and is acknowledged there, audited",
        arguments: TestEngine.allCases)
    func doseAlertsAtImageCheck(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let exam = try await path.checkedChest()
            try await path.step(exam, "start", by: path.token("radiographer"))
            // 5 dGy·cm² for one chest PA radiograph: 0.5 Gy·cm², 4.5 × the national DRL of 0.11.
            try await path.step(
                exam, "dose", by: path.token("radiographer"),
                #"{"doseAreaProduct":{"value":5,"unit":"dGy.cm2"},"numberOfExposures":1,"kilovolts":110}"#,
                expect: 201)
            try await path.step(
                exam, "dose", by: path.token("radiographer"), #"{"doseAreaProduct":{"value":5,"unit":"mGy"}}"#,
                expect: 422)
            try await Self.account(seeded, "g.okafor", .radiographer, person: "radiographer")
            var radiographer = PageSession(client)
            _ = try await radiographer.signIn("g.okafor", Self.password)
            let page = try await radiographer.get("/exams/\(exam)")
            #expect(page.html.contains("Dose area product 0.5 Gy·cm²"), "\(page.html)")
            #expect(page.html.contains("Above the reference level"))
            #expect(page.html.contains("id=\"acknowledge-dose-alert\""))
            let examID = try #require(UUID(uuidString: exam))
            let stored = try await seeded.store.transaction { try await $0.exams.get(examID) }
            let alertID = try #require(stored?.dose?.openAlerts.first?.id)
            let token = page.formToken ?? ""
            let silent = try await radiographer.post(
                "/exams/\(exam)/dose-alert-acknowledgement", [("_csrf", token), ("alertID", alertID.uuidString)])
            #expect(silent.status == .unprocessableContent)
            #expect(silent.html.contains("is required"))
            let posted = try await radiographer.post(
                "/exams/\(exam)/dose-alert-acknowledgement",
                [("_csrf", token), ("alertID", alertID.uuidString), ("comment", "Large patient; exposure checked")])
            #expect(posted.status == .seeOther)
            let after = try await seeded.store.transaction { try await $0.exams.get(examID) }
            #expect(after?.dose?.openAlerts.isEmpty == true)
            #expect(after?.dose?.alerts.first?.acknowledgement?.comment == "Large patient; exposure checked")
            let again = try await radiographer.get("/exams/\(exam)")
            #expect(!again.html.contains("id=\"acknowledge-dose-alert\""))
            #expect(again.html.contains("acknowledged by g.okafor: Large patient; exposure checked"))
            let audit = try await seeded.store.transaction {
                try await $0.audit.entries(patientID: nil, examID: examID, afterSequence: nil, limit: 500)
            }
            #expect(audit.contains { $0.action == "dose.alert-acknowledged" && $0.actorUsername == "g.okafor" })
        }
    }
}
