import Foundation
import Hummingbird
import HummingbirdTesting
import LightboxDomain
import LightboxTestSupport
import Testing

@testable import LightboxWeb

/// The task board is live (issue 14): a task asked for anywhere, claimed or done reaches every open board's event
/// stream within a second, over a real socket, with no patient data in it; the board page follows the stream.
@Suite("Task board live")
struct TaskLiveTests {
    @Test("A new task, its claim and its completion reach an open event stream within a second")
    func taskEvents() async throws {
        try await TestDatabase.with(.sqlite) { database in
            // A quick heartbeat, so the stream whose client went away ends with the test.
            let seeded = try await SeededDepartment.create(
                in: database.database, live: LiveUpdates(configuration: .init(heartbeat: .milliseconds(200))))
            let web = WebApplication(environment: seeded.environment())
            let app = Application(
                router: web.buildRouter().router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
            try await app.test(.live) { client in
                let port = try #require(client.port)
                try await PageTests.account(seeded, "b.walsh", .supportWorker, person: "support")
                var browser = PageSession(client)
                _ = try await browser.signIn("b.walsh", PageTests.password)
                let board = try await browser.get("/tasks")
                #expect(board.html.contains("data-live=\"/live?after=\(seeded.live.position)\""), "\(board.html)")
                let cookie = "lightbox_session=\(try #require(browser.cookies["lightbox_session"]))"
                let (channel, received) = try await LiveUpdateTests.openStream(port: port, cookie: cookie)
                #expect(await LiveUpdateTests.eventually(within: 5) { received.value.contains("retry: ") })

                let exam = try await LiveUpdateTests.justifiedExam(seeded, department: seeded.department)
                let radiographer = Actor(
                    staffID: seeded.staff["radiographer"]?.id, username: "g.okafor", role: .radiographer, door: .web)
                let task = try await seeded.department.requestSupportTask(
                    .init(
                        kind: .transfer, priority: .urgent, examID: exam.id,
                        transfer: SupportTask.Transfer(direction: .toDepartment, location: "Ward 7")),
                    by: radiographer
                ).value
                #expect(
                    await LiveUpdateTests.eventually(within: 1) {
                        received.value.contains("\"name\":\"task.requested\"")
                    },
                    "the new task arrives within a second: \(received.value)")
                #expect(received.value.contains(exam.id.uuidString))
                #expect(
                    !received.value.contains("Khan") && !received.value.contains("Ward 7"),
                    "no patient data or task text goes down the stream")
                let support = Actor(
                    staffID: seeded.staff["support"]?.id, username: "b.walsh", role: .supportWorker, door: .web)
                _ = try await seeded.department.claimSupportTask(.init(taskID: task.id), by: support)
                #expect(
                    await LiveUpdateTests.eventually(within: 1) { received.value.contains("\"name\":\"task.claimed\"") }
                )
                _ = try await seeded.department.completeSupportTask(.init(taskID: task.id), by: support)
                #expect(
                    await LiveUpdateTests.eventually(within: 1) { received.value.contains("\"name\":\"task.done\"") })
                // The page the stream tells to refresh shows the change (the script fetches it again).
                let refreshed = try await browser.get("/tasks")
                #expect(refreshed.html.contains("Nothing to do") && refreshed.html.contains("Done by b.walsh"))
                try await channel.close()
            }
        }
    }
}
