import Foundation
import Hummingbird
import LightboxDomain

extension OutboxMessage: APISchema {
    public static let schemaName = "OutboxMessage"
    public static var example: OutboxMessage {
        OutboxMessage(
            id: Examples.id(7), destination: "EPR", sequence: 12, kind: .reportVerified, examID: Examples.id(2),
            createdAt: Examples.now, attempts: 3, nextAttemptAt: Examples.now.addingTimeInterval(8),
            deliveredAt: nil, lastError: "no answer from 10.1.2.3:2576 within 30 s")
    }
}

extension WebApplication {
    /// The hospital interfaces' queues, for the integration engineer on call.
    static var interfaceRoutes: [APIRoute] {
        [
            .json(
                .get, "/api/interfaces/outbox", id: "listOutboxMessages",
                summary: "Messages queued for other systems (verified reports as ORU^R01), in sending order",
                tag: "Interfaces", access: .permission(.viewAudit),
                query: [
                    QueryParameter("destination", "Only this destination's queue"),
                    QueryParameter("pending", "true: only messages not yet acknowledged by the receiver"),
                    QueryParameter("limit", "At most this many messages (1-1000, default 200)"),
                ], body: NoBody.self, response: [OutboxMessage].self, problems: [.unprocessableContent]
            ) { call, _ in
                var errors: [Problem.FieldError] = []
                var pendingOnly = false
                if let raw = call.query("pending") {
                    switch raw {
                    case "true": pendingOnly = true
                    case "false": pendingOnly = false
                    default: errors.append(.init(field: "pending", problem: "must be true or false"))
                    }
                }
                let limit = call.queryLimit(fallback: 200, maximum: ViewOutbox.maximumLimit, errors: &errors)
                if !errors.isEmpty { throw Problem.invalid("The queue filters are wrong.", errors: errors) }
                let command = ViewOutbox.Command(
                    destination: call.query("destination"), pendingOnly: pendingOnly, limit: limit)
                return try await call.department.viewOutbox(command, by: call.actor).value
            }
        ]
    }
}
