import Foundation
import LightboxDomain
import LightboxTestSupport
import Testing

/// The issue's "Done when" list, through HTTP, on SQLite and PostgreSQL.
@Suite("Pathway rules through the API")
struct PathwayTests {
    @Test(
        "A request missing identifiers gets 422 naming each missing item, and nothing is stored",
        arguments: TestEngine.allCases)
    func requestMissingIdentifiers(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, _ in
            let api = APIClient(client)
            let token = seeded.tokens[.referrer]
            let response = try await api.send(
                .post, "/api/requests", token: token,
                json: """
                    {"identifiers":{"name":{"family":"Khan","given":["Imran"]}},"examCode":"XCHEST",\
                    "clinicalQuestion":"cough","referrerID":"\(seeded.referrer.id)","priority":"routine"}
                    """)
            #expect(response.status == .unprocessableContent)
            #expect(response.headers[.contentType] == "application/problem+json")
            #expect(response.problemType == "https://lightbox.example/problems/request.missing-identifiers")
            for field in [
                "identifiers.dateOfBirth", "identifiers.nhsNumber", "identifiers.hospitalNumber", "identifiers.address",
            ] {
                #expect(response.problemFields.contains(field), "missing \(field) in \(response.problemFields)")
            }
            // A request with no identifiers at all names all five; from an ordering system (which
            // names the referrer) the missing referrer is named too.
            let none = try await api.send(
                .post, "/api/requests", token: seeded.tokens[.integration],
                json: #"{"examCode":"XCHEST","clinicalQuestion":"cough","priority":"routine"}"#)
            #expect(none.status == .unprocessableContent)
            #expect(
                Set(none.problemFields).isSuperset(
                    of: PatientIdentifierKind.allCases.map { "identifiers.\($0.rawValue)" }))
            #expect(none.problemFields.contains("referrerID"))
            // Nothing stored.
            let list = try await api.send(.get, "/api/exams", token: seeded.tokens[.radiographer])
            #expect(list.status == .ok)
            #expect(list.json == .array([]))
        }
    }

    @Test("A support worker cannot justify", arguments: TestEngine.allCases)
    func supportWorkerCannotJustify(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let exam = try await path.request("man", "XCHEST")
            let response = try await path.step(
                exam, "justification", by: path.token("support"), #"{"decision":"accept"}"#, expect: 403)
            #expect(response.problemType == "https://lightbox.example/problems/permission.denied")
            let view = try await path.api.send(.get, "/api/exams/\(exam)", token: path.token("radiographer"))
            #expect(view.string("state") == "requested")
        }
    }

    @Test("An unjustified request cannot be booked", arguments: TestEngine.allCases)
    func unjustifiedCannotBeBooked(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let exam = try await path.request("man", "XCHEST")
            let roomID = seeded.rooms["xr"]?.id.uuidString ?? ""
            let response = try await path.step(
                exam, "booking", by: path.token("support"),
                #"{"roomID":"\#(roomID)","scheduledAt":"2026-03-02T10:00:00Z"}"#, expect: 409)
            #expect(response.problemType == "https://lightbox.example/problems/exam.not-justified")
        }
    }

    @Test("An assistant practitioner cannot start without a supervising radiographer", arguments: TestEngine.allCases)
    func assistantPractitionerNeedsSupervisor(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let exam = try await path.checkedChest(operator: "ap")
            let refused = try await path.step(exam, "start", by: path.token("ap"), expect: 422)
            #expect(refused.problemType == "https://lightbox.example/problems/supervision.required")
            #expect(refused.problemFields == ["supervisorStaffID"])
            let supervisor = seeded.staff["radiographer"]?.id.uuidString ?? ""
            let started = try await path.step(
                exam, "start", by: path.token("ap"), #"{"supervisorStaffID":"\#(supervisor)"}"#)
            #expect(started.string("value.state") == "inProgress")
        }
    }

    @Test("A student cannot start without a supervisor", arguments: TestEngine.allCases)
    func studentNeedsSupervisor(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let exam = try await path.checkedChest(operator: "student")
            let refused = try await path.step(exam, "start", by: path.token("student"), expect: 422)
            #expect(refused.problemType == "https://lightbox.example/problems/supervision.required")
            let supervisor = seeded.staff["radiographer2"]?.id.uuidString ?? ""
            try await path.step(exam, "start", by: path.token("student"), #"{"supervisorStaffID":"\#(supervisor)"}"#)
        }
    }

    @Test("An expired entitlement blocks", arguments: TestEngine.allCases)
    func expiredEntitlementBlocks(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let exam = try await path.request("man", "XCHEST")
            try await path.justify(exam)
            try await path.book(exam)
            try await path.arrive(exam)
            let refused = try await path.step(
                exam, "pause-and-check", by: path.token("expired"),
                "{\(Pathway.identityJSON),\"anatomy\":{\"bodyPartConfirmed\":true},\"equipmentAndSettingsConfirmed\":true}",
                expect: 403)
            #expect(refused.problemType == "https://lightbox.example/problems/entitlement.expired")
        }
    }

    @Test("A start before Pause and Check is complete is refused", arguments: TestEngine.allCases)
    func startBeforePauseAndCheck(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let exam = try await path.request("man", "XCHEST")
            try await path.justify(exam)
            try await path.book(exam)
            try await path.arrive(exam)
            let refused = try await path.api.send(
                .post, "/api/exams/\(exam)/start", token: path.token("radiographer"), json: "{}")
            #expect(refused.status.code >= 400)
            #expect(refused.problemType == "https://lightbox.example/problems/pause-and-check.incomplete")
            // An incomplete checklist is refused too, naming what is missing.
            let incomplete = try await path.step(
                exam, "pause-and-check", by: path.token("radiographer"),
                #"{"identity":{"identifiers":["name"],"methods":[]},"anatomy":{"bodyPartConfirmed":false},"equipmentAndSettingsConfirmed":false}"#,
                expect: 422)
            #expect(incomplete.problemFields.contains("equipmentAndSettingsConfirmed"))
        }
    }

    @Test(
        "Pregnancy 'yes' or 'unsure' blocks unless overridden with a countersignature", arguments: TestEngine.allCases)
    func pregnancyBlocksUnlessOverridden(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let exam = try await path.request("woman", "XABDOM", pregnancy: "unsure")
            try await path.justify(exam)
            try await path.book(exam)
            try await path.arrive(exam)
            func checklist(_ pregnancy: String) -> String {
                "{\(Pathway.identityJSON),\"anatomy\":{\"bodyPartConfirmed\":true},\"pregnancy\":\(pregnancy),\"equipmentAndSettingsConfirmed\":true}"
            }
            for answer in ["yes", "unsure"] {
                let refused = try await path.step(
                    exam, "pause-and-check", by: path.token("radiographer"),
                    checklist(#"{"method":"direct","answer":"\#(answer)"}"#),
                    expect: 422)
                #expect(refused.problemType == "https://lightbox.example/problems/pregnancy.unresolved", "\(answer)")
            }
            // No enquiry at all is refused as well.
            let missing = try await path.step(
                exam, "pause-and-check", by: path.token("radiographer"),
                "{\(Pathway.identityJSON),\"anatomy\":{\"bodyPartConfirmed\":true},\"equipmentAndSettingsConfirmed\":true}",
                expect: 422)
            #expect(missing.problemFields.contains { $0.hasPrefix("pregnancy") })
            // An override without the doctor's countersignature is refused.
            let practitioner = seeded.staff["radiologist"]?.id.uuidString ?? ""
            let unsigned = try await path.step(
                exam, "pause-and-check", by: path.token("radiographer"),
                checklist(
                    #"{"method":"direct","answer":"yes","override":{"practitionerStaffID":"\#(practitioner)","reason":"Urgent"}}"#
                ),
                expect: 422)
            #expect(unsigned.problemFields.contains { $0.contains("countersign") })
            let overridden = try await path.step(
                exam, "pause-and-check", by: path.token("radiographer"),
                checklist(
                    #"{"method":"direct","answer":"yes","override":{"practitionerStaffID":"\#(practitioner)","countersigningDoctorID":"\#(seeded.referrer.id)","reason":"Suspected perforation; benefit outweighs risk"}}"#
                ))
            #expect(overridden.string("value.state") == "checked")
        }
    }

    @Test("Contrast with renal risk factors and no recent eGFR is refused", arguments: TestEngine.allCases)
    func contrastNeedsRecentEGFR(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let exam = try await path.request("elderly", "CCHEST")
            try await path.justify(exam, by: "radiologist")
            try await path.book(exam, room: "ct")
            try await path.arrive(exam)
            func checklist(_ egfr: String) -> String {
                """
                {\(Pathway.identityJSON),"anatomy":{"bodyPartConfirmed":true},"equipmentAndSettingsConfirmed":true,\
                "contrast":{"previousReaction":false,"allergiesOrAsthma":false,"diabetes":false,"renalDisease":false,\
                "knownLowEGFR":false,"onMetformin":false,"agent":"Omnipaque 300","batch":"B1","volumeMillilitres":80\(egfr)}}
                """
            }
            let none = try await path.step(
                exam, "pause-and-check", by: path.token("radiographer"), checklist(""), expect: 422)
            #expect(none.problemType == "https://lightbox.example/problems/contrast.egfr-required")
            let old = Pathway.iso(seeded.clock.now().addingTimeInterval(-200 * 86400))
            let stale = try await path.step(
                exam, "pause-and-check", by: path.token("radiographer"),
                checklist(#","latestEGFR":{"value":72,"measuredAt":"\#(old)"}"#), expect: 422)
            #expect(stale.problemType == "https://lightbox.example/problems/contrast.egfr-required")
            let recent = Pathway.iso(seeded.clock.now().addingTimeInterval(-5 * 86400))
            try await path.step(
                exam, "pause-and-check", by: path.token("radiographer"),
                checklist(#","latestEGFR":{"value":72,"measuredAt":"\#(recent)"}"#))
        }
    }

    @Test("Discharge before the image check is refused", arguments: TestEngine.allCases)
    func dischargeBeforeImageCheck(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let exam = try await path.checkedChest()
            try await path.step(exam, "start", by: path.token("radiographer"))
            try await path.step(
                exam, "completion", by: path.token("radiographer"), #"{"projections":[{"name":"PA","images":1}]}"#)
            let refused = try await path.step(exam, "discharge", by: path.token("radiographer"), expect: 409)
            #expect(refused.problemType == "https://lightbox.example/problems/discharge.images-not-checked")
        }
    }

    @Test("The full journey, every state change in the audit log", arguments: TestEngine.allCases)
    func happyPathIsAudited(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, database in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let exam = try await path.request("man", "XWRIST", laterality: "left")
            try await path.justify(exam)
            try await path.book(exam)
            try await path.arrive(exam)
            try await path.pauseAndCheck(exam, side: "left")
            try await path.step(exam, "start", by: path.token("radiographer"))
            try await path.step(
                exam, "completion", by: path.token("radiographer"),
                #"{"projections":[{"name":"PA","images":1},{"name":"Lateral","images":2}],"exposures":[{"projection":"PA","kilovolts":55,"milliampereSeconds":2,"doseAreaProductGyCm2":0.01}]}"#
            )
            try await path.step(
                exam, "image-check", by: path.token("radiographer2"),
                #"{"diagnostic":true,"rejects":[{"projection":"Lateral","reason":"motion","repeated":true}]}"#)
            let discharged = try await path.step(exam, "discharge", by: path.token("radiographer"))
            #expect(discharged.string("value.state") == "discharged")

            // The patient's record shows the exam; reading it is itself audited.
            let patientID = seeded.patients["man"]?.id.uuidString ?? ""
            let record = try await path.api.send(.get, "/api/patients/\(patientID)", token: path.token("radiographer"))
            #expect(record.status == .ok)
            #expect(record.json?["exams"].map { if case .array(let exams) = $0 { exams.count } else { 0 } } == 1)

            let actions = try await AuditRows.actions(database, examID: exam)
            let expected = [
                "exam.requested", "exam.justified", "exam.booked", "exam.arrived", "exam.checked", "exam.started",
                "exam.completed", "exam.images-checked", "exam.discharged",
            ]
            for action in expected {
                #expect(actions.contains(action), "\(action) missing from the audit log: \(actions)")
            }
            // The same entries through the API (viewAudit), which records that reading as well.
            let audit = try await path.api.send(.get, "/api/audit?examID=\(exam)", token: seeded.tokens[.manager])
            #expect(audit.status == .ok)
            for action in expected { #expect(audit.text.contains("\"action\":\"\(action)\""), "\(action) not served") }
            let refused = try await path.api.send(.get, "/api/audit", token: seeded.tokens[.radiographer])
            #expect(refused.status == .forbidden)
            let reads = try await AuditRows.actions(database, patientID: patientID)
            #expect(reads.contains("patient.read"), "patient.read missing: \(reads)")
            let auditReads = try AuditRows.query(
                database, "SELECT count(*) FROM audit_entries WHERE action = 'audit.read'")
            #expect(auditReads == ["1"])
        }
    }
}
