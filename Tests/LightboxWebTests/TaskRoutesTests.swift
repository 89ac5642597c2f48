import Foundation
import HTTPTypes
import LightboxDomain
import LightboxTestSupport
import LightboxWeb
import Testing

/// The support workers' task board through the JSON API on both engines (issue 14): ask, list with filters, claim,
/// release, done and cancel with the roles that may; a room clean raised by an isolation patient's exam and done
/// as one action that logs the clean; a stock top-up raised when a movement takes an item to its reorder level.
@Suite("Task routes")
struct TaskRoutesTests {
    static func tasks(_ response: APIResponse) -> [JSONValue] {
        guard case .array(let entries)? = response.json else { return [] }
        return entries
    }

    @Test(
        "A transfer is asked for, claimed, refused to others, and done; each role only as it may",
        arguments: TestEngine.allCases)
    func transferJourney(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, database in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let exam = try await path.request("elderly", "XCHEST")
            try await path.justify(exam)
            try await path.book(exam)
            let body = #"""
                {"kind":"transfer","priority":"urgent","examID":"\#(exam)",\#
                "transfer":{"direction":"to-department","location":"Ward 7, bed 12"},"details":"Needs a hoist"}
                """#
            let referrer = try await path.api.send(.post, "/api/tasks", token: path.roleToken(.referrer), json: body)
            #expect(referrer.status == .forbidden)
            let missing = try await path.api.send(
                .post, "/api/tasks", token: path.token("radiographer"),
                json: #"{"kind":"transfer","priority":"urgent","transfer":{"direction":"to-ward","location":""}}"#)
            #expect(missing.status.code == 422, "\(missing.text)")
            #expect(Set(missing.problemFields) == ["examID", "transfer.location"], "\(missing.text)")
            let created = try await path.api.send(.post, "/api/tasks", token: path.token("radiographer"), json: body)
            #expect(created.status == .created, "\(created.text)")
            let taskID = try #require(created.string("value.id"))
            #expect(
                created.string("value.status") == "open"
                    && created.string("value.roomID") == seeded.rooms["xr"]?.id.uuidString)

            let radiologist = try await path.api.send(
                .post, "/api/tasks/\(taskID)/claim", token: path.token("radiologist"), json: "{}")
            #expect(radiologist.status == .forbidden, "a radiologist asks for tasks but does not claim them")
            let claimed = try await path.api.send(
                .post, "/api/tasks/\(taskID)/claim", token: path.token("support"), json: "{}")
            #expect(claimed.status == .ok && claimed.string("value.claimedBy") == "person-support", "\(claimed.text)")
            let other = try await path.api.send(
                .post, "/api/tasks/\(taskID)/claim", token: path.roleToken(.apprentice), json: "{}")
            #expect(
                other.status == .conflict && other.problemType?.hasSuffix("task.claimed-by-other") == true,
                "\(other.text)")

            let mine = try await path.api.send(.get, "/api/tasks?mine=true", token: path.token("support"))
            #expect(Self.tasks(mine).count == 1, "\(mine.text)")
            #expect(
                Self.tasks(mine).first?["patientName"] != nil
                    && Self.tasks(mine).first?["roomName"] == .string("X-ray 1"))
            let bad = try await path.api.send(
                .get, "/api/tasks?status=waiting&kind=porter&roomID=x&mine=maybe", token: path.token("support"))
            #expect(bad.status.code == 422)
            #expect(Set(bad.problemFields) == ["status", "kind", "roomID", "mine"], "\(bad.text)")

            let done = try await path.api.send(
                .post, "/api/tasks/\(taskID)/done", token: path.token("support"),
                json: #"{"note":"In the waiting area"}"#)
            #expect(done.status == .ok && done.string("value.status") == "done", "\(done.text)")
            let active = try await path.api.send(.get, "/api/tasks", token: path.token("support"))
            #expect(Self.tasks(active).isEmpty, "the default list is what is still to do")
            let finished = try await path.api.send(.get, "/api/tasks?status=done", token: path.roleToken(.manager))
            #expect(Self.tasks(finished).count == 1)
            let cancel = try await path.api.send(
                .post, "/api/tasks/\(taskID)/cancellation", token: path.token("radiographer"),
                json: #"{"reason":"Not needed"}"#)
            #expect(cancel.status == .conflict && cancel.problemType?.hasSuffix("task.not-open") == true)

            let actions = try await AuditRows.actions(database, examID: exam)
            #expect(
                actions.filter { $0.hasPrefix("task.") } == ["task.requested", "task.claimed", "task.done"],
                "\(actions)")
        }
    }

    @Test(
        "An isolation patient's exam completed raises the room's clean; done logs it and frees the room",
        arguments: TestEngine.allCases)
    func isolationClean(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, database in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let xr = seeded.rooms["xr"]?.id.uuidString ?? ""
            let first = try await path.checkedChest(patient: "man")
            let second = try await path.checkedChest(patient: "elderly")
            let flagged = try await path.api.send(
                .put, "/api/exams/\(first)/isolation", token: path.token("support"), json: #"{"precaution":"contact"}"#)
            #expect(flagged.status == .ok)
            try await path.step(first, "start", by: path.token("radiographer"))
            var board = try await path.api.send(.get, "/api/tasks?kind=cleaning", token: path.token("support"))
            #expect(Self.tasks(board).isEmpty, "not before the exam is done")
            try await path.step(
                first, "completion", by: path.token("radiographer"), #"{"projections":[{"name":"PA","images":1}]}"#)
            board = try await path.api.send(.get, "/api/tasks?kind=cleaning", token: path.token("support"))
            let task = try #require(Self.tasks(board).first, "\(board.text)")
            #expect(Self.tasks(board).count == 1 && task["task"]?["roomID"] == .string(xr))
            #expect(task["task"]?["automatic"] == .bool(true) && task["task"]?["priority"] == .string("urgent"))
            guard case .string(let taskID)? = task["task"]?["id"] else {
                Issue.record("no id: \(board.text)")
                return
            }
            let noMethod = try await path.api.send(
                .post, "/api/tasks/\(taskID)/done", token: path.token("support"), json: "{}")
            #expect(noMethod.status.code == 422 && noMethod.problemFields == ["note"], "\(noMethod.text)")
            try await path.step(second, "start", by: path.token("radiographer2"), expect: 409)
            let done = try await path.api.send(
                .post, "/api/tasks/\(taskID)/done", token: path.token("support"),
                json: #"{"note":"Chlorine 1,000 ppm on all surfaces"}"#)
            #expect(done.status == .ok && done.string("value.cleaningRecordID") != nil, "\(done.text)")
            let log = try await path.api.send(.get, "/api/cleaning?roomID=\(xr)", token: path.roleToken(.manager))
            guard case .array(let entries)? = log.json else {
                Issue.record("no log: \(log.text)")
                return
            }
            #expect(entries.count == 1 && entries.first?["afterExamID"] == .string(first), "\(log.text)")
            try await path.step(second, "start", by: path.token("radiographer2"))
            let actions = try await AuditRows.actions(database, examID: first)
            #expect(
                actions.contains("task.requested") && actions.contains("room.cleaned") && actions.contains("task.done"))
        }
    }

    @Test("A stock movement taking an item to its reorder level raises one top-up", arguments: TestEngine.allCases)
    func stockTopUp(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let (itemID, batchID) = try await StockRoutesTests.contrastInStock(
                path, quantity: 4, expires: seeded.clock.now() + 90 * 86_400)
            func take(_ quantity: Int) async throws {
                let moved = try await path.api.send(
                    .post, "/api/stock/batches/\(batchID)/movements", token: path.token("support"),
                    json: #"{"reason":"used","quantity":\#(quantity)}"#)
                #expect(moved.status == .ok || moved.status == .created, "\(moved.text)")
            }
            try await take(1)
            var board = try await path.api.send(.get, "/api/tasks?kind=stock-top-up", token: path.token("support"))
            #expect(Self.tasks(board).isEmpty, "3 left: above the reorder level of 2")
            try await take(1)
            try await take(1)
            board = try await path.api.send(.get, "/api/tasks?kind=stock-top-up", token: path.token("support"))
            #expect(Self.tasks(board).count == 1, "\(board.text)")
            #expect(Self.tasks(board).first?["task"]?["stockItemID"] == .string(itemID))
            #expect(Self.tasks(board).first?["stockItemName"] == .string("Omnipaque 300"))
        }
    }
}
