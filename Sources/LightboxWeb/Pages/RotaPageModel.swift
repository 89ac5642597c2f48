import Foundation
import LightboxDomain

/// The rota page (issue 17): a week from a chosen day, each day a table of rooms (with their service hours) by session
/// (with its clock times) with who covers them (operators marked when they work under supervision), and for the
/// manager the form to put someone on the rota and a button to take each person off. The form posts to `AssignRota`, the use case `POST /api/rota` calls.
struct RotaPageModel: PageModel {
    static let template = "rota"

    struct Person: Sendable, Equatable {
        var name: String
        var removeAction: String
    }

    struct Cell: Sendable, Equatable {
        var people: [Person]
        var empty: Bool
    }

    struct RoomRow: Sendable, Equatable {
        var room: String
        /// The hours booking uses for the room: its own, else the department's.
        var serviceHours: String
        var cells: [Cell]
    }

    struct Day: Sendable, Equatable {
        var title: String
        var rows: [RoomRow]
    }

    var layout: LayoutModel
    var sessions: [String]
    var days: [Day]
    var weekStart: String
    var previousWeek: String
    var nextWeek: String
    var canManage: Bool
    var fields: [FormField]
    var errorSummary: ErrorSummary?

    /// The form's field names, as `AssignRota` names its fields.
    static let names = ["day", "session", "roomID", "staffID", "role", "note"]

    init(
        layout: LayoutModel, first: CalendarDate, assignments: [RotaAssignment], rooms: [Room], staff: [StaffMember],
        canManage: Bool, configuration: DepartmentConfiguration = .default, form: FormBody = FormBody(pairs: []),
        problems: [FieldProblem] = [], general: [String] = []
    ) {
        self.layout = layout
        let sessions = RotaSession.allCases
        let times = configuration.rotaSessionTimes
        self.sessions = sessions.map { "\($0.label) \(times[$0].text)" }
        let format = PageFormat(TimeZone(identifier: "UTC") ?? .current)
        days = (0..<7).map { offset in
            let day = first.adding(days: offset)
            let weekday = DateFormatter()
            weekday.locale = Locale(identifier: "en_GB")
            weekday.timeZone = TimeZone(identifier: "UTC")
            weekday.dateFormat = "EEEE"
            let title =
                weekday.string(from: day.start(in: TimeZone(identifier: "UTC") ?? .current)) + " "
                + format.date(day)
            return Day(
                title: title,
                rows: rooms.map { room in
                    RoomRow(
                        room: room.name,
                        serviceHours: "Service hours: "
                            + (room.serviceHours ?? ServiceHours.everyDay(configuration.serviceHours)).description,
                        cells: sessions.map { session in
                            let people = assignments.filter {
                                $0.day == day && $0.roomID == room.id && $0.session == session
                            }.map { assignment in
                                Person(
                                    name: assignment.staffName
                                        + (assignment.role == .support ? " (support)" : "")
                                        + (assignment.supervised ? " (supervised)" : "")
                                        // Assigned before the department changed the session's times.
                                        + (assignment.times == times[session] ? "" : " (\(assignment.times.text))"),
                                    removeAction: "/rota/\(assignment.id.uuidString)/removal")
                            }
                            return Cell(people: people, empty: people.isEmpty)
                        })
                })
        }
        weekStart = first.iso
        previousWeek = "/rota?from=\(first.adding(days: -7).iso)"
        nextWeek = "/rota?from=\(first.adding(days: 7).iso)"
        self.canManage = canManage
        func error(_ name: String) -> String? {
            problems.first { $0.field == name }.map { "\(Self.label(name)) \($0.problem)" }
        }
        fields = [
            FormField(
                "day", label: Self.label("day"), value: form["day"] ?? first.iso, error: error("day"), type: "date"),
            .select(
                "session", label: Self.label("session"),
                choices: sessions.map { ($0.rawValue, "\($0.label), \(times[$0].text)") },
                value: form["session"], error: error("session")),
            .select(
                "roomID", label: Self.label("roomID"),
                choices: [("", "Choose a room")] + rooms.map { ($0.id.uuidString, $0.name) }, value: form["roomID"],
                error: error("roomID")),
            .select(
                "staffID", label: Self.label("staffID"),
                choices: [("", "Choose a member of staff")]
                    + staff.filter(\.active).map { ($0.id.uuidString, $0.displayName) },
                value: form["staffID"], hint: "An operator's entitlement to the room's modality is checked",
                error: error("staffID")),
            .select(
                "role", label: Self.label("role"),
                choices: [
                    (RotaRole.operator.rawValue, "Operator: performs exams"),
                    (RotaRole.support.rawValue, "Support: no exposures"),
                ], value: form["role"], error: error("role")),
            FormField("note", label: Self.label("note"), value: form["note"], error: error("note")),
        ]
        errorSummary = ErrorSummary(
            fields: fields,
            general: general + problems.filter { !Self.names.contains($0.field) }.map { "\($0.field) \($0.problem)" })
    }

    static func label(_ name: String) -> String {
        switch name {
        case "day": "Day"
        case "session": "Session"
        case "roomID": "Room"
        case "staffID": "Member of staff"
        case "role": "Covers the room as"
        default: "Note (optional)"
        }
    }
}
