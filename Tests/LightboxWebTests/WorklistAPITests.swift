import Foundation
import LightboxDomain
import LightboxTestSupport
import LightboxWeb
import Testing

/// The worklist, the re-book list, starts outside the pathway and the room's AE title through HTTP, on
/// SQLite and PostgreSQL.
@Suite("Worklist through the API")
struct WorklistAPITests {
    /// `member` (a dotted path) of each element of a JSON array body.
    static func values(_ response: APIResponse, _ member: String) -> [String] {
        guard case .array(let elements)? = response.json else { return [] }
        return elements.compactMap { element in
            var node: JSONValue? = element
            for key in member.split(separator: ".") { node = node?[String(key)] }
            if case .string(let value)? = node { return value }
            return nil
        }
    }

    @Test("A room's AE title is set by a manager; the worklist answers for it", arguments: TestEngine.allCases)
    func aeTitleAndWorklist(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let room = seeded.rooms["xr"]?.id.uuidString ?? ""
            let manager = path.roleToken(.manager)
            let refused = try await path.api.send(
                .put, "/api/rooms/\(room)/ae-title", token: path.token("radiographer"), json: #"{"aeTitle":"XR1"}"#)
            #expect(refused.status == .forbidden)
            let bad = try await path.api.send(
                .put, "/api/rooms/\(room)/ae-title", token: manager, json: #"{"aeTitle":"MUCH_TOO_LONG_AE_TITLE"}"#)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.problemFields == ["aeTitle"])
            let set = try await path.api.send(
                .put, "/api/rooms/\(room)/ae-title", token: manager, json: #"{"aeTitle":"XR1"}"#)
            #expect(set.status == .ok, "\(set.text)")
            #expect(set.string("value.aeTitle") == "XR1")

            let exam = try await path.request("man", "XCHEST")
            try await path.justify(exam)
            try await path.book(exam)
            let worklist = try await path.api.send(
                .get, "/api/worklist?stationAETitle=XR1", token: path.token("radiographer"))
            #expect(worklist.status == .ok, "\(worklist.text)")
            #expect(Self.values(worklist, "exam.id") == [exam])
            #expect(Self.values(worklist, "exam.studyInstanceUID").first?.hasPrefix("2.25.") == true)
            #expect(Self.values(worklist, "room.aeTitle") == ["XR1"])
            let other = try await path.api.send(
                .get, "/api/worklist?stationAETitle=CT1", token: path.token("radiographer"))
            #expect(Self.values(other, "exam.id") == [])
            let wrong = try await path.api.send(.get, "/api/worklist?modality=XX", token: path.token("radiographer"))
            #expect(wrong.status == .unprocessableContent)
        }
    }

    @Test(
        "A suspended room's exams leave both worklists at once and are listed to re-book",
        arguments: TestEngine.allCases)
    func suspendedRoom(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let exam = try await path.request("man", "XCHEST")
            try await path.justify(exam)
            try await path.book(exam)
            let radiographer = path.token("radiographer")
            #expect(
                Self.values(try await path.api.send(.get, "/api/worklist", token: radiographer), "exam.id") == [exam])
            let listed = try await path.api.send(.get, "/api/exams?worklist=true", token: radiographer)
            #expect(Self.values(listed, "id") == [exam])

            let room = seeded.rooms["xr"]?.id.uuidString ?? ""
            let suspend = try await path.api.send(
                .put, "/api/rooms/\(room)/status", token: path.roleToken(.manager),
                json: #"{"status":"suspended","reason":"Generator fault"}"#)
            #expect(suspend.status == .ok, "\(suspend.text)")
            #expect(Self.values(try await path.api.send(.get, "/api/worklist", token: radiographer), "exam.id") == [])
            #expect(
                Self.values(try await path.api.send(.get, "/api/exams?worklist=true", token: radiographer), "id") == [])
            let toRebook = try await path.api.send(.get, "/api/worklist/to-rebook", token: path.token("support"))
            #expect(toRebook.status == .ok)
            #expect(Self.values(toRebook, "exam.id") == [exam])
            #expect(Self.values(toRebook, "room.statusReason") == ["Generator fault"])
        }
    }

    @Test(
        "An exam started outside the pathway is listed until a radiographer resolves it", arguments: TestEngine.allCases
    )
    func outsidePathway(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let exam = try await path.request("man", "XCHEST")
            try await path.justify(exam)
            try await path.book(exam)
            let view = try await path.api.send(.get, "/api/exams/\(exam)", token: path.token("radiographer"))
            let modality = Actor(staffID: nil, username: "dicom:XR1", role: .integration, door: .dicom)
            _ = try await seeded.department.startExam.fromModality(
                ModalityStart(
                    sopInstanceUID: "1.2.826.0.1.3680043.10.543.5", stationAETitle: "XR1",
                    accessionNumber: view.string("accessionNumber")),
                by: modality)
            let open = try await path.api.send(.get, "/api/worklist/outside-pathway", token: path.token("radiographer"))
            #expect(open.status == .ok)
            #expect(Self.values(open, "id") == [exam])
            #expect(Self.values(open, "state") == ["inProgress"])
            try await path.step(
                exam, "outside-pathway/resolution", by: path.token("support"), #"{"resolution":"ok"}"#, expect: 403)
            try await path.step(
                exam, "outside-pathway/resolution", by: path.token("radiographer"), #"{"resolution":" "}"#, expect: 422)
            let resolved = try await path.step(
                exam, "outside-pathway/resolution", by: path.token("radiographer"),
                #"{"resolution":"Identity, side and pregnancy confirmed with the patient after the exposure."}"#)
            #expect(resolved.string("value.outsidePathway.resolution")?.hasPrefix("Identity") == true)
            let after = try await path.api.send(
                .get, "/api/worklist/outside-pathway", token: path.token("radiographer"))
            #expect(Self.values(after, "id") == [])
            try await path.step(exam, "discontinuation", by: path.token("radiographer"), #"{"reason":""}"#, expect: 422)
            let stopped = try await path.step(
                exam, "discontinuation", by: path.token("radiographer"), #"{"reason":"Patient felt faint"}"#)
            #expect(stopped.string("value.state") == "discontinued")
        }
    }
}
