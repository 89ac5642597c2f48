import Foundation
import LightboxTestSupport
import Testing

/// A running `lightbox serve` with a small department set up as a user would: accounts made with
/// `lightbox user add`, then rooms (with station AE titles), catalogue, staff, entitlements, a
/// referrer and patients through the JSON API, and exams requested, justified and booked through it.
final class WorklistDepartment: @unchecked Sendable {
    let server: ArchiveServer
    var manager = ""
    var integration = ""
    var radiologist = ""
    var radiographer = ""
    var rooms: [String: String] = [:]
    var referrerID = ""
    var performerID = ""

    /// A booked exam as the test knows it (everything the worklist item carries).
    struct Booked: Sendable {
        var id: String
        var accession: String
        var studyUID: String
        var patient: Patient
        var code: String
        var name: String
        var modality: String
        var room: String
        var aeTitle: String
        var date: String
        var time: String
        var performer: String
        var priority: String
        var question: String
    }

    struct Patient: Sendable {
        var family: String
        var given: String
        var hospitalNumber: String
        var nhs: String
        var birthDate: String
        var sex: String
    }

    static let roomList: [(key: String, name: String, modality: String, ae: String)] = [
        ("xr", "X-ray 1", "DX", "LBXR1"), ("ct", "CT 1", "CT", "LBCT1"),
    ]

    init(peers: [String: String], environment: [String: String] = [:]) async throws {
        server = try await ArchiveServer(peers: peers, environment: environment)
        manager = try addUser("mgr", role: "manager")
        integration = try addUser("ris", role: "integration")
        try post(
            "/api/catalogue", manager,
            #"{"entries":[{"code":"XCHEST","name":"XR Chest PA","modality":"DX","bodyRegion":"chest","projections":["PA"],"pregnancyRelevant":false},{"code":"CHEADN","name":"CT Head","modality":"CT","bodyRegion":"head","projections":["Axial"],"pregnancyRelevant":false}]}"#
        )
        for room in Self.roomList {
            let added = try post(
                "/api/rooms", manager,
                #"{"name":"\#(room.name)","modality":"\#(room.modality)","aeTitle":"\#(room.ae)"}"#,
                expect: 201)
            rooms[room.key] = try Self.string(added, "value", "id")
        }
        referrerID = try Self.string(
            try post(
                "/api/referrers", manager,
                #"{"name":{"family":"Adeyemi","given":["Tolu"],"prefix":"Dr"},"kind":"doctor","registrationNumber":"GMC7000111","scope":{"unrestricted":true,"rules":[]}}"#,
                expect: 201), "value", "id")
        let doc = try staff("Shah", "Priya", "radiologist")
        let rad = try staff("Okafor", "Grace", "radiographer")
        performerID = rad
        for (member, duty, modality) in [(doc, "justify", "DX"), (doc, "justify", "CT"), (rad, "operate", "DX")] {
            try post(
                "/api/entitlements", manager,
                #"{"staffID":"\#(member)","duty":"\#(duty)","scope":{"modality":"\#(modality)"},"starts":"2020-01-01T00:00:00Z","expires":"2040-01-01T00:00:00Z","trainingEvidence":"On file"}"#,
                expect: 201)
        }
        radiologist = try addUser("doc", role: "radiologist", staffID: doc)
        radiographer = try addUser("rad", role: "radiographer", staffID: rad)
    }

    func stop() async { await server.stop() }

    /// `lightbox user add` on the server's data; the token is the last line printed.
    func addUser(_ username: String, role: String, staffID: String? = nil) throws -> String {
        var arguments = ["user", "add", username, "--role", role, "--data", server.data.path]
        if let staffID { arguments += ["--staff-id", staffID] }
        let result = try server.lightbox.run(arguments, environment: ArchiveServer.quiet)
        guard result.status == 0, let token = result.lines.last else {
            throw Failure("user add \(username): \(result.standardError)")
        }
        return token
    }

    func staff(_ family: String, _ given: String, _ profession: String) throws -> String {
        try Self.string(
            try post(
                "/api/staff", manager,
                #"{"name":{"family":"\#(family)","given":["\#(given)"]},"profession":"\#(profession)","registration":{"body":"HCPC","number":"RA\#(family)","expires":"2040-01-01T00:00:00Z"}}"#,
                expect: 201), "value", "id")
    }

