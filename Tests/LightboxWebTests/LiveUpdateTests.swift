import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LightboxDomain
import LightboxStore
import LightboxTestSupport
import NIOCore
import NIOPosix
import Synchronization
import Testing

@testable import LightboxWeb

/// Live lists: the broadcaster's bounds and replay, the event stream over a real socket, the room
/// worklist page, and two nodes on one PostgreSQL database hearing each other's changes.
@Suite("Live updates")
struct LiveUpdateTests {
    static let actors = (
        orders: Actor(staffID: nil, username: "order-comms", role: .integration, door: .api),
        desk: Actor(staffID: nil, username: "desk", role: .supportWorker, door: .web)
    )

    static func event(_ name: String, exam: UUID = UUID()) -> DomainEvent {
        DomainEvent(name: name, examID: exam, toState: .booked, at: Date(timeIntervalSince1970: 0))
    }

    /// The messages a subscription has buffered, without waiting for more.
    static func drain(_ subscription: LiveUpdates.Subscription, count: Int) async -> [LiveUpdates.Message] {
        var messages: [LiveUpdates.Message] = []
        var iterator = subscription.stream.makeAsyncIterator()
        while messages.count < count, let message = await iterator.next() { messages.append(message) }
        return messages
    }

    /// The event name of a message, nil for a reset or heartbeat.
    static func name(_ message: LiveUpdates.Message) -> String? {
        guard case .event(_, let event) = message else { return nil }
        return event.name
    }

    /// The id of an event message.
    static func id(_ message: LiveUpdates.Message?) -> String? {
        guard case .event(let id, _)? = message else { return nil }
        return id
    }

    /// A value shared with a task.
    final class Shared<Value: Sendable>: Sendable {
        let mutex: Mutex<Value>
        init(_ value: Value) { mutex = Mutex(value) }
        var value: Value { mutex.withLock { $0 } }
    }

    /// Polls `condition` until it holds or `seconds` pass.
    static func eventually(within seconds: Double, _ condition: () async throws -> Bool) async rethrows -> Bool {
        let deadline = ContinuousClock.now.advanced(by: .milliseconds(Int(seconds * 1000)))
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return try await condition()
    }

    /// A justified chest X-ray for the seeded man, through the use cases of `department`.
    static func justifiedExam(_ seeded: SeededDepartment, department: Department) async throws -> Exam {
        let man = try #require(seeded.patients["man"])
        let exam = try await department.createRequest(
            .init(
                identifiers: RequestIdentifiers(
                    name: man.name, dateOfBirth: man.dateOfBirth, nhsNumber: man.nhsNumber?.digits),
                examCode: "XCHEST", clinicalQuestion: "? consolidation", referrerID: seeded.referrer.id,
                priority: .routine),
            by: actors.orders
        ).value
        let practitioner = Actor(
            staffID: seeded.staff["radiographer"]?.id, username: "g.okafor", role: .radiographer, door: .web)
        return try await department.justifyRequest(.init(examID: exam.id, decision: .accept), by: practitioner).value
    }

    static func book(
        _ exam: Exam, _ seeded: SeededDepartment, department: Department, minutes: Double = 60
    ) async throws {
        _ = try await department.bookExam(
            .init(
                examID: exam.id, roomID: try #require(seeded.rooms["xr"]?.id),
                scheduledAt: seeded.clock.now().addingTimeInterval(minutes * 60)),
            by: actors.desk)
    }

    // MARK: The broadcaster

    @Test("A reconnecting page gets the events it missed; an unknown or too old position gets a reset")
    func replay() async throws {
        let live = LiveUpdates(configuration: .init(history: 3))
        let start = live.position
        live.publish([Self.event("exam.booked"), Self.event("exam.arrived")])
        let missed = await Self.drain(try live.subscribe(after: start), count: 2)
        #expect(missed.compactMap(Self.name) == ["exam.booked", "exam.arrived"])
        #expect(Self.id(missed.last) == live.position)

        let upToDate = try live.subscribe(after: live.position)
        live.publish([Self.event("exam.started")])
        let next = await Self.drain(upToDate, count: 1)
        #expect(next.compactMap(Self.name) == ["exam.started"])

        #expect(await Self.drain(try live.subscribe(after: "otherrun-1"), count: 1) == [.reset])
        live.publish([Self.event("a"), Self.event("b"), Self.event("c"), Self.event("d")])
        #expect(await Self.drain(try live.subscribe(after: start), count: 1) == [.reset], "older than the history")
    }

