import Foundation
import Hummingbird
import LightboxDomain

extension RotaAssignment: APISchema {
    public static let schemaName = "RotaAssignment"
    public static var example: RotaAssignment {
        RotaAssignment(
            id: Examples.id(80), roomID: Examples.id(4), roomName: "X-ray 1",
            day: (try? CalendarDate(year: 2026, month: 3, day: 2))
                ?? CalendarDate(Examples.now, in: TimeZone(secondsFromGMT: 0) ?? .current),
            session: .morning, staffID: Examples.id(5), staffName: "Grace Okafor", role: .operator,
            supervised: false, note: "Covers the ED list", assignedBy: "m.lee", assignedAt: Examples.now)
    }
}

extension AssignRota.Command: APISchema {
    public static let schemaName = "AssignRota"
    public static var example: AssignRota.Command {
        let assignment = RotaAssignment.example
        return .init(
            roomID: assignment.roomID, day: assignment.day, session: .morning, staffID: assignment.staffID,
            role: .operator, note: assignment.note)
    }
}

extension WebApplication {
    /// The rota (issue 17): who covers each room per day and session, each operator's entitlement checked.
    static var rotaRoutes: [APIRoute] {
        [
            .json(
                .get, "/api/rota", id: "listRota",
                summary: "Who covers each room per day and session, by day, session and room", tag: "Rota",
                access: .permission(.viewRota),
                query: [
                    QueryParameter("from", "First day (YYYY-MM-DD; today by default)", format: "date"),
                    QueryParameter("to", "Last day (YYYY-MM-DD; six days after from by default)", format: "date"),
                    QueryParameter("roomID", "Only this room", format: "uuid"),
                    QueryParameter("staffID", "Only this member of staff", format: "uuid"),
                ], body: NoBody.self, response: [RotaAssignment].self, problems: [.unprocessableContent]
            ) { call, _ in
                var errors: [Problem.FieldError] = []
                let roomID = call.queryUUID("roomID", errors: &errors)
                let staffID = call.queryUUID("staffID", errors: &errors)
                var days: [CalendarDate?] = []
                for name in ["from", "to"] {
                    guard let raw = call.query(name) else {
                        days.append(nil)
                        continue
                    }
                    guard let day = try? CalendarDate(iso: raw) else {
                        errors.append(.init(field: name, problem: "must be a date as YYYY-MM-DD"))
                        days.append(nil)
                        continue
                    }
                    days.append(day)
                }
                guard errors.isEmpty else { throw Problem.invalid("The rota's filters are wrong.", errors: errors) }
                let today = CalendarDate(
                    call.environment.clock.now(), in: call.department.environment.configuration.timeZone)
                let first = days[0] ?? today
                return try await call.department.viewRota(
                    from: first, to: days[1] ?? first.adding(days: 6), roomID: roomID, staffID: staffID,
                    by: call.actor)
            },
            .json(
                .post, "/api/rota", id: "assignRota",
                summary:
                    "Put a member of staff on the rota for a room, day and session; an operator's entitlement to "
                    + "operate the room's modality is checked; audited",
                tag: "Rota", access: .permission(.manageRota), body: AssignRota.Command.self,
                response: Outcome<RotaAssignment>.self, status: .created, problems: [.unprocessableContent]
            ) { call, command in
                try await call.department.assignRota(command, by: call.actor)
            },
            .json(
                .delete, "/api/rota/{assignmentID}", id: "removeRotaAssignment",
                summary: "Take a member of staff off the rota (not a past day's); audited", tag: "Rota",
                access: .permission(.manageRota), query: [QueryParameter("reason", "Why (illness, a swap …)")],
                body: NoBody.self, response: Outcome<RotaAssignment>.self, problems: [.notFound, .conflict]
            ) { call, _ in
                try await call.department.removeRotaAssignment(
                    .init(assignmentID: try call.id("assignmentID"), reason: call.query("reason")), by: call.actor)
            },
        ]
    }
}
