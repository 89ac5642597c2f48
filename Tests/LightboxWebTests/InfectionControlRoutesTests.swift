import Foundation
import HTTPTypes
import LightboxDomain
import LightboxTestSupport
import LightboxWeb
import Testing

/// Issue 17 "Infection control" and "service hours" through the JSON API on both engines: after an isolation
/// patient's exam the room's next exam does not start until its clean is logged; a room's own service hours bound
/// its bookings.
@Suite("Infection control routes")
struct InfectionControlRoutesTests {
    @Test(
        "After an isolation patient's exam, the room's next exam starts only once the clean is logged",
        arguments: TestEngine.allCases)
    func cleaningBeforeNextExam(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, database in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let xr = seeded.rooms["xr"]?.id.uuidString ?? ""
            let first = try await path.checkedChest(patient: "man")
            let second = try await path.checkedChest(patient: "elderly")
            let referrerFlag = try await path.api.send(
                .put, "/api/exams/\(first)/isolation", token: path.roleToken(.referrer),
                json: #"{"precaution":"contact"}"#)
            #expect(referrerFlag.status == .forbidden)
            let flagged = try await path.api.send(
                .put, "/api/exams/\(first)/isolation", token: path.token("support"),
                json: #"{"precaution":"contact","note":"C. difficile: sporicidal clean"}"#)
            #expect(
                flagged.status == .ok && flagged.json?["value"]?["isolation"]?["precaution"] == .string("contact"),
                "\(flagged.text)")
            try await path.step(first, "start", by: path.token("radiographer"))
            // The next exam in the room is refused, and nothing about it changes.
            let refused = try await path.step(second, "start", by: path.token("radiographer2"), expect: 409)
            #expect(refused.problemType?.hasSuffix("room.cleaning-due") == true, "\(refused.text)")
            let still = try await path.api.send(.get, "/api/exams/\(second)", token: path.token("radiographer"))
            #expect(still.string("state") == "checked", "\(still.text)")
            // A clean without a method is refused; with one it is logged against the isolation exam.
            let empty = try await path.api.send(
                .post, "/api/cleaning", token: path.token("support"), json: #"{"roomID":"\#(xr)","method":"  "}"#)
            #expect(empty.status.code == 422 && empty.problemFields == ["method"], "\(empty.text)")
            let cleaned = try await path.api.send(
                .post, "/api/cleaning", token: path.token("support"),
                json: #"{"roomID":"\#(xr)","method":"Chlorine 1,000 ppm on all surfaces; curtains changed"}"#)
            #expect(cleaned.status == .created && cleaned.string("value.afterExamID") == first, "\(cleaned.text)")
            #expect(cleaned.string("value.precaution") == "contact")
            try await path.step(second, "start", by: path.token("radiographer2"))
            let log = try await path.api.send(.get, "/api/cleaning?roomID=\(xr)", token: path.roleToken(.manager))
            guard case .array(let entries)? = log.json else {
                Issue.record("no log: \(log.text)")
                return
            }
            #expect(entries.count == 1 && entries.first?["cleanedBy"] != nil)
            let actions = try await AuditRows.actions(database)
            #expect(actions.contains("exam.isolation-flagged") && actions.contains("room.cleaned"))
        }
    }

    @Test(
        "A room's own service hours bound its bookings; cleared, the department's apply again",
        arguments: TestEngine.allCases)
    func roomServiceHours(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, database in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let xr = seeded.rooms["xr"]?.id.uuidString ?? ""
            let bad = try await path.api.send(
                .put, "/api/rooms/\(xr)/service-hours", token: path.roleToken(.manager),
                json: #"{"serviceHours":{"days":[1,8],"opens":9,"closes":9}}"#)
            #expect(bad.status.code == 422, "\(bad.text)")
            #expect(Set(bad.problemFields) == ["serviceHours.days", "serviceHours.closes"], "\(bad.text)")
            let denied = try await path.api.send(
                .put, "/api/rooms/\(xr)/service-hours", token: path.roleToken(.radiographer),
                json: #"{"serviceHours":{"days":[1,2,3,4,5],"opens":9,"closes":17}}"#)
            #expect(denied.status == .forbidden)
            let set = try await path.api.send(
                .put, "/api/rooms/\(xr)/service-hours", token: path.roleToken(.manager),
                json: #"{"serviceHours":{"days":[5,1,2,3,4],"opens":9,"closes":17}}"#)
            #expect(
                set.status == .ok && set.json?["value"]?["serviceHours"]?["days"] == .array([1, 2, 3, 4, 5]),
                "\(set.text)")
            func book(_ at: String) async throws -> APIResponse {
                let exam = try await path.request("man", "XCHEST")
                try await path.justify(exam)
                return try await path.api.send(
                    .post, "/api/exams/\(exam)/booking", token: path.token("support"),
                    json: #"{"roomID":"\#(xr)","scheduledAt":"\#(at)"}"#)
            }
            // The seeded clock is Monday 2 March 2026, 09:00 in London (UTC then).
            let saturday = try await book("2026-03-07T10:00:00Z")
            #expect(saturday.problemType?.hasSuffix("booking.outside-service-hours") == true, "\(saturday.text)")
            #expect(saturday.text.contains("X-ray 1's service hours (Mon–Fri 09:00 to 17:00)"), "\(saturday.text)")
            let early = try await book("2026-03-09T08:30:00Z")
            #expect(early.problemType?.hasSuffix("booking.outside-service-hours") == true, "\(early.text)")
            #expect(try await book("2026-03-09T10:00:00Z").status == .ok)
            let cleared = try await path.api.send(
                .put, "/api/rooms/\(xr)/service-hours", token: path.roleToken(.manager), json: #"{"serviceHours":null}"#
            )
            #expect(cleared.status == .ok && cleared.json?["value"]?["serviceHours"] == nil, "\(cleared.text)")
            #expect(try await book("2026-03-07T10:00:00Z").status == .ok)
            let audit = try await AuditRows.details(database, action: "room.service-hours-changed")
            #expect(
                audit.count == 2 && audit.first?.contains("every day 08:00 to 20:00 → Mon–Fri 09:00 to 17:00") == true,
                "\(audit)")
        }
    }
}