    /// Registers the patient, then requests, justifies and books `code` in `room` at `at` (ISO 8601, UTC).
    func book(
        _ patient: Patient, code: String, room: String, at: String, priority: String = "routine",
        performer: Bool = false, question: String = "Cough for six weeks"
    ) throws -> Booked {
        let registered = try post(
            "/api/patients", manager,
            #"{"nhsNumber":"\#(patient.nhs)","hospitalNumbers":[{"value":"\#(patient.hospitalNumber)","issuingAuthority":"RXH"}],"name":{"family":"\#(patient.family)","given":["\#(patient.given)"]},"dateOfBirth":"\#(patient.birthDate)","sex":"\#(patient.sex)","address":{"lines":["1 High Street"],"postcode":"EX1 1AA"}}"#,
            expect: 201)
        let patientID = try Self.string(registered, "value", "id")
        let requested = try post(
            "/api/requests", integration,
            #"{"patientID":"\#(patientID)","identifiers":{"name":{"family":"\#(patient.family)","given":["\#(patient.given)"]},"dateOfBirth":"\#(patient.birthDate)","nhsNumber":"\#(patient.nhs)"},"examCode":"\#(code)","clinicalQuestion":"\#(question)","referrerID":"\#(referrerID)","priority":"\#(priority)"}"#,
            expect: 201)
        let examID = try Self.string(requested, "value", "id")
        try post("/api/exams/\(examID)/justification", radiologist, #"{"decision":"accept"}"#)
        let performerJSON = performer ? #","performingStaffID":"\#(performerID)""# : ""
        let booked = try post(
            "/api/exams/\(examID)/booking", integration,
            #"{"roomID":"\#(rooms[room] ?? "")","scheduledAt":"\#(at)"\#(performerJSON)}"#)
        let info = Self.roomList.first { $0.key == room }!
        let digits = at.filter(\.isNumber)
        return Booked(
            id: examID, accession: try Self.string(booked, "value", "accessionNumber"),
            studyUID: try Self.string(booked, "value", "studyInstanceUID"), patient: patient, code: code,
            name: code == "XCHEST" ? "XR Chest PA" : "CT Head", modality: info.modality, room: info.name,
            aeTitle: info.ae, date: String(digits.prefix(8)), time: String(digits.dropFirst(8).prefix(6)),
            performer: performer ? "Okafor^Grace" : "",
            priority: ["emergency": "STAT", "routine": "ROUTINE"][priority] ?? "HIGH", question: question)
    }

    // MARK: HTTP through curl, as an administrator's script would

    @discardableResult
    func post(_ path: String, _ token: String, _ json: String, expect: Int = 200) throws -> [String: Any] {
        try send("POST", path, token, json, expect: expect)
    }

    func get(_ path: String, _ token: String) throws -> Any {
        let (status, body) = try curl("GET", path, token, nil)
        guard status == 200 else { throw Failure("GET \(path): \(status) \(body)") }
        return try JSONSerialization.jsonObject(with: Data(body.utf8))
    }

    @discardableResult
    func send(_ method: String, _ path: String, _ token: String, _ json: String, expect: Int = 200) throws
        -> [String: Any]
    {
        let (status, body) = try curl(method, path, token, json)
        guard status == expect else { throw Failure("\(method) \(path): \(status) \(body)") }
        return (try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]) ?? [:]
    }

    private func curl(_ method: String, _ path: String, _ token: String, _ json: String?) throws -> (Int, String) {
        var arguments = [
            "-s", "-X", method, "-H", "Authorization: Bearer \(token)", "-w", "\n%{http_code}",
            "http://127.0.0.1:\(server.httpPort)\(path)",
        ]
        if let json { arguments += ["-H", "Content-Type: application/json", "--data-binary", json] }
        let result = try ExternalProgram(path: "/usr/bin/curl").run(arguments, timeout: 60)
        let lines = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
        return (Int(lines.last ?? "") ?? 0, lines.dropLast().joined(separator: "\n"))
    }

    static func string(_ object: [String: Any], _ path: String...) throws -> String {
        var node: Any? = object
        for key in path { node = (node as? [String: Any])?[key] }
        guard let value = node as? String else { throw Failure("no \(path.joined(separator: ".")) in \(object)") }
        return value
    }
}
