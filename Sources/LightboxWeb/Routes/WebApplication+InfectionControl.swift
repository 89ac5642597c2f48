import Foundation
import Hummingbird
import LightboxDomain

extension FlagIsolation.Command: APISchema {
    public static let schemaName = "FlagIsolation"
    public static let pathMembers = ["examID"]
    public static var example: FlagIsolation.Command {
        .init(examID: Examples.id(2), precaution: .contact, note: "C. difficile: sporicidal clean after")
    }
}

extension RecordCleaning.Command: APISchema {
    public static let schemaName = "RecordCleaning"
    public static var example: RecordCleaning.Command {
        .init(roomID: Examples.id(4), method: "Chlorine 1,000 ppm on all surfaces; curtains changed")
    }
}

extension CleaningRecord: APISchema {
    public static let schemaName = "CleaningRecord"
    public static var example: CleaningRecord {
        CleaningRecord(
            id: Examples.id(33), roomID: Examples.id(4), afterExamID: Examples.id(2), precaution: .contact,
            method: "Chlorine 1,000 ppm on all surfaces; curtains changed", cleanedAt: Examples.now,
            cleanedBy: "b.walsh", cleanedByStaffID: Examples.id(5))
    }
}

extension SetRoomServiceHours.Command: APISchema {
    public static let schemaName = "SetRoomServiceHours"
    public static let pathMembers = ["roomID"]
    public static var example: SetRoomServiceHours.Command {
        .init(roomID: Examples.id(4), serviceHours: ServiceHours(days: [1, 2, 3, 4, 5], opens: 8, closes: 18))
    }
}

extension WebApplication {
    /// Isolation flags, the cleaning log and the rooms' service hours (issue 17).
    static var infectionControlRoutes: [APIRoute] {
        [
            .json(
                .put, "/api/exams/{examID}/isolation", id: "flagIsolation",
                summary: "Flag (or clear, with no precaution) an exam's patient as on isolation",
                tag: "Infection control",
                access: .permission(.flagIsolation), body: FlagIsolation.Command.self, response: Outcome<Exam>.self,
                problems: [.conflict]
            ) { call, command in
                try await call.department.flagIsolation(command, by: call.actor)
            },
            .json(
                .get, "/api/cleaning", id: "listCleaning", summary: "The rooms' cleaning log, newest first",
                tag: "Infection control", access: .permission(.viewEquipment),
                query: [
                    QueryParameter("roomID", "Only this room's cleans", format: "uuid"),
                    QueryParameter("limit", "At most this many (1 to 1000, default 200)"),
                ], body: NoBody.self, response: [CleaningRecord].self, problems: [.unprocessableContent]
            ) { call, _ in
                var errors: [Problem.FieldError] = []
                let roomID = call.queryUUID("roomID", errors: &errors)
                let limit = call.queryLimit(fallback: 200, maximum: ViewEquipment.maximumLimit, errors: &errors)
                guard errors.isEmpty else { throw Problem.invalid("The filters are not valid.", errors: errors) }
                return try await call.department.viewEquipment.cleaningLog(roomID: roomID, limit: limit, by: call.actor)
            },
            .json(
                .post, "/api/cleaning", id: "recordCleaning",
                summary: "Log a room's clean (after an isolation patient, the room takes its next exam again)",
                tag: "Infection control", access: .permission(.recordCleaning), body: RecordCleaning.Command.self,
                response: Outcome<CleaningRecord>.self, status: .created
            ) { call, command in
                try await call.department.recordCleaning(command, by: call.actor)
            },
            .json(
                .put, "/api/rooms/{roomID}/service-hours", id: "setRoomServiceHours",
                summary: "Set a room's own service hours (days and hours), or null for the department's", tag: "Rooms",
                access: .permission(.manageRooms), body: SetRoomServiceHours.Command.self, response: Outcome<Room>.self
            ) { call, command in
                try await call.department.setRoomServiceHours(command, by: call.actor)
            },
        ]
    }
}
