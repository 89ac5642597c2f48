import Foundation
import HTTPTypes
import LightboxDomain
import LightboxTestSupport
import LightboxWeb
import Testing

/// Issue 17 "Equipment and QA" through the JSON API on both engines: the register, QA results graded against the
/// catalogue, the room suspended at suspension level and restored by a pass (its worklist withdrawn and back),
/// the QA alerts, faults to closure with downtime, the refusals and the audit.
@Suite("Equipment routes")
struct EquipmentRoutesTests {
    static func registerCT(_ path: Pathway) async throws -> APIResponse {
        let ct = path.seeded.rooms["ct"]?.id.uuidString ?? ""
        return try await path.api.send(
            .post, "/api/equipment", token: path.roleToken(.manager),
            json: """
                {"roomID":"\(ct)","description":"CT scanner","maker":"Siemens","model":"SOMATOM go.Up",\
                "serialNumber":"108245","installedOn":"2021-06-14","stationAETitle":"CT1"}
                """)
    }

    @Test(
        "The register keeps each item per room with its station AE title; bad and duplicate items are refused",
        arguments: TestEngine.allCases)
    func register(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, database in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let added = try await Self.registerCT(path)
            #expect(added.status == .created, "\(added.text)")
            #expect(added.string("value.stationAETitle") == "CT1" && added.string("value.installedOn") == "2021-06-14")
            let id = added.string("value.id") ?? ""
            // The same serial number of the same maker, a shared AE title, empty fields: all named at once.
            let xr = seeded.rooms["xr"]?.id.uuidString ?? ""
            let refused = try await path.api.send(
                .post, "/api/equipment", token: path.roleToken(.manager),
                json: """
                    {"roomID":"\(xr)","description":"","maker":"Siemens","model":"X","serialNumber":"108245",\
                    "installedOn":"2099-01-01","stationAETitle":"CT1"}
                    """)
            #expect(refused.status.code == 409 || refused.status.code == 422, "\(refused.text)")
            #expect(
                Set(refused.problemFields) == ["description", "serialNumber", "installedOn", "stationAETitle"],
                "\(refused.text)")
            let listed = try await path.api.send(.get, "/api/equipment?roomID=\(xr)", token: path.roleToken(.physicist))
            #expect(listed.status == .ok && listed.json == .array([]), "\(listed.text)")
            let all = try await path.api.send(.get, "/api/equipment", token: path.roleToken(.radiographer))
            guard case .array(let items)? = all.json else {
                Issue.record("no list: \(all.text)")
                return
            }
            #expect(items.count == 1 && items.first?["serialNumber"] == .string("108245"))
            // Moved to the X-ray room with a new AE title: audited with what changed.
            let moved = try await path.api.send(
                .put, "/api/equipment/\(id)", token: path.roleToken(.physicist),
                json: """
                    {"roomID":"\(xr)","description":"CT scanner","maker":"Siemens","model":"SOMATOM go.Up",\
                    "serialNumber":"108245","installedOn":"2021-06-14","stationAETitle":"CT9"}
                    """)
            #expect(moved.status == .ok && moved.string("value.roomID") == xr, "\(moved.text)")
            let one = try await path.api.send(.get, "/api/equipment/\(id)", token: path.roleToken(.manager))
            #expect(one.string("stationAETitle") == "CT9")
            // Who may do what: a radiographer reads but cannot register; a referrer cannot read.
            let denied = try await path.api.send(
                .post, "/api/equipment", token: path.roleToken(.radiographer),
                json: #"{"roomID":"\#(xr)","description":"Tube","maker":"Acme","model":"T1","serialNumber":"9"}"#)
            #expect(denied.status == .forbidden, "\(denied.text)")
            let referrer = try await path.api.send(.get, "/api/equipment", token: path.roleToken(.referrer))
            #expect(referrer.status == .forbidden)
            let actions = try await AuditRows.actions(database)
            #expect(actions.contains("equipment.registered") && actions.contains("equipment.updated"))
        }
    }

    @Test(
        "A QA result at suspension level suspends the room and withdraws its worklist until a pass restores it",
        arguments: TestEngine.allCases)
    func suspensionAndPass(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, database in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let ct = seeded.rooms["ct"]?.id.uuidString ?? ""
            let exam = try await path.request("man", "CHEADN")
            try await path.justify(exam, by: "radiologist")
            try await path.book(exam, room: "ct")
            func worklistAccessions() async throws -> [String] {
                let list = try await path.api.send(
                    .get, "/api/worklist?roomID=\(ct)", token: path.roleToken(.radiographer))
                guard case .array(let items)? = list.json else { return [] }
                return items.compactMap { if case .string(let a)? = $0["exam"]?["accessionNumber"] { a } else { nil } }
            }
            #expect(try await worklistAccessions().count == 1)
            func record(_ code: String, _ value: Double, token: AccessRole = .physicist) async throws -> APIResponse {
                // A minute between measurements, so the history's order is the order they were made in.
                seeded.clock.advance(by: 60)
                return try await path.api.send(
                    .post, "/api/qa/results", token: path.roleToken(token),
                    json: #"{"roomID":"\#(ct)","testCode":"\#(code)","value":\#(value)}"#)
            }
            // Only the clinical scientist records QA.
            #expect(try await record("CT-WATER-MEAN", 0.5, token: .manager).status == .forbidden)
            #expect(try await record("CT-WATER-MEAN", 0.5, token: .radiographer).status == .forbidden)
            // A radiography test on a CT room, an unknown test: refused, nothing stored.
            let wrong = try await record("DX-KV-ACCURACY", 1)
            #expect(wrong.status.code == 422 && wrong.problemFields == ["testCode"], "\(wrong.text)")
            // Remedial: recorded, the room stays in use.
            let remedial = try await record("CT-WATER-MEAN", 6)
            #expect(remedial.status == .created && remedial.string("value.grade") == "remedial", "\(remedial.text)")
            #expect(try await worklistAccessions().count == 1)
            // Suspension level: the room is suspended, the worklist withdrawn, the exam listed to re-book.
            let failed = try await record("CT-WATER-MEAN", 12.5)
            #expect(failed.status == .created && failed.string("value.grade") == "suspension", "\(failed.text)")
            let rooms = try await path.api.send(.get, "/api/rooms", token: path.roleToken(.manager))
            let ctRoom: JSONValue? = {
                guard case .array(let all)? = rooms.json else { return nil }
                return all.first { $0["id"] == .string(ct) }
            }()
            #expect(ctRoom?["status"] == .string("suspended"), "\(rooms.text)")
            #expect(try await worklistAccessions().isEmpty)
            let toRebook = try await path.api.send(
                .get, "/api/worklist/to-rebook", token: path.roleToken(.radiographer))
            #expect(toRebook.text.contains(exam) || toRebook.text.contains("CHEADN"), "\(toRebook.text)")
            // A manager cannot put it back in use before a pass; a booking there is refused.
            let reopen = try await path.api.send(
                .put, "/api/rooms/\(ct)/status", token: path.roleToken(.manager), json: #"{"status":"inUse"}"#)
            #expect(
                reopen.status == .conflict && reopen.problemType?.hasSuffix("room.suspended") == true, "\(reopen.text)")
            // The physicist is alerted.
            let alerts = try await path.api.send(.get, "/api/qa/alerts", token: path.roleToken(.physicist))
            guard case .array(let open)? = alerts.json else {
                Issue.record("no alerts: \(alerts.text)")
                return
            }
            #expect(open.first?["kind"] == .string("failed") && open.first?["testCode"] == .string("CT-WATER-MEAN"))
            #expect(open.contains { $0["kind"] == .string("overdue") && $0["testCode"] == .string("CT-WATER-NOISE") })
            // A pass of another test does not lift it; a pass of the failed test does.
            #expect(try await record("CT-WATER-NOISE", 4).status == .created)
            #expect(try await worklistAccessions().isEmpty)
            let passed = try await record("CT-WATER-MEAN", 1)
            #expect(passed.status == .created && passed.json?["value"]?["changedRoomStatus"] == .bool(true))
            #expect(try await worklistAccessions().count == 1)
            let history = try await path.api.send(
                .get, "/api/qa/results?roomID=\(ct)&testCode=CT-WATER-MEAN", token: path.roleToken(.manager))
            guard case .array(let results)? = history.json else {
                Issue.record("no results: \(history.text)")
                return
            }
            #expect(
                results.compactMap { if case .string(let g)? = $0["grade"] { g } else { nil } } == [
                    "pass", "suspension", "remedial",
                ])
            let actions = try await AuditRows.actions(database)
            #expect(actions.filter { $0 == "qa.result-recorded" }.count == 4)
            #expect(actions.filter { $0 == "room.status-changed" }.count == 2)
        }
    }

    @Test(
        "A fault goes to engineering and is closed with its downtime; closed faults stay closed",
        arguments: TestEngine.allCases)
    func faultToClosure(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, database in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let xr = seeded.rooms["xr"]?.id.uuidString ?? ""
            let empty = try await path.api.send(
                .post, "/api/faults", token: path.roleToken(.radiographer),
                json: #"{"roomID":"\#(xr)","description":" "}"#)
            #expect(empty.status.code == 422 && empty.problemFields == ["description"], "\(empty.text)")
            let reported = try await path.api.send(
                .post, "/api/faults", token: path.roleToken(.radiographer),
                json: #"{"roomID":"\#(xr)","description":"Detector will not pair","roomOutOfUse":true}"#)
            #expect(reported.status == .created && reported.string("value.status") == "reported", "\(reported.text)")
            let id = reported.string("value.id") ?? ""
            #expect(
                try await path.api.send(
                    .post, "/api/faults/\(id)/engineering", token: path.roleToken(.radiographer),
                    json: #"{"engineeringReference":"ENG-1"}"#
                ).status == .forbidden)
            let sent = try await path.api.send(
                .post, "/api/faults/\(id)/engineering", token: path.roleToken(.manager),
                json: #"{"engineeringReference":"ENG-2026-118"}"#)
            #expect(sent.string("value.status") == "with-engineering", "\(sent.text)")
            let open = try await path.api.send(.get, "/api/faults?open=true", token: path.roleToken(.manager))
            #expect(open.text.contains(id))
            seeded.clock.advance(by: 3 * 3600)
            let closed = try await path.api.send(
                .post, "/api/faults/\(id)/closure", token: path.roleToken(.physicist),
                json: #"{"resolution":"Detector battery replaced"}"#)
            #expect(closed.status == .ok && closed.string("value.status") == "closed", "\(closed.text)")
            let again = try await path.api.send(
                .post, "/api/faults/\(id)/closure", token: path.roleToken(.manager), json: #"{"resolution":"again"}"#)
            #expect(again.status == .conflict)
            let stillOpen = try await path.api.send(.get, "/api/faults?open=true", token: path.roleToken(.manager))
            #expect(stillOpen.json == .array([]))
            let badFilter = try await path.api.send(.get, "/api/faults?open=maybe", token: path.roleToken(.manager))
            #expect(badFilter.status.code == 422 && badFilter.problemFields == ["open"])
            let audit = try await AuditRows.details(database, action: "fault.closed")
            #expect(audit.first?.contains("downtime 180 minutes") == true, "\(audit)")
        }
    }
}

extension AuditRows {
    /// Every audited action, oldest first.
    static func actions(_ database: TestDatabase) async throws -> [String] {
        try query(database, "SELECT action FROM audit_entries ORDER BY sequence")
    }

    /// The details of one action's entries, oldest first.
    static func details(_ database: TestDatabase, action: String) async throws -> [String] {
        try query(database, "SELECT detail FROM audit_entries WHERE action = '\(action)' ORDER BY sequence")
    }
}
