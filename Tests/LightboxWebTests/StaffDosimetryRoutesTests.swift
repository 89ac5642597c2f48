import Foundation
import HTTPTypes
import LightboxDomain
import LightboxTestSupport
import LightboxWeb
import Testing

/// Staff dosimetry through the JSON API on both engines: a reading over its level opens an investigation that the
/// clinical scientist closes; classification; the refusals; the audit.
@Suite("Staff dosimetry routes")
struct StaffDosimetryRoutesTests {
    @Test(
        "Reading over its level, investigation closed by the MPE, classification; audited",
        arguments: TestEngine.allCases)
    func readingInvestigationClassification(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, database in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let mpe = try await SAUERoutesTests.mpeToken(seeded)
            let wearer = seeded.staff["radiographer"]?.id.uuidString ?? ""
            let reading = """
                {"staffID":"\(wearer)","site":"whole-body","periodStart":"2026-01-01","periodEnd":"2026-01-31",\
                "doseMilliSievert":0.9,"dosemeterReference":"TLD-0042"}
                """
            let refused = try await path.api.send(
                .post, "/api/staff-dosimetry/readings", token: path.token("radiographer"), json: reading)
            #expect(refused.status == .forbidden)
            let recorded = try await path.api.send(
                .post, "/api/staff-dosimetry/readings", token: path.roleToken(.manager), json: reading)
            #expect(recorded.status == .created, "\(recorded.text)")
            let investigationID = recorded.string("investigationID") ?? ""
            #expect(!investigationID.isEmpty, "\(recorded.text)")
            let duplicate = try await path.api.send(
                .post, "/api/staff-dosimetry/readings", token: path.roleToken(.manager), json: reading)
            #expect(duplicate.status == .unprocessableContent && duplicate.problemFields == ["periodStart"])

            let closure = #"{"findings":"Long fluoroscopy lists; lead glasses issued","doseConfirmed":true}"#
            let byManager = try await path.api.send(
                .post, "/api/staff-dosimetry/investigations/\(investigationID)/closure",
                token: path.roleToken(.manager), json: closure)
            #expect(byManager.status == .forbidden)
            let closed = try await path.api.send(
                .post, "/api/staff-dosimetry/investigations/\(investigationID)/closure", token: mpe, json: closure)
            #expect(closed.status == .ok, "\(closed.text)")
            #expect(closed.string("closedByName") == "Priya Nair")
            let again = try await path.api.send(
                .post, "/api/staff-dosimetry/investigations/\(investigationID)/closure", token: mpe, json: closure)
            #expect(again.status == .conflict)

            let classified = try await path.api.send(
                .post, "/api/staff-dosimetry/classifications", token: path.roleToken(.manager),
                json: #"{"staffID":"\#(wearer)","classified":true,"from":"2026-02-01","reason":"IR list"}"#)
            #expect(classified.status == .created, "\(classified.text)")
            let overview = try await path.api.send(.get, "/api/staff-dosimetry?staffID=\(wearer)", token: mpe)
            #expect(overview.status == .ok, "\(overview.text)")
            #expect(
                overview.text.contains(#""classified":true"#) && overview.text.contains(#""totalMilliSievert":0.9"#))
            #expect(overview.json?["levels"]?["wholeBodyMilliSievert"] == .number(0.5))
            let bad = try await path.api.send(.get, "/api/staff-dosimetry?staffID=nobody", token: mpe)
            #expect(bad.status == .unprocessableContent && bad.problemFields == ["staffID"])

            let actions = try AuditRows.query(
                database, "SELECT action FROM audit_entries WHERE action LIKE 'staff-dose.%' ORDER BY sequence")
            #expect(
                actions == [
                    "staff-dose.recorded", "staff-dose.investigation-opened", "staff-dose.investigation-closed",
                    "staff-dose.classification-changed", "staff-dose.read",
                ], "\(actions)")
        }
    }
}
