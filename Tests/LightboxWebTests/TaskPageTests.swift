import Foundation
import HTTPTypes
import LightboxDomain
import LightboxTestSupport
import Testing

/// The task board pages through HTTP (issue 14): a chaperone and a transfer asked for from the exam page, claim and
/// done from the support worker's home and the board, a room clean logged by its task's done, refusals of a role
/// that may not and of a form without its token, and the error summary linking to each wrong field.
@Suite("Task pages")
struct TaskPageTests {
    /// An arrived chest X-ray of `patient`, through the API.
    static func arrivedExam(_ path: Pathway, patient: String = "man") async throws -> String {
        let exam = try await path.request(patient, "XCHEST")
        try await path.justify(exam)
        try await path.book(exam)
        try await path.arrive(exam)
        return exam
    }

    static func tasks(_ seeded: SeededDepartment) async throws -> [SupportTask] {
        try await seeded.store.transaction { unit in try await unit.tasks.list(SupportTaskQuery()) }
    }

    @Test("A radiographer asks for a chaperone and a transfer on the exam page; a wrong transfer names its field")
    func requestsFromTheExamPage() async throws {
        try await TestApp.run(.sqlite) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let exam = try await Self.arrivedExam(path)
            var browser = PageSession(client)
            _ = try await browser.signIn(SeededDepartment.sessionUsername, SeededDepartment.sessionPassword)
            let page = try await browser.get("/exams/\(exam)")
            #expect(page.html.contains("Ask for a chaperone") && page.html.contains("Ask for a patient transfer"))
            #expect(page.html.contains(">Bring to the department<") && !page.html.contains(">to-department<"))
            let token = page.formToken ?? ""
            let wrong = try await browser.post(
                "/exams/\(exam)/transfer-request",
                [
                    ("_csrf", token), ("transfer.direction", "to-department"), ("transfer.location", " "),
                    ("priority", "soon"),
                ])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.html.contains(##"href="#transfer-request-field-transfer-location""##), "\(wrong.html)")
            #expect(try await Self.tasks(seeded).isEmpty)
            let chaperone = try await browser.post(
                "/exams/\(exam)/chaperone-request",
                [("_csrf", token), ("priority", "urgent"), ("details", "Patient asked for a female chaperone")])
            #expect(chaperone.status == .seeOther)
            let after = try await browser.get(chaperone.headers[.location] ?? "/")
            #expect(after.html.contains("Chaperone asked for"))
            let transfer = try await browser.post(
                "/exams/\(exam)/transfer-request",
                [
                    ("_csrf", token), ("transfer.direction", "to-ward"), ("transfer.location", "Ward 7, bed 12"),
                    ("priority", "soon"),
                ])
            #expect(transfer.status == .seeOther)
            let board = try await browser.get("/tasks")
            #expect(board.status == .ok && board.html.contains("2 tasks to do"), "\(board.html)")
            #expect(
                board.html.contains("Patient asked for a female chaperone")
                    && board.html.contains("back to Ward 7, bed 12"))
            #expect(board.html.contains(#"href="/tasks""#) && board.html.contains("data-live=\"/live?after="))
            let kinds = try await Self.tasks(seeded).map(\.kind)
            #expect(Set(kinds) == [.chaperone, .transfer])
        }
    }

    @Test(
        "The support worker claims and finishes a task from their home; others may not, and no form works without its token"
    )
    func claimAndDoneFromHome() async throws {
        try await TestApp.run(.sqlite) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let exam = try await Self.arrivedExam(path)
            let created = try await path.api.send(
                .post, "/api/tasks", token: path.token("radiographer"),
                json: #"{"kind":"chaperone","priority":"urgent","examID":"\#(exam)","details":"Stay for the exam"}"#)
            let taskID = try #require(created.string("value.id"))
            try await PageTests.account(seeded, "b.walsh", .supportWorker, person: "support")
            var support = PageSession(client)
            _ = try await support.signIn("b.walsh", PageTests.password)
            var home = try await support.get("/")
            #expect(home.html.contains(#"id="open-tasks""#) && home.html.contains("Stay for the exam"), "\(home.html)")
            #expect(home.html.contains("You have not claimed a task"))
            let forged = try await support.post(
                "/tasks/\(taskID)/claim", [("_csrf", CSRFTokenForTests.other), ("back", "/")])
            #expect(forged.status == .forbidden && forged.html.contains("This form cannot be accepted"))
            #expect(try await Self.tasks(seeded).first?.status == .open, "nothing changed")

            try await PageTests.account(seeded, "p.shah", .radiologist, person: "radiologist")
            var radiologist = PageSession(client)
            _ = try await radiologist.signIn("p.shah", PageTests.password)
            let board = try await radiologist.get("/tasks")
            #expect(board.status == .ok && !board.html.contains("claim-\(taskID)"), "no claim button for a radiologist")
            let refused = try await radiologist.post("/tasks/\(taskID)/claim", [("_csrf", board.formToken ?? "")])
            #expect(refused.status == .forbidden && refused.html.contains("This page is not for your role"))
            #expect(try await Self.tasks(seeded).first?.status == .open)

            let claimed = try await support.post(
                "/tasks/\(taskID)/claim", [("_csrf", home.formToken ?? ""), ("back", "/")])
            #expect(claimed.status == .seeOther && claimed.headers[.location] == "/?done=task-claimed")
            home = try await support.get("/?done=task-claimed")
            #expect(home.html.contains("Task claimed") && home.html.contains(#"id="my-tasks""#))
            #expect(home.html.contains("Claimed by b.walsh") && home.html.contains("release-\(taskID)"))
            let done = try await support.post(
                "/tasks/\(taskID)/done",
                [("_csrf", home.formToken ?? ""), ("back", "/"), ("note", "Stayed throughout")])
            #expect(done.status == .seeOther)
            home = try await support.get(done.headers[.location] ?? "/")
            #expect(home.html.contains("Task marked done") && home.html.contains("You have not claimed a task"))
            let task = try #require(try await Self.tasks(seeded).first)
            #expect(task.status == .done && task.doneBy == "b.walsh" && task.outcome == "Stayed throughout")

            var referrer = PageSession(client)
            _ = try await seeded.auth.createAccount(
                username: "dr.gp", role: .referrer, password: PageTests.password, staffID: nil,
                referrerID: seeded.referrer.id,
                by: Actor(staffID: nil, username: "test-setup", role: .admin, door: .system))
            _ = try await referrer.signIn("dr.gp", PageTests.password)
            #expect(try await referrer.get("/tasks").status == .forbidden)
        }
    }

    @Test("A room clean is done on the board in one action; without the method the summary links to the field")
    func cleanOnTheBoard() async throws {
        try await TestApp.run(.sqlite) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let exam = try await path.checkedChest(patient: "man")
            _ = try await path.api.send(
                .put, "/api/exams/\(exam)/isolation", token: path.token("support"), json: #"{"precaution":"airborne"}"#)
            try await path.step(exam, "start", by: path.token("radiographer"))
            try await path.step(
                exam, "completion", by: path.token("radiographer"), #"{"projections":[{"name":"PA","images":1}]}"#)
            let task = try #require(try await Self.tasks(seeded).first)
            #expect(task.kind == .cleaning)
            try await PageTests.account(seeded, "b.walsh", .supportWorker, person: "support")
            var support = PageSession(client)
            _ = try await support.signIn("b.walsh", PageTests.password)
            let board = try await support.get("/tasks?kind=cleaning")
            #expect(board.html.contains("Room clean") && board.html.contains("How the room was cleaned"))
            #expect(board.html.contains("Cleaned: log it and mark done"))
            let id = task.id.uuidString
            let empty = try await support.post("/tasks/\(id)/done", [("_csrf", board.formToken ?? ""), ("note", "")])
            #expect(empty.status == .unprocessableContent)
            #expect(empty.html.contains(##"href="#task-\##(id)-note""##), "\(empty.html)")
            #expect(empty.html.contains("error-summary"))
            let done = try await support.post(
                "/tasks/\(id)/done", [("_csrf", board.formToken ?? ""), ("note", "Chlorine 1,000 ppm")])
            #expect(done.status == .seeOther && done.headers[.location] == "/tasks?done=task-cleaned")
            let after = try await support.get("/tasks?done=task-cleaned")
            #expect(after.html.contains("Room clean logged") && after.html.contains("Done by b.walsh"))
            let log = try await seeded.store.transaction { unit in
                try await unit.cleaningLog.list(roomID: nil, limit: 5)
            }
            #expect(log.count == 1 && log.first?.method == "Chlorine 1,000 ppm")
        }
    }

    @Test("A free task asked for on the board: a missing description is named and linked, then it appears")
    func freeTaskOnTheBoard() async throws {
        try await TestApp.run(.sqlite) { seeded, client, _ in
            var browser = PageSession(client)
            _ = try await browser.signIn(SeededDepartment.sessionUsername, SeededDepartment.sessionPassword)
            let board = try await browser.get("/tasks")
            #expect(board.html.contains("Ask for a task") && board.html.contains("Nothing to do"))
            let token = board.formToken ?? ""
            let xr = seeded.rooms["xr"]?.id.uuidString ?? ""
            let wrong = try await browser.post(
                "/tasks", [("_csrf", token), ("kind", "other"), ("priority", "soon"), ("roomID", xr), ("details", "")])
            #expect(wrong.status == .unprocessableContent)
            #expect(
                wrong.html.contains(##"href="#field-details""##)
                    && wrong.html.contains("What to do: say what needs doing"))
            #expect(try await Self.tasks(seeded).isEmpty)
            let made = try await browser.post(
                "/tasks",
                [
                    ("_csrf", token), ("kind", "other"), ("priority", "soon"), ("roomID", xr),
                    ("details", "Restock the gowns"),
                ])
            #expect(made.status == .seeOther)
            let after = try await browser.get(made.headers[.location] ?? "/tasks")
            #expect(after.html.contains("Task put on the board") && after.html.contains("Restock the gowns"))
            #expect(after.html.contains(">Soon<") && after.html.contains("X-ray 1"))
        }
    }
}
