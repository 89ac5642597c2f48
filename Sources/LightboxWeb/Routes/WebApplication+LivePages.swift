import Foundation
import HTTPTypes
import Hummingbird
import LightboxDomain
import NIOCore

/// The room worklists and the live-update stream behind them (DESIGN.md "Pages": live lists through
/// server-sent events, fed by the domain's events and, with PostgreSQL, LISTEN/NOTIFY across nodes).
extension WebApplication {
    func addLivePages(_ page: PageRegistrar) {
        page(.get, "/worklist") { call in
            _ = try call.require(.viewExams)
            let rooms = try await Self.worklistRooms(call)
            return try call.page(RoomWorklistPageModel(layout: try call.layout("Room worklists"), rooms: rooms))
        }
        page(.get, "/worklist/:roomID") { call in
            _ = try call.require(.viewExams)
            let roomID = try call.id("roomID")
            let rooms = try await Self.worklistRooms(call)
            guard let room = rooms.first(where: { $0.id == roomID }) else {
                throw PageRefusal.notFound("There is no such room.")
            }
            let configuration = try await call.department.viewThresholds.configurationInForce()
            let format = PageFormat(configuration.timeZone)
            let today = CalendarDate(call.environment.clock.now(), in: configuration.timeZone)
            var day = today
            if let text = call.query("date") {
                guard let chosen = try? CalendarDate(iso: text) else {
                    throw PageRefusal.notFound("The date in the address is not a date like 2026-03-02.")
                }
                day = chosen
            }
            // The position first: an event committed while the list is read is then sent again, never missed.
            let position = call.environment.live?.position
            let bounds = format.bounds(of: day)
            let exams = try await call.department.listExams(
                ExamQuery(
                    roomID: room.id, scheduledFrom: bounds.start, scheduledBefore: bounds.end,
                    limit: ListExams.maximumLimit),
                by: call.actor
            ).value
            var model = RoomWorklistPageModel(
                layout: try call.layout(room.name), room: room, rooms: rooms, day: day, today: today,
                exams: exams, patients: try await Self.patients(of: exams, store: call.environment.store),
                configuration: configuration, livePosition: position)
            let role = try call.actor.role
            if call.environment.policy.allows(role, .viewRota) {
                model.staffOnRota = RoomWorklistPageModel.rotaText(
                    try await call.department.viewRota(from: day, to: day, roomID: room.id, by: call.actor))
            }
            return try call.page(model)
        }
        page(.get, "/live") { call in
            _ = try call.require(.viewExams)
            guard let live = call.environment.live else {
                throw PageRefusal.notFound("This Lightbox does not send live updates.")
            }
            return try Self.eventStream(
                live, after: call.request.headers[Self.lastEventID] ?? call.query("after"))
        }
    }

    static let lastEventID = HTTPField.Name("Last-Event-ID")!

    /// The rooms a worklist can be shown for, in name order.
    static func worklistRooms(_ call: PageCall) async throws -> [Room] {
        try await call.department.browse.rooms(by: call.actor).sorted {
            $0.name.localizedStandardCompare($1.name) == .orderedAscending
        }
    }

    /// A `text/event-stream` response following `live` (HTML Living Standard §9.2): the reconnection delay,
    /// then the events since `after`, then each event as it is published, with a heartbeat comment when
    /// quiet, until the stream's lifetime ends, the client goes or falls behind (then a reset), or the
    /// server shuts down.
    static func eventStream(_ live: LiveUpdates, after: String?) throws -> Response {
        let subscription: LiveUpdates.Subscription
        do {
            subscription = try live.subscribe(after: after)
        } catch let refusal as LiveUpdates.Refusal {
            throw Problem(
                code: "live.unavailable", title: "Live updates unavailable", status: .serviceUnavailable,
                detail: refusal.reason)
        }
        let configuration = live.configuration
        let body = ResponseBody { writer in
            defer { subscription.end() }
            try await writer.write(ByteBuffer(string: "retry: \(configuration.retryMilliseconds)\n\n"))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    let clock = ContinuousClock()
                    let end = clock.now.advanced(by: configuration.streamLifetime)
                    while clock.now < end {
                        try await Task.sleep(for: min(configuration.heartbeat, clock.now.duration(to: end)))
                        subscription.heartbeat()
                    }
                    subscription.end()
                }
                for await message in subscription.stream {
                    try await writer.write(ByteBuffer(string: message.eventStream))
                }
                if subscription.overflowed {
                    try await writer.write(ByteBuffer(string: LiveUpdates.Message.reset.eventStream))
                }
                group.cancelAll()
            }
            try await writer.finish(nil)
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store",
                HTTPField.Name("X-Accel-Buffering")!: "no",
            ],
            body: body)
    }
}