    @Test("Streams are bounded: too many are refused, a client that falls behind is closed and told to refresh")
    func bounds() async throws {
        let live = LiveUpdates(configuration: .init(maximumStreams: 2, streamBuffer: 2))
        let slow = try live.subscribe(after: nil)
        let other = try live.subscribe(after: nil)
        #expect(throws: LiveUpdates.Refusal.self) { try live.subscribe(after: nil) }
        live.publish([Self.event("1"), Self.event("2"), Self.event("3")])
        #expect(slow.overflowed && other.overflowed)
        #expect(live.streamCount == 0, "closed streams are forgotten")
        #expect(await Self.drain(slow, count: 5).count == 2, "what was buffered is still delivered, then the end")
        _ = try live.subscribe(after: nil)
        live.close()
        #expect(live.streamCount == 0)
        #expect(throws: LiveUpdates.Refusal.self) { try live.subscribe(after: nil) }
    }

    // MARK: Over HTTP

    /// Collects what a raw HTTP connection receives.
    final class Received: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        let text = Mutex("")

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let buffer = unwrapInboundIn(data)
            text.withLock { $0 += String(buffer: buffer) }
        }

        var value: String { text.withLock { $0 } }
    }

    /// Opens `GET /live` on a socket, as a browser's EventSource does.
    static func openStream(port: Int, cookie: String, lastEventID: String? = nil) async throws -> (
        any Channel, Received
    ) {
        let received = Received()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(received) }
            }
            .connect(host: "127.0.0.1", port: port).get()
        var request = "GET /live HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\nCookie: \(cookie)\r\n"
        if let lastEventID { request += "Last-Event-ID: \(lastEventID)\r\n" }
        try await channel.writeAndFlush(ByteBuffer(string: request + "\r\n")).get()
        return (channel, received)
    }

    @Test("A booking, an arrival and a start reach an open event stream within a second; a reconnection resumes")
    func eventStream() async throws {
        try await TestDatabase.with(.sqlite) { database in
            // A quick heartbeat, so a client that went away is noticed within the test.
            let seeded = try await SeededDepartment.create(
                in: database.database, live: LiveUpdates(configuration: .init(heartbeat: .milliseconds(200))))
            let exam = try await Self.justifiedExam(seeded, department: seeded.department)
            let web = WebApplication(environment: seeded.environment())
            let app = Application(
                router: web.buildRouter().router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
            try await app.test(.live) { client in
                let port = try #require(client.port)
                var browser = PageSession(client)
                let refused = try await browser.get("/live")
                #expect(refused.status == .seeOther, "a visitor is sent to sign in, not streamed to")
                _ = try await browser.signIn(SeededDepartment.sessionUsername, SeededDepartment.sessionPassword)
                let cookie = "lightbox_session=\(try #require(browser.cookies["lightbox_session"]))"
                let (channel, received) = try await Self.openStream(port: port, cookie: cookie)
                #expect(
                    await Self.eventually(within: 5) { received.value.contains("retry: ") },
                    "the stream opens: \(received.value)")
                #expect(received.value.contains("text/event-stream"))

                try await Self.book(exam, seeded, department: seeded.department)
                #expect(
                    await Self.eventually(within: 1) { received.value.contains("\"name\":\"exam.booked\"") },
                    "the booking arrives within a second: \(received.value)")
                #expect(received.value.contains(exam.id.uuidString))
                #expect(
                    !received.value.localizedCaseInsensitiveContains("khan") && !received.value.contains("Imran"),
                    "no patient data goes down the stream")

                _ = try await seeded.department.recordArrival(.init(examID: exam.id), by: Self.actors.desk)
                #expect(
                    await Self.eventually(within: 1) { received.value.contains("\"name\":\"exam.arrived\"") },
                    "the arrival arrives within a second")
                let bookedID = try #require(
                    received.value.split(whereSeparator: \.isNewline).first { $0.hasPrefix("id: ") }?.dropFirst(4),
                    "\(received.value)")
                try await channel.close()

                // Reconnecting with the id of the booking resends the arrival, which it had not seen yet.
                let (again, resumed) = try await Self.openStream(
                    port: port, cookie: cookie, lastEventID: String(bookedID))
                #expect(
                    await Self.eventually(within: 5) { resumed.value.contains("\"name\":\"exam.arrived\"") },
                    "the missed event is sent again: \(resumed.value)")
                #expect(!resumed.value.contains("exam.booked"))
                try await again.close()
                #expect(
                    await Self.eventually(within: 5) { seeded.live.streamCount == 0 },
                    "a stream whose client went away ends at the next heartbeat")
            }
        }
    }

    // MARK: The page

    @Test("The room worklist lists the day's appointments in the room and follows the live stream")
    func roomWorklistPage() async throws {
        try await TestApp.run(.sqlite) { seeded, client, _ in
            let exam = try await Self.justifiedExam(seeded, department: seeded.department)
            try await Self.book(exam, seeded, department: seeded.department)
            let room = try #require(seeded.rooms["xr"])
            var browser = PageSession(client)
            _ = try await browser.signIn(SeededDepartment.sessionUsername, SeededDepartment.sessionPassword)
            let home = try await browser.get("/")
            #expect(home.html.contains("href=\"/worklist\""), "radiographers have worklists in the navigation")
            let rooms = try await browser.get("/worklist")
            #expect(rooms.status == .ok && rooms.html.contains("/worklist/\(room.id.uuidString)"))
            let page = try await browser.get("/worklist/\(room.id.uuidString)")
            #expect(page.status == .ok)
            #expect(page.html.contains("X-ray 1 worklist") && page.html.contains("Imran"))
            #expect(page.html.contains("Waiting for the patient to arrive"))
            #expect(page.html.contains("data-live=\"/live?after=\(seeded.live.position)\""))
            #expect(!page.html.contains("<script>"), "no inline script")
            let tomorrow = try await browser.get(
                "/worklist/\(room.id.uuidString)?date="
                    + CalendarDate(seeded.clock.now(), in: seeded.configuration.timeZone).adding(days: 1).iso)
            #expect(tomorrow.html.contains("No one is booked into this room on this day."))
            #expect(try await browser.get("/worklist/\(room.id.uuidString)?date=yesterday").status == .notFound)
            #expect(try await browser.get("/worklist/\(UUID().uuidString)").status == .notFound)
            try await PageTests.account(seeded, "physicist.one", .physicist, person: nil)
            var physicist = PageSession(client)
            _ = try await physicist.signIn("physicist.one", PageTests.password)
            #expect(!(try await physicist.get("/").html.contains("href=\"/worklist\"")), "no room work, no worklists")
        }
    }

    // MARK: Several nodes

    @Test("Two nodes on one PostgreSQL database: a change on one reaches the other's live pages, once")
    func twoNodes() async throws {
        try await TestDatabase.with(.postgres) { database in
            let seeded = try await SeededDepartment.create(in: database.database)
            let url = try #require(database.postgresURL)
            let other = try await LightboxDatabase.open(
                .init(location: .postgres(url: url), postgresSchema: database.postgresSchema))
            do {
                let otherLive = LiveUpdates()
                let otherNode = Department(
                    store: FluentDepartmentStore(database: other, events: otherLive), clock: seeded.clock,
                    ids: SequentialIDGenerator(namespace: 0xC))
                let listening = Shared(false)
                let relay = Task {
                    await database.database.relayEvents(to: seeded.live) { listening.mutex.withLock { $0 = true } }
                }
                defer { relay.cancel() }
                #expect(await Self.eventually(within: 10) { listening.value }, "the node listens")
                let here = try seeded.live.subscribe(after: nil)
                let there = try otherLive.subscribe(after: nil)

                let local = try await Self.justifiedExam(seeded, department: seeded.department)
                let remote = try await Self.justifiedExam(seeded, department: otherNode)
                try await Self.book(remote, seeded, department: otherNode, minutes: 90)
                let booked = Shared<[DomainEvent]>([])
                let collector = Task {
                    for await message in here.stream {
                        if case .event(_, let event) = message { booked.mutex.withLock { $0.append(event) } }
                    }
                }
                defer { collector.cancel() }
                #expect(
                    await Self.eventually(within: 1) {
                        booked.value.contains { $0.name == "exam.booked" && $0.examID == remote.id }
                    }, "the other node's booking reaches this node within a second")
                let seen = booked.value
                #expect(
                    seen.filter { $0.examID == local.id && $0.name == "exam.justified" }.count == 1,
                    "this node's own change is published once, not again from the database: \(seen.map(\.name))")
                #expect(seen.contains { $0.examID == remote.id && $0.name == "exam.requested" })
                #expect(seen.last?.toState == .booked)
                there.end()
                here.end()
            }
            await other.shutdown()
        }
    }
}
