import Foundation
import HTTPTypes
import LightboxDomain
import LightboxTestSupport
import LightboxWeb
import Testing

/// Issue 15 through the JSON API on both engines, with the refusals: recording a contrast reaction
/// and updating a referrer (item 8), booking slots (5), Pause and Check (7), vital signs (1),
/// findings and report alerts (2) and the exposure record (9).
@Suite("Clinical safety routes")
struct SafetyRoutesTests {
    static let contrastChecklist = """
        {\(Pathway.identityJSON),"anatomy":{"bodyPartConfirmed":true},"equipmentAndSettingsConfirmed":true,\
        "contrast":{"previousReaction":false,"allergiesOrAsthma":false,"diabetes":false,"renalDisease":false,\
        "knownLowEGFR":false,"onMetformin":false,"agent":"Omnipaque 300","batch":"B1","volumeMillilitres":80}}
        """

    @Test(
        "A contrast reaction is recorded with severity, treatment and who, and flags the patient",
        arguments: TestEngine.allCases)
    func contrastReaction(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, database in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let exam = try await path.request("man", "CCHEST")
            try await path.justify(exam, by: "radiologist")
            try await path.book(exam, room: "ct")
            try await path.arrive(exam)
            try await path.step(exam, "pause-and-check", by: path.token("radiographer"), Self.contrastChecklist)
            let reaction = #"{"severity":"moderate","description":"Urticaria and wheeze"}"#
            // Before the exam starts no contrast has been given.
            let early = try await path.step(
                exam, "contrast-reactions", by: path.token("radiographer"), reaction, expect: 409)
            #expect(early.problemType == "https://lightbox.example/problems/exam.transition-not-allowed")
            try await path.step(exam, "start", by: path.token("radiographer"))
            // A support worker may not record it; a moderate reaction needs its treatment.
            try await path.step(exam, "contrast-reactions", by: path.token("support"), reaction, expect: 403)
            let untreated = try await path.step(
                exam, "contrast-reactions", by: path.token("radiographer"), reaction, expect: 422)
            #expect(untreated.problemFields == ["treatment"])
            let before = try await path.api.send(
                .get, "/api/patients/\(seeded.patients["man"]?.id.uuidString ?? "")",
                token: path.token("radiographer"))
            #expect(before.text.contains("\"previousContrastReaction\":false"), "\(before.text)")

            let recorded = try await path.step(
                exam, "contrast-reactions", by: path.token("radiographer"),
                #"{"severity":"moderate","description":"Urticaria and wheeze","treatment":"Chlorphenamine 10 mg IV"}"#,
                expect: 201)
            guard case .array(let reactions)? = recorded.json?["value"]?["contrastReactions"],
                let first = reactions.first
            else {
                Issue.record("no contrast reaction in \(recorded.text)")
                return
            }
            #expect(first["severity"] == .string("moderate"), "\(recorded.text)")
            #expect(first["treatment"] == .string("Chlorphenamine 10 mg IV"))
            #expect(first["recordedBy"] == .string(seeded.staff["radiographer"]?.id.uuidString ?? ""))
            let after = try await path.api.send(
                .get, "/api/patients/\(seeded.patients["man"]?.id.uuidString ?? "")",
                token: path.token("radiographer"))
            #expect(after.text.contains("\"previousContrastReaction\":true"), "\(after.text)")
            let actions = try await AuditRows.actions(database, examID: exam)
            #expect(actions.contains("exam.contrast-reaction") && actions.contains("patient.flagged"), "\(actions)")
        }
    }

    @Test(
        "A referrer's scope is changed and withdrawn by a manager; requests then follow it",
        arguments: TestEngine.allCases)
    func updateReferrer(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let referrer = seeded.referrer
            let url = "/api/referrers/\(referrer.id)"
            func body(active: Bool, family: String = "Adeyemi", rules: String = #"[{"modality":"DX"}]"#) -> String {
                """
                {"name":{"family":"\(family)","given":["Tolu"],"prefix":"Dr"},"kind":"doctor",\
                "scope":{"unrestricted":false,"rules":\(rules)},"active":\(active)}
                """
            }
            let radiographer = try await path.api.send(
                .put, url, token: path.roleToken(.radiographer), json: body(active: true))
            #expect(radiographer.status == .forbidden)
            let incomplete = try await path.api.send(
                .put, url, token: path.roleToken(.manager), json: body(active: true, family: " ", rules: "[]"))
            #expect(incomplete.status == .unprocessableContent, "\(incomplete.text)")
            #expect(Set(incomplete.problemFields) == ["name.family", "scope"])
            let unknown = try await path.api.send(
                .put, "/api/referrers/\(UUID())", token: path.roleToken(.manager), json: body(active: true))
            #expect(unknown.status == .notFound)
            // Unchanged so far: a CT request is still in scope.
            _ = try await path.request("man", "CCHEST")

            let narrowed = try await path.api.send(
                .put, url, token: path.roleToken(.manager), json: body(active: true))
            #expect(narrowed.status == .ok, "\(narrowed.text)")
            let outOfScope = try await path.api.send(
                .post, "/api/requests", token: path.roleToken(.referrer),
                json: """
                    {"identifiers":\(path.identifiersJSON("man")),"examCode":"CCHEST",\
                    "clinicalQuestion":"? PE","priority":"urgent"}
                    """)
            #expect(outOfScope.status == .unprocessableContent, "\(outOfScope.text)")
            #expect(outOfScope.problemType == "https://lightbox.example/problems/request.referrer-out-of-scope")

            let withdrawn = try await path.api.send(
                .put, url, token: path.roleToken(.manager), json: body(active: false))
            #expect(withdrawn.status == .ok)
            let refused = try await path.api.send(
                .post, "/api/requests", token: path.roleToken(.referrer),
                json: """
                    {"identifiers":\(path.identifiersJSON("man")),"examCode":"XCHEST",\
                    "clinicalQuestion":"? consolidation","priority":"routine"}
                    """)
            #expect(refused.problemType == "https://lightbox.example/problems/request.referrer-out-of-scope")
        }
    }

    @Test(
        "Booking in the past, outside the service hours or in a taken slot is refused with its reason",
        arguments: TestEngine.allCases)
    func bookingRefusals(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let roomID = seeded.rooms["xr"]?.id.uuidString ?? ""
            func booking(_ at: String) -> String { #"{"roomID":"\#(roomID)","scheduledAt":"\#(at)"}"# }
            let first = try await path.request("man", "XCHEST")
            try await path.justify(first)
            let second = try await path.request("elderly", "XCHEST")
            try await path.justify(second)
            // The seeded clock is 2026-03-02 09:00 UTC (GMT in London).
            let past = try await path.step(
                first, "booking", by: path.token("support"), booking("2026-03-02T08:30:00Z"), expect: 422)
            #expect(past.problemType == "https://lightbox.example/problems/booking.in-past")
            let late = try await path.step(
                first, "booking", by: path.token("support"), booking("2026-03-02T19:55:00Z"), expect: 422)
            #expect(late.problemType == "https://lightbox.example/problems/booking.outside-service-hours")
            #expect(late.problemFields == ["scheduledAt"])
            try await path.step(first, "booking", by: path.token("support"), booking("2026-03-02T11:00:00Z"))
            let taken = try await path.step(
                second, "booking", by: path.token("support"), booking("2026-03-02T11:05:00Z"), expect: 409)
            #expect(taken.problemType == "https://lightbox.example/problems/booking.slot-taken")
            let view = try await path.api.send(.get, "/api/exams/\(second)", token: path.token("radiographer"))
            #expect(view.string("state") == "justified")
            try await path.step(second, "booking", by: path.token("support"), booking("2026-03-02T11:15:00Z"))
        }
    }

    @Test(
        "Pause and Check through the API: a student names a supervisor; the enquiry says how it was asked",
        arguments: TestEngine.allCases)
    func pauseAndCheckRecordsHowAndWho(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let chest = try await path.request("man", "XCHEST")
            try await path.justify(chest)
            try await path.book(chest)
            try await path.arrive(chest)
            let plain =
                "{\(Pathway.identityJSON),\"anatomy\":{\"bodyPartConfirmed\":true},\"equipmentAndSettingsConfirmed\":true"
            let unsupervised = try await path.step(
                chest, "pause-and-check", by: path.token("student"), plain + "}", expect: 422)
            #expect(unsupervised.problemType == "https://lightbox.example/problems/supervision.required")
            let supervisor = seeded.staff["radiographer2"]?.id.uuidString ?? ""
            let checked = try await path.step(
                chest, "pause-and-check", by: path.token("student"),
                plain + ",\"supervisorStaffID\":\"\(supervisor)\"}")
            #expect(checked.string("value.pauseAndCheck.supervisedBy") == supervisor)

            let pelvis = try await path.request("woman", "XPELVI", pregnancy: "no")
            try await path.justify(pelvis)
            try await path.book(pelvis)
            try await path.arrive(pelvis)
            let noMethod = try await path.step(
                pelvis, "pause-and-check", by: path.token("radiographer"),
                plain + ",\"pregnancy\":{\"answer\":\"no\"}}", expect: 422)
            #expect(noMethod.problemType == "https://lightbox.example/problems/pregnancy.enquiry-required")
            #expect(noMethod.problemFields == ["pregnancy.method"])
            let asked = try await path.step(
                pelvis, "pause-and-check", by: path.token("radiographer"),
                plain + ",\"pregnancy\":{\"method\":\"parentOrGuardian\",\"answer\":\"no\"}}")
            #expect(asked.string("value.pauseAndCheck.pregnancy.method") == "parentOrGuardian")
        }
    }

    @Test(
        "Observations out of range alert the supervising radiographer until acknowledged, through the API",
        arguments: TestEngine.allCases)
    func vitalSignsAlertThroughTheAPI(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, database in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let exam = try await path.checkedChest()
            try await path.step(exam, "start", by: path.token("radiographer"))
            let at = Pathway.iso(seeded.clock.now())
            let implausible = try await path.step(
                exam, "vital-signs", by: path.token("radiographer"),
                #"{"vitalSigns":{"pulse":900,"measuredAt":"\#(at)"}}"#, expect: 422)
            #expect(implausible.problemFields == ["vitalSigns.pulse"])
            let recorded = try await path.step(
                exam, "vital-signs", by: path.token("radiographer"),
                #"{"vitalSigns":{"pulse":124,"systolicPressure":118,"oxygenSaturation":97,"measuredAt":"\#(at)"}}"#,
                expect: 201)
            guard case .array(let alerts)? = recorded.json?["value"]?["vitalSignsAlerts"],
                case .string(let alertID)? = alerts.first?["id"]
            else {
                Issue.record("no alert in \(recorded.text)")
                return
            }
            let open = try await path.api.send(.get, "/api/alerts", token: path.token("radiographer"))
            #expect(open.status == .ok)
            #expect(open.text.contains(#""kind":"vitalSigns""#) && open.text.contains(exam), "\(open.text)")
            let acknowledgement = "vital-signs-alerts/\(alertID)/acknowledgement"
            try await path.step(exam, acknowledgement, by: path.token("support"), expect: 403)
            try await path.step(
                exam, acknowledgement, by: path.token("radiographer2"), #"{"action":"Medical team called"}"#)
            try await path.step(exam, acknowledgement, by: path.token("radiographer2"), expect: 409)
            let after = try await path.api.send(.get, "/api/alerts", token: path.token("radiographer"))
            #expect(after.json == .array([]))
            let actions = try await AuditRows.actions(database, examID: exam)
            #expect(
                actions.contains("exam.vital-signs-alert") && actions.contains("exam.vital-signs-alert-acknowledged"))
        }
    }

    @Test(
        "A flagged finding, a report's alert and the referrer's acknowledgement, through the API",
        arguments: TestEngine.allCases)
    func reportAlertThroughTheAPI(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, database in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            try await ReportTests.entitleRadiologistToReport(seeded)
            let exam = try await path.checkedChest()
            try await path.step(exam, "start", by: path.token("radiographer"))
            try await path.step(exam, "finding-flags", by: path.token("support"), #"{"note":"?"}"#, expect: 403)
            let flagged = try await path.step(
                exam, "finding-flags", by: path.token("radiographer"),
                #"{"note":"? pneumothorax left apex","suggestedCategory":"critical"}"#, expect: 201)
            #expect(flagged.text.contains("pneumothorax"))
            try await path.step(
                exam, "completion", by: path.token("radiographer"), #"{"projections":[{"name":"PA","images":1}]}"#)
            try await path.step(exam, "image-check", by: path.token("radiographer2"), #"{"diagnostic":true}"#)
            try await path.step(exam, "discharge", by: path.token("radiographer"))
            try await path.step(
                exam, "report", by: path.token("radiologist"),
                #"{"text":"Large left pneumothorax.","alert":"critical"}"#)
            try await path.step(exam, "report/verification", by: path.token("radiologist"))
            let open = try await path.api.send(.get, "/api/alerts", token: path.roleToken(.manager))
            #expect(open.text.contains(#""kind":"reportAlert""#) && open.text.contains(#""category":"critical""#))
            // Not the radiologist's to acknowledge: the referrer's team does.
            let radiologist = try await path.step(
                exam, "report/alert-acknowledgement", by: path.roleToken(.radiologist), expect: 403)
            #expect(radiologist.problemType == "https://lightbox.example/problems/request.referrer-not-own")
            let acknowledged = try await path.step(
                exam, "report/alert-acknowledgement", by: path.roleToken(.referrer), #"{"action":"Patient recalled"}"#)
            #expect(acknowledged.string("value.report.alertAcknowledgedBy") == "role-referrer")
            let after = try await path.api.send(.get, "/api/alerts", token: path.roleToken(.manager))
            #expect(after.json == .array([]))
            let actions = try await AuditRows.actions(database, examID: exam)
            #expect(actions.contains("exam.finding-flagged") && actions.contains("report.alert-acknowledged"))
        }
    }

    @Test(
        "The exposure record as JSON, a printable page and CSV, escaped, through the API",
        arguments: TestEngine.allCases)
    func exposureRecordThroughTheAPI(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, database in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let exam = try await path.checkedChest()
            let url = "/api/exams/\(exam)/exposure-record"
            let early = try await path.api.send(.get, url, token: path.token("radiographer"))
            #expect(early.status == .conflict)
            try await path.step(exam, "start", by: path.token("radiographer"))
            try await path.step(
                exam, "completion", by: path.token("radiographer"),
                #"{"projections":[{"name":"PA","images":1}],"exposures":[{"projection":"PA","kilovolts":110,"milliampereSeconds":2.5,"referenceAirKermaMilligray":0.4}],"equipment":"Siemens <Ysio>, serial 1, \"A\""}"#
            )
            let json = try await path.api.send(.get, url, token: path.token("radiographer"))
            #expect(json.status == .ok)
            #expect(json.headers[.contentType] == "application/json")
            #expect(
                json.text.contains(#""key":"referenceAirKerma""#) && json.text.contains("PA: 0.4 mGy"), "\(json.text)")

            let page = try await path.api.send(.get, url + "?format=html", token: path.token("radiographer"))
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.text.hasPrefix("<!DOCTYPE html>"))
            #expect(page.text.contains("Siemens &lt;Ysio&gt;, serial 1, &quot;A&quot;"), "\(page.text)")
            #expect(!page.text.contains("<Ysio>") && !page.text.contains("<script"))

            var headers = HTTPFields()
            headers[.authorization] = "Bearer \(path.token("radiographer"))"
            headers[.accept] = "text/csv"
            let csv = try await path.api.send(.get, url, headers: headers, body: nil)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            let table = try CSVTable(parsing: csv.text, maxRows: 100)
            #expect(table.header == ["key", "item", "value"])
            #expect(table.rows.map { $0.fields[0] } == ExposureRecord.keys)
            #expect(table.rows.first { $0.fields[0] == "equipment" }?.fields[2] == "Siemens <Ysio>, serial 1, \"A\"")

            let bad = try await path.api.send(.get, url + "?format=pdf", token: path.token("radiographer"))
            #expect(bad.status == .unprocessableContent)
            let admin = try await path.api.send(.get, url, token: path.roleToken(.admin))
            #expect(admin.status == .forbidden)
            let actions = try await AuditRows.actions(database, examID: exam)
            #expect(actions.filter { $0 == "exam.exposure-record.read" }.count == 3, "\(actions)")
        }
    }
}
