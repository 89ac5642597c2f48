import Foundation
import Hummingbird
import LightboxDomain

extension EquipmentItem: APISchema {
    public static let schemaName = "EquipmentItem"
    public static var example: EquipmentItem {
        EquipmentItem(
            id: Examples.id(30), roomID: Examples.id(4), description: "CT scanner", maker: "Siemens",
            model: "SOMATOM go.Up", serialNumber: "108245",
            installedOn: try? CalendarDate(year: 2021, month: 6, day: 14),
            stationAETitle: "CT1", decommissionedOn: try? CalendarDate(year: 2031, month: 6, day: 13))
    }
}

extension RegisterEquipment.Command: APISchema {
    public static let schemaName = "RegisterEquipment"
    public static var example: RegisterEquipment.Command {
        let item = EquipmentItem.example
        return .init(
            roomID: item.roomID, description: item.description, maker: item.maker, model: item.model,
            serialNumber: item.serialNumber, installedOn: item.installedOn, stationAETitle: item.stationAETitle)
    }
}

extension UpdateEquipment.Command: APISchema {
    public static let schemaName = "UpdateEquipment"
    public static let pathMembers = ["equipmentID"]
    public static var example: UpdateEquipment.Command {
        let item = EquipmentItem.example
        return .init(
            equipmentID: item.id, roomID: item.roomID, description: item.description, maker: item.maker,
            model: item.model, serialNumber: item.serialNumber, installedOn: item.installedOn,
            stationAETitle: item.stationAETitle, decommissionedOn: item.decommissionedOn)
    }
}

extension QATest: APISchema {
    public static let schemaName = "QATest"
    public static var example: QATest {
        QATest(
            code: "CT-WATER-MEAN", name: "Water phantom: mean CT number", modality: .CT, frequency: .daily, unit: "HU",
            remedial: QALimits(lower: -4, upper: 4), suspension: QALimits(lower: -10, upper: 10))
    }
}

extension QAResult: APISchema {
    public static let schemaName = "QAResult"
    public static var example: QAResult {
        QAResult(
            id: Examples.id(31), roomID: Examples.id(4), equipmentID: Examples.id(30), testCode: "CT-WATER-MEAN",
            testName: "Water phantom: mean CT number", value: 12.5, unit: "HU", grade: .suspension,
            remedial: QALimits(lower: -4, upper: 4), suspension: QALimits(lower: -10, upper: 10),
            performedAt: Examples.now, performedBy: "p.nair", performedByStaffID: Examples.id(5),
            notes: "Repeated twice with the same result", recordedAt: Examples.now, changedRoomStatus: true)
    }
}

extension RecordQAResult.Command: APISchema {
    public static let schemaName = "RecordQAResult"
    public static var example: RecordQAResult.Command {
        .init(
            roomID: Examples.id(4), equipmentID: Examples.id(30), testCode: "CT-WATER-MEAN", value: 12.5,
            performedAt: Examples.now, notes: "Repeated twice with the same result")
    }
}

extension QAAlert: APISchema {
    public static let schemaName = "QAAlert"
    public static var example: QAAlert {
        QAAlert(
            kind: .failed, roomID: Examples.id(4), roomName: "CT 1", testCode: "CT-WATER-MEAN",
            testName: "Water phantom: mean CT number", lastResultID: Examples.id(31), lastPerformedAt: Examples.now,
            lastGrade: .suspension, dueAt: Examples.now.addingTimeInterval(86_400),
            summary: "Water phantom: mean CT number 12.5 HU: suspension level; the room is suspended until a pass")
    }
}

extension Fault: APISchema {
    public static let schemaName = "Fault"
    public static var example: Fault {
        Fault(
            id: Examples.id(32), roomID: Examples.id(4), equipmentID: Examples.id(30),
            description: "Gantry error E1234 at start-up", roomOutOfUse: true, status: .closed,
            reportedAt: Examples.now, reportedBy: "a.radiographer", engineeringReference: "SIE-2026-0042",
            sentToEngineeringAt: Examples.now.addingTimeInterval(600), sentBy: "m.manager",
            resolution: "Slip ring brushes replaced; QA passed", closedAt: Examples.now.addingTimeInterval(14_400),
            closedBy: "m.manager")
    }
}

