import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LightboxDomain
import LightboxStore
import LightboxTestSupport
import LightboxWeb
import Testing

/// Incidents through the JSON API on both engines: reported by anyone who works in the department, refused with the
/// fields named and nothing stored, listed by filters for those who read them, investigated, told under the duty of
/// candour, linked to a dose incident (SAUE) case opened from the incident, closed, and exported with and without
/// patient identifiers; and the scheduled jobs' listing.
@Suite("Incident routes")
struct IncidentRoutesTests {
    @Test("Report, list, investigate, tell, open an SAUE case, close and export", arguments: TestEngine.allCases)
    func walk(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, database in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let api = path.api
            let manager = path.roleToken(.manager)
            let patient = try #require(seeded.patients["man"])
            let exam = try await path.request("man", "XKNEEJ", laterality: "left")
            try await path.justify(exam)
            try await path.book(exam)

            let categories = try await api.send(.get, "/api/incident-categories", token: path.token("support"))
            #expect(categories.status == .ok && categories.text.contains(#""code":"fall""#), "\(categories.text)")

            // Refused with every wrong field named; nothing stored.
            let wrong = try await api.send(
                .post, "/api/incidents", token: path.token("radiographer"),
                json:
                    #"{"kind":"incident","category":"coffee","examID":"\#(exam)","whatHappened":"","immediateActions":""}"#
            )
            #expect(wrong.status == .unprocessableContent, "\(wrong.text)")
            #expect(wrong.problemFields == ["category", "whatHappened", "immediateActions"], "\(wrong.text)")
            #expect(try AuditRows.query(database, "SELECT id FROM incidents").isEmpty)

            let reported = try await api.send(
                .post, "/api/incidents", token: path.token("radiographer"),
                json: """
                    {"kind":"incident","category":"wrong-exam","examID":"\(exam)",\
                    "staffIDs":["\(seeded.staff["radiographer"]!.id)"],\
                    "whatHappened":"Imran Khan (943 476 5919, RVJ65919) had the right knee X-rayed, not the left",\
                    "immediateActions":"Stopped after one projection"}
                    """)
            #expect(reported.status == .created, "\(reported.text)")
            let id = try #require(reported.string("value.id"))
            #expect(reported.string("value.patientID") == patient.id.uuidString)
            #expect(reported.string("value.roomID") == seeded.rooms["xr"]?.id.uuidString)
            let fall = try await api.send(
                .post, "/api/incidents", token: path.token("support"),
                json: """
                    {"kind":"near-miss","category":"fall","roomID":"\(seeded.rooms["ct"]!.id)",\
                    "whatHappened":"Wet floor by the CT door","immediateActions":"Sign put out, floor dried"}
                    """)
            #expect(fall.status == .created, "\(fall.text)")
            #expect(try await api.send(.get, "/api/incidents", token: path.token("support")).status == .forbidden)

            let nearMisses = try await api.send(.get, "/api/incidents?kind=near-miss", token: manager)
            #expect(nearMisses.status == .ok)
            #expect(nearMisses.text.contains("Wet floor") && !nearMisses.text.contains(id), "\(nearMisses.text)")
            let badFilter = try await api.send(.get, "/api/incidents?status=open&from=2026-13-01", token: manager)
            #expect(badFilter.status == .unprocessableContent && badFilter.problemFields == ["status", "from"])

            // The investigation, the duty of candour, the dose incident case and the closure.
            let owner = seeded.staff["radiographer2"]!.id
            let investigation = try await api.send(
                .post, "/api/incidents/\(id)/investigation", token: manager,
                json: #"{"ownerStaffID":"\#(owner)","findings":"The side was not checked aloud"}"#)
            #expect(investigation.status == .ok, "\(investigation.text)")
            #expect(investigation.string("value.investigation.ownerName") == "Tom Nguyen")
            let refusedRole = try await api.send(
                .post, "/api/incidents/\(id)/investigation", token: path.token("radiographer"),
                json: #"{"findings":"x"}"#)
            #expect(refusedRole.status == .forbidden)
            let now = Pathway.iso(seeded.clock.now())
            for party in ["referrer", "practitioner"] {
                let contact = try await api.send(
                    .post, "/api/incidents/\(id)/candour-contacts", token: manager,
                    json:
                        #"{"party":"\#(party)","contactedAt":"\#(now)","contactedByStaffID":"\#(owner)","method":"Telephone"}"#
                )
                #expect(contact.status == .created, "\(party): \(contact.text)")
            }
            let early = try await api.send(
                .post, "/api/incidents/\(id)/closure", token: manager, json: #"{"closure":"Learning shared"}"#)
            #expect(early.status == .unprocessableContent && early.problemFields == ["candourNotNeededReason"])
            let saue = try await api.send(
                .post, "/api/incidents/\(id)/saue", token: manager,
                json: """
                    {"exposure":{"kind":"accidental","totalEffectiveDoseMilliSievert":0.01},\
                    "summary":"Right knee X-rayed instead of the left"}
                    """)
            #expect(saue.status == .ok, "\(saue.text)")
            let caseID = try #require(saue.string("value.saueCaseID"))
            let detail = try await api.send(.get, "/api/incidents/\(id)", token: path.token("radiologist"))
            #expect(detail.status == .ok)
            #expect(detail.string("saueCase.id") == caseID && detail.string("patient.id") == patient.id.uuidString)
            #expect(detail.string("saueCase.examID") == exam, "\(detail.text)")
            let closed = try await api.send(
                .post, "/api/incidents/\(id)/closure", token: manager,
                json: #"{"closure":"Learning shared","candourNotNeededReason":"Told at the time; declined a letter"}"#)
            #expect(closed.status == .ok && closed.text.contains(#""closedBy":"role-manager""#), "\(closed.text)")
            let again = try await api.send(
                .post, "/api/incidents/\(id)/investigation", token: manager, json: #"{"findings":"More"}"#)
            #expect(again.status == .conflict, "\(again.text)")
            #expect(try await api.send(.get, "/api/incidents?status=closed", token: manager).text.contains(id))

            // The export: de-identified by default, identifiers only when asked; a wrong option named.
            let nhs = "9434765919"
            let plain = try await api.send(.get, "/api/incidents/export", token: manager)
            #expect(plain.status == .ok && plain.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(plain.text.hasPrefix("Reference,Kind,Category,Status,Occurred"), "\(plain.text)")
            #expect(plain.text.contains("[patient]") && plain.text.contains("Told at the time"), "\(plain.text)")
            let accession = try #require(
                try await api.send(.get, "/api/exams/\(exam)", token: manager).string("accessionNumber"))
            for identifier in [
                "Khan", "Imran", nhs, "943 476 5919", "RVJ65919", "1980-11-02", patient.id.uuidString, accession,
            ] {
                #expect(
                    !plain.text.lowercased().contains(identifier.lowercased()),
                    "\(identifier) in the de-identified export")
            }
            let identifiable = try await api.send(.get, "/api/incidents/export?identifiers=true", token: manager)
            #expect(identifiable.status == .ok && identifiable.text.contains("NHS number"))
            #expect(identifiable.text.contains(nhs) && identifiable.text.contains("Khan"))
            let json = try await api.send(.get, "/api/incidents/export?format=json&kind=near-miss", token: manager)
            #expect(json.status == .ok && json.text.contains("Wet floor") && !json.text.contains("knee"))
            let badOption = try await api.send(.get, "/api/incidents/export?identifiers=maybe", token: manager)
            #expect(badOption.status == .unprocessableContent && badOption.problemFields == ["identifiers"])
            let radiographer = try await api.send(.get, "/api/incidents/export", token: path.token("radiographer"))
            #expect(radiographer.status == .forbidden)
            let exports = try AuditRows.query(
                database, "SELECT detail FROM audit_entries WHERE action = 'incident.exported' ORDER BY sequence")
            #expect(exports.contains { $0.contains("without patient identifiers") })
            #expect(exports.contains { $0.contains("with patient identifiers") })
        }
    }

    @Test(
        "The scheduled jobs: their schedule and last runs for a manager, refused to others",
        arguments: [TestEngine.sqlite])
    func jobs(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let seeded = try await SeededDepartment.create(in: database.database)
            let runs = FluentJobRunRepository(database: database.database)
            let now = seeded.clock.now()
            let claimed = try #require(
                try await runs.claim(
                    job: "staff-expiries", period: "p1", node: "node-a", now: now, leaseUntil: now + 60,
                    maximumAttempts: 3))
            _ = try await runs.finish(
                id: claimed.id, token: claimed.token, status: .succeeded, summary: "0 lapse(s) applied", at: now + 2)
            var environment = seeded.environment()
            environment.jobs = ViewScheduledJobs(
                policy: .default,
                schedules: [
                    JobSchedule(name: "staff-expiries", intervalSeconds: 900, leaseSeconds: 900, maximumAttempts: 3),
                    JobSchedule(name: "qa-compliance", intervalSeconds: 86_400, leaseSeconds: 600, maximumAttempts: 3),
                ], runs: runs)
            let app = Application(router: WebApplication(environment: environment).buildRouter().router)
            try await app.test(.router) { client in
                let api = APIClient(client)
                let list = try await api.send(.get, "/api/jobs", token: seeded.tokens[.manager])
                #expect(list.status == .ok, "\(list.text)")
                guard case .array(let jobs)? = list.json else {
                    Issue.record("not a list: \(list.text)")
                    return
                }
                #expect(jobs.count == 2)
                #expect(jobs.first?["schedule"]?["name"] == .string("staff-expiries"))
                #expect(jobs.first?["lastRun"]?["node"] == .string("node-a"))
                #expect(jobs.first?["lastRun"]?["status"] == .string("succeeded"))
                #expect(jobs.first?["lastRun"]?["summary"] == .string("0 lapse(s) applied"))
                #expect(jobs.first?["lastSucceededAt"] != nil && jobs.last?["lastRun"] == nil)
                let one = try await api.send(.get, "/api/jobs/staff-expiries?limit=5", token: seeded.tokens[.admin])
                #expect(one.status == .ok && one.text.contains("node-a"))
                let unknown = try await api.send(.get, "/api/jobs/nightly-backup", token: seeded.tokens[.manager])
                #expect(unknown.status == .notFound && unknown.text.contains("qa-compliance"))
                let refused = try await api.send(.get, "/api/jobs", token: seeded.tokens[.radiographer])
                #expect(refused.status == .forbidden)
            }
        }
    }
}
