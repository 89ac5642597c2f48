import Foundation
import LightboxDomain
import LightboxTestSupport
import Testing

/// Steps of the journey driven through HTTP, for the tests.
struct Pathway {
    let seeded: SeededDepartment
    let api: APIClient

    func token(_ person: String) -> String { seeded.personTokens[person] ?? "" }
    func roleToken(_ role: AccessRole) -> String { seeded.tokens[role] ?? "" }

    static func iso(_ date: Date) -> String { date.formatted(.iso8601) }

    /// Full identifiers of a seeded patient, as JSON.
    func identifiersJSON(_ patientKey: String) -> String {
        guard let patient = seeded.patients[patientKey] else { return "{}" }
        let given = patient.name.given.first ?? ""
        return """
            {"name":{"family":"\(patient.name.family)","given":["\(given)"]},\
            "dateOfBirth":"\(patient.dateOfBirth?.iso ?? "")","nhsNumber":"\(patient.nhsNumber?.digits ?? "")"}
            """
    }

    /// Creates a request and returns the exam id.
    func request(
        _ patientKey: String, _ code: String, laterality: String? = nil, pregnancy: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String {
        var extra = ""
        if let laterality { extra += ",\"laterality\":\"\(laterality)\"" }
        if let pregnancy { extra += ",\"pregnancyStatus\":\"\(pregnancy)\"" }
        let response = try await api.send(
            .post, "/api/requests", token: roleToken(.referrer),
            json: """
                {"identifiers":\(identifiersJSON(patientKey)),"examCode":"\(code)",\
                "clinicalQuestion":"? fracture","referrerID":"\(seeded.referrer.id)","priority":"routine"\(extra)}
                """)
        #expect(response.status == .created, "create request: \(response.text)", sourceLocation: sourceLocation)
        return response.string("value.id") ?? ""
    }

    @discardableResult
    func step(
        _ exam: String, _ action: String, by token: String, _ json: String = "{}",
        expect status: HTTPResponseStatusCode = 200,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> APIResponse {
        let response = try await api.send(.post, "/api/exams/\(exam)/\(action)", token: token, json: json)
        #expect(Int(response.status.code) == status, "\(action): \(response.text)", sourceLocation: sourceLocation)
        return response
    }

    func justify(_ exam: String, by person: String = "radiographer") async throws {
        try await step(exam, "justification", by: token(person), #"{"decision":"accept"}"#)
    }

    func book(_ exam: String, room: String = "xr") async throws {
        let roomID = seeded.rooms[room]?.id.uuidString ?? ""
        let at = Self.iso(try await nextSlot(room: room))
        try await step(exam, "booking", by: token("support"), #"{"roomID":"\#(roomID)","scheduledAt":"\#(at)"}"#)
    }

    func arrive(_ exam: String) async throws {
        try await step(exam, "arrival", by: token("support"))
    }

    /// The first free 15-minute slot in the room from an hour from now (read straight from the
    /// store, so the reading is not audited), so that exams booked in one test never clash.
    func nextSlot(room: String) async throws -> Date {
        guard let roomID = seeded.rooms[room]?.id else { return seeded.clock.now() }
        let taken = try await seeded.store.transaction { unit in
            try await unit.exams.list(ExamQuery(roomID: roomID, limit: 1000)).compactMap(\.booking?.scheduledAt)
        }
        let first = seeded.clock.now().addingTimeInterval(3600)
        return max(first, (taken.max() ?? first).addingTimeInterval(15 * 60))
    }

    static let identityJSON =
        #""identity":{"identifiers":["name","dateOfBirth","nhsNumber"],"methods":["verbal","wristband"]}"#

    func pauseAndCheck(_ exam: String, by person: String = "radiographer", side: String? = nil) async throws {
        let anatomy =
            side.map { #""anatomy":{"bodyPartConfirmed":true,"side":"\#($0)"}"# }
            ?? #""anatomy":{"bodyPartConfirmed":true}"#
        // A student records the check under a named supervisor.
        let supervisor =
            person == "student"
            ? ",\"supervisorStaffID\":\"\(seeded.staff["radiographer2"]?.id.uuidString ?? "")\"" : ""
        try await step(
            exam, "pause-and-check", by: token(person),
            "{\(Self.identityJSON),\(anatomy),\"equipmentAndSettingsConfirmed\":true\(supervisor)}")
    }

    /// Requested → … → checked (Pause and Check done) for a chest X-ray of the man.
    func checkedChest(patient: String = "man", operator person: String = "radiographer") async throws -> String {
        let exam = try await request(patient, "XCHEST")
        try await justify(exam)
        try await book(exam)
        try await arrive(exam)
        try await pauseAndCheck(exam, by: person)
        return exam
    }
}

typealias HTTPResponseStatusCode = Int