extension ReportFault.Command: APISchema {
    public static let schemaName = "ReportFault"
    public static let memberDefaults: [String: JSONValue] = ["roomOutOfUse": false]
    public static var example: ReportFault.Command {
        .init(
            roomID: Examples.id(4), equipmentID: Examples.id(30), description: "Gantry error E1234 at start-up",
            roomOutOfUse: true)
    }
}

extension SendFaultToEngineering.Command: APISchema {
    public static let schemaName = "SendFaultToEngineering"
    public static let pathMembers = ["faultID"]
    public static var example: SendFaultToEngineering.Command {
        .init(faultID: Examples.id(32), engineeringReference: "SIE-2026-0042")
    }
}

extension CloseFault.Command: APISchema {
    public static let schemaName = "CloseFault"
    public static let pathMembers = ["faultID"]
    public static var example: CloseFault.Command {
        .init(faultID: Examples.id(32), resolution: "Slip ring brushes replaced; QA passed")
    }
}

extension WebApplication {
    /// The equipment register, the QA catalogue and results, and faults (issue 17).
    static var equipmentRoutes: [APIRoute] {
        [
            .json(
                .get, "/api/equipment", id: "listEquipment", summary: "The equipment register, of every room or one",
                tag: "Equipment", access: .permission(.viewEquipment),
                query: [QueryParameter("roomID", "Only this room's equipment", format: "uuid")], body: NoBody.self,
                response: [EquipmentItem].self, problems: [.unprocessableContent]
            ) { call, _ in
                var errors: [Problem.FieldError] = []
                let roomID = call.queryUUID("roomID", errors: &errors)
                try throwIfAny(errors)
                return try await call.department.viewEquipment.items(roomID: roomID, by: call.actor)
            },
            .json(
                .post, "/api/equipment", id: "registerEquipment", summary: "Add an item to a room's equipment register",
                tag: "Equipment", access: .permission(.manageEquipment), body: RegisterEquipment.Command.self,
                response: Outcome<EquipmentItem>.self, status: .created, problems: [.conflict]
            ) { call, command in
                try await call.department.registerEquipment(command, by: call.actor)
            },
            .json(
                .get, "/api/equipment/{equipmentID}", id: "getEquipment", summary: "One item of the equipment register",
                tag: "Equipment", access: .permission(.viewEquipment), body: NoBody.self, response: EquipmentItem.self
            ) { call, _ in
                try await call.department.viewEquipment.item(try call.id("equipmentID"), by: call.actor)
            },
            .json(
                .put, "/api/equipment/{equipmentID}", id: "updateEquipment",
                summary: "Change an item (room, details, station AE title, decommissioning)", tag: "Equipment",
                access: .permission(.manageEquipment), body: UpdateEquipment.Command.self,
                response: Outcome<EquipmentItem>.self, problems: [.conflict]
            ) { call, command in
                try await call.department.updateEquipment(command, by: call.actor)
            },
            .json(
                .get, "/api/qa/tests", id: "listQATests",
                summary: "The QA test catalogue with frequencies and remedial and suspension levels", tag: "QA",
                access: .permission(.viewEquipment),
                query: [QueryParameter("modality", "Only the tests of this modality (CR, DX, RF, CT, …)")],
                body: NoBody.self, response: [QATest].self, problems: [.unprocessableContent]
            ) { call, _ in
                var errors: [Problem.FieldError] = []
                let modality = call.queryModality(errors: &errors)
                try throwIfAny(errors)
                return try await call.department.viewEquipment.qaTests(modality: modality, by: call.actor)
            },
            .json(
                .get, "/api/qa/results", id: "listQAResults", summary: "QA results, newest first", tag: "QA",
                access: .permission(.viewEquipment),
                query: [
                    QueryParameter("roomID", "Only this room's results", format: "uuid"),
                    QueryParameter("testCode", "Only this test's results"),
                    QueryParameter("limit", "At most this many (1 to 1000, default 200)"),
                ], body: NoBody.self, response: [QAResult].self, problems: [.unprocessableContent]
            ) { call, _ in
                var errors: [Problem.FieldError] = []
                let roomID = call.queryUUID("roomID", errors: &errors)
                let limit = call.queryLimit(fallback: 200, maximum: ViewEquipment.maximumLimit, errors: &errors)
                try throwIfAny(errors)
                return try await call.department.viewEquipment.qaResults(
                    roomID: roomID, testCode: call.query("testCode"), limit: limit, by: call.actor)
            },
            .json(
                .post, "/api/qa/results", id: "recordQAResult",
                summary: "Record a QA result; at suspension level the room is suspended until a pass", tag: "QA",
                access: .permission(.recordQA), body: RecordQAResult.Command.self, response: Outcome<QAResult>.self,
                status: .created
            ) { call, command in
                try await call.department.recordQAResult(command, by: call.actor)
            },
            .json(
                .get, "/api/qa/results/{resultID}", id: "getQAResult", summary: "One QA result", tag: "QA",
                access: .permission(.viewEquipment), body: NoBody.self, response: QAResult.self
            ) { call, _ in
                try await call.department.viewEquipment.qaResult(try call.id("resultID"), by: call.actor)
            },
            .json(
                .get, "/api/qa/alerts", id: "listQAAlerts",
                summary: "QA tests overdue or beyond their remedial or suspension level, per room", tag: "QA",
                access: .permission(.viewEquipment), body: NoBody.self, response: [QAAlert].self
            ) { call, _ in
                try await call.department.listQAAlerts(by: call.actor)
            },
            .json(
                .get, "/api/faults", id: "listFaults", summary: "Equipment faults, newest first", tag: "Faults",
                access: .permission(.viewEquipment),
                query: [
                    QueryParameter("roomID", "Only this room's faults", format: "uuid"),
                    QueryParameter("open", "true: only faults not yet closed"),
                    QueryParameter("limit", "At most this many (1 to 1000, default 200)"),
                ], body: NoBody.self, response: [Fault].self, problems: [.unprocessableContent]
            ) { call, _ in
                var errors: [Problem.FieldError] = []
                let roomID = call.queryUUID("roomID", errors: &errors)
                let limit = call.queryLimit(fallback: 200, maximum: ViewEquipment.maximumLimit, errors: &errors)
                let open = call.query("open")
                if let open, !["true", "false"].contains(open) {
                    errors.append(.init(field: "open", problem: "must be true or false"))
                }
                try throwIfAny(errors)
                return try await call.department.viewEquipment.faults(
                    roomID: roomID, openOnly: open == "true", limit: limit, by: call.actor)
            },
            .json(
                .post, "/api/faults", id: "reportFault", summary: "Report an equipment fault", tag: "Faults",
                access: .permission(.reportFault), body: ReportFault.Command.self, response: Outcome<Fault>.self,
                status: .created
            ) { call, command in
                try await call.department.reportFault(command, by: call.actor)
            },
            .json(
                .get, "/api/faults/{faultID}", id: "getFault", summary: "One fault with its downtime", tag: "Faults",
                access: .permission(.viewEquipment), body: NoBody.self, response: Fault.self
            ) { call, _ in
                try await call.department.viewEquipment.fault(try call.id("faultID"), by: call.actor)
            },
            .json(
                .post, "/api/faults/{faultID}/engineering", id: "sendFaultToEngineering",
                summary: "Record that a fault went to engineering, with their job reference", tag: "Faults",
                access: .permission(.manageFaults), body: SendFaultToEngineering.Command.self,
                response: Outcome<Fault>.self, problems: [.conflict]
            ) { call, command in
                try await call.department.sendFaultToEngineering(command, by: call.actor)
            },
            .json(
                .post, "/api/faults/{faultID}/closure", id: "closeFault",
                summary: "Close a fault with its resolution (its downtime ends)", tag: "Faults",
                access: .permission(.manageFaults), body: CloseFault.Command.self, response: Outcome<Fault>.self,
                problems: [.conflict]
            ) { call, command in
                try await call.department.closeFault(command, by: call.actor)
            },
        ]
    }

    /// Refuses a listing whose filters are wrong, naming each.
    private static func throwIfAny(_ errors: [Problem.FieldError]) throws {
        guard errors.isEmpty else {
            throw Problem.invalid("The filters are not valid.", errors: errors)
        }
    }
}
