import Foundation
import LightboxDomain
import LightboxTestSupport
import Testing

/// Issue 17, staff records through the JSON API on both engines: training and competencies whose lapse the
/// scheduled expiry job turns into removed entitlements (and a refused start), the supervised-practice log and
/// its sign-off, CPD and appraisals, with their audit and notices.
@Suite("Staff record routes")
struct StaffRecordRoutesTests {
    static let day: TimeInterval = 86_400

    static func iso(_ date: Date) -> String { Pathway.iso(date) }

    @Test(
        "Expired IR(ME)R training removes the entitlements it underpins and then blocks a start, with notices and audit",
        arguments: TestEngine.allCases)
    func expiredTrainingBlocksStart(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, database in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let manager = path.roleToken(.manager)
            let radiographer = try #require(seeded.staff["radiographer"])
            let now = seeded.clock.now()
            let recorded = try await path.api.send(
                .post, "/api/training", token: manager,
                json: """
                    {"staffID":"\(radiographer.id)","course":"irmer","completedOn":"\(Self.iso(now - 364 * Self.day))",\
                    "expires":"\(Self.iso(now + 3600))","evidence":"IR(ME)R e-learning certificate 4471"}
                    """)
            #expect(recorded.status == .created, "\(recorded.text)")
            let recordID = try #require(recorded.string("value.id"))
            // A course renewed in time is not a lapse: Tom's old record expires but a current one remains.
            let other = try #require(seeded.staff["radiographer2"])
            for (completed, expires) in [(now - 700 * Self.day, now + 1800), (now - Self.day, now + 300 * Self.day)] {
                let response = try await path.api.send(
                    .post, "/api/training", token: manager,
                    json: """
                        {"staffID":"\(other.id)","course":"irmer","completedOn":"\(Self.iso(completed))",\
                        "expires":"\(Self.iso(expires))","evidence":"certificate"}
                        """)
                #expect(response.status == .created, "\(response.text)")
            }

            let exam = try await path.checkedChest()
            let modalityExam = try await path.checkedChest(patient: "elderly")
            // Before the expiry the job finds nothing to do.
            var run = try await path.api.send(.post, "/api/staff-expiries/run", token: manager)
            #expect(run.status == .ok, "\(run.text)")
            #expect(run.json?["value"]?["revokedEntitlements"] == .array([]), "\(run.text)")

            seeded.clock.advance(by: 2 * 3600)
            run = try await path.api.send(.post, "/api/staff-expiries/run", token: manager)
            #expect(run.status == .ok, "\(run.text)")
            guard case .array(let revoked)? = run.json?["value"]?["revokedEntitlements"] else {
                Issue.record("no revoked list: \(run.text)")
                return
            }
            // Grace held justify, perform and check DX, perform and check CT: all rest on IR(ME)R training.
            #expect(revoked.count == 5, "\(run.text)")

            let refused = try await path.step(exam, "start", by: path.token("radiographer"), expect: 403)
            #expect(refused.problemType == "https://lightbox.example/problems/entitlement.expired", "\(refused.text)")
            #expect(refused.text.contains("IR(ME)R") || refused.text.contains("expired"), "\(refused.text)")
            // The MPPS door runs the same start: the modality has exposed the patient, so the start is taken but
            // flagged outside the pathway with the removed entitlement named, for a radiographer to resolve.
            let accession = try #require(
                try await path.api.send(.get, "/api/exams/\(modalityExam)", token: path.token("radiographer2"))
                    .string("accessionNumber"))
            let modality = Actor(staffID: nil, username: "modality", role: .integration, door: .dicom)
            let started = try await seeded.department.startExam.fromModality(
                ModalityStart(
                    sopInstanceUID: "1.2.826.0.1.3680043.10.543.1717", stationAETitle: "XR1",
                    accessionNumber: accession, operatorName: PersonName(family: "Okafor", given: ["Grace"])),
                by: modality
            ).value
            #expect(
                started.outsidePathway?.breaches.map(\.code).contains(.entitlementExpired) == true,
                "\(String(describing: started.outsidePathway))")
            // Tom renewed in time: he still starts the exam.
            try await path.step(exam, "start", by: path.token("radiographer2"))

            let training = try await path.api.send(.get, "/api/training/\(recordID)", token: manager)
            #expect(training.string("lapsedAt") != nil, "\(training.text)")
            let entitlements = try await path.api.send(
                .get, "/api/staff/\(radiographer.id)/entitlements", token: manager)
            #expect(entitlements.text.contains("IR(ME)R training expired"), "\(entitlements.text)")

            for token in [path.token("radiographer"), manager] {
                let notices = try await path.api.send(.get, "/api/notices", token: token)
                #expect(notices.status == .ok)
                #expect(notices.text.contains("Okafor's IR(ME)R training expired"), "\(notices.text)")
            }
            let elsewhere = try await path.api.send(.get, "/api/notices", token: path.token("radiographer2"))
            #expect(!elsewhere.text.contains("Okafor"), "\(elsewhere.text)")

            let audited = try AuditRows.query(
                database,
                "SELECT detail FROM audit_entries WHERE action = 'entitlement.revoked' ORDER BY sequence")
            #expect(audited.count == 5 && audited.allSatisfy { $0.contains("IR(ME)R training expired") }, "\(audited)")
            #expect(
                try AuditRows.query(
                    database, "SELECT action FROM audit_entries WHERE action = 'staff.expiry-applied'"
                ).count == 1)

            // Applied once: a second run changes nothing.
            run = try await path.api.send(.post, "/api/staff-expiries/run", token: manager)
            #expect(run.json?["value"]?["revokedEntitlements"] == .array([]), "\(run.text)")
            #expect(run.json?["value"]?["notices"] == .number(0), "\(run.text)")
        }
    }

    @Test(
        "An entitlement granted on a competency lasts no longer than it and goes when it lapses; refusals named",
        arguments: TestEngine.allCases)
    func competencyLapse(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, database in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let manager = path.roleToken(.manager)
            let ap = try #require(seeded.staff["ap"])
            let assessor = try #require(seeded.staff["radiographer"])
            let now = seeded.clock.now()
            let body = { (assessorID: UUID, evidence: String) in
                """
                {"staffID":"\(ap.id)","duty":"operate","scope":{"examCode":"XCHEST"},"assessorID":"\(assessorID)",\
                "assessedOn":"\(Self.iso(now - Self.day))","expires":"\(Self.iso(now + 10 * Self.day))",\
                "evidence":"\(evidence)"}
                """
            }
            let own = try await path.api.send(.post, "/api/competencies", token: manager, json: body(ap.id, ""))
            #expect(own.status == .unprocessableContent, "\(own.text)")
            #expect(Set(own.problemFields) == ["assessorID", "evidence"], "\(own.text)")
            let forbidden = try await path.api.send(
                .post, "/api/competencies", token: path.roleToken(.radiographer), json: body(assessor.id, "DOPS"))
            #expect(forbidden.status == .forbidden)

            let recorded = try await path.api.send(
                .post, "/api/competencies", token: manager, json: body(assessor.id, "Observed 10 chests"))
            #expect(recorded.status == .created, "\(recorded.text)")
            let competencyID = try #require(recorded.string("value.id"))

            let mismatch = try await path.api.send(
                .post, "/api/entitlements", token: manager,
                json: """
                    {"staffID":"\(ap.id)","duty":"operate","scope":{"modality":"CT"},\
                    "starts":"\(Self.iso(now))","competencyID":"\(competencyID)","supervisionRequired":true}
                    """)
            #expect(mismatch.status == .unprocessableContent && mismatch.problemFields == ["competencyID"])
            let granted = try await path.api.send(
                .post, "/api/entitlements", token: manager,
                json: """
                    {"staffID":"\(ap.id)","duty":"operate","scope":{"examCode":"XCHEST"},\
                    "starts":"\(Self.iso(now))","expires":"\(Self.iso(now + 300 * Self.day))",\
                    "competencyID":"\(competencyID)","supervisionRequired":true}
                    """)
            #expect(granted.status == .created, "\(granted.text)")
            #expect(granted.string("value.expires") == Self.iso(now + 10 * Self.day), "\(granted.text)")
            #expect(granted.string("value.trainingEvidence")?.contains("Observed 10 chests") == true)
            // An entitlement recorded before competencies were (free-text evidence, the same duty and scope) rests on
            // it too, without its expiry: the lapse removes it.
            let earlier = try await path.api.send(
                .post, "/api/entitlements", token: manager,
                json: """
                    {"staffID":"\(ap.id)","duty":"operate","scope":{"examCode":"XCHEST"},\
                    "starts":"\(Self.iso(now - 100 * Self.day))","expires":"\(Self.iso(now + 300 * Self.day))",\
                    "trainingEvidence":"Signed off on paper","supervisionRequired":true}
                    """)
            #expect(earlier.status == .created, "\(earlier.text)")
            let entitlementID = try #require(earlier.string("value.id"))

            let listed = try await path.api.send(.get, "/api/competencies?staffID=\(ap.id)", token: manager)
            #expect(listed.text.contains(competencyID), "\(listed.text)")
            let ownList = try await path.api.send(.get, "/api/competencies", token: path.token("ap"))
            #expect(ownList.text.contains(competencyID), "\(ownList.text)")
            let others = try await path.api.send(
                .get, "/api/competencies?staffID=\(ap.id)", token: path.token("radiographer2"))
            #expect(others.status == .forbidden, "\(others.text)")

            seeded.clock.advance(by: 11 * Self.day)
            let run = try await path.api.send(.post, "/api/staff-expiries/run", token: manager)
            #expect(run.json?["value"]?["revokedEntitlements"] == .array([.string(entitlementID)]), "\(run.text)")
            let competency = try await path.api.send(.get, "/api/competencies/\(competencyID)", token: manager)
            #expect(competency.string("lapsedAt") != nil)
            let notices = try await path.api.send(.get, "/api/notices", token: path.token("ap"))
            #expect(notices.text.contains("competency to perform XCHEST expired"), "\(notices.text)")
            #expect(
                try AuditRows.query(database, "SELECT action FROM audit_entries WHERE action = 'competency.recorded'")
                    .count == 1)
        }
    }

    @Test(
        "The supervised-practice log: the learner logs, only the named supervisor signs off, once",
        arguments: TestEngine.allCases)
    func supervisedPractice(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, database in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let supervisor = try #require(seeded.staff["radiographer2"])
            let now = seeded.clock.now()
            let notLearner = try await path.api.send(
                .post, "/api/practice-log", token: path.token("radiographer"),
                json: #"{"supervisorID":"\#(supervisor.id)","performedOn":"\#(Self.iso(now))","activity":"PA chest"}"#)
            #expect(notLearner.status == .unprocessableContent && notLearner.problemFields == ["staffID"])
            let incomplete = try await path.api.send(
                .post, "/api/practice-log", token: path.token("student"),
                json: #"{"supervisorID":"\#(UUID())","performedOn":"\#(Self.iso(now + 3600))","activity":" "}"#)
            #expect(Set(incomplete.problemFields) == ["supervisorID", "performedOn", "activity"], "\(incomplete.text)")

            let logged = try await path.api.send(
                .post, "/api/practice-log", token: path.token("student"),
                json: """
                    {"supervisorID":"\(supervisor.id)","performedOn":"\(Self.iso(now - 600))",\
                    "activity":"PA chest, ambulant adult","reflection":"Centring"}
                    """)
            #expect(logged.status == .created, "\(logged.text)")
            let entryID = try #require(logged.string("value.id"))
            let awaiting = try await path.api.send(
                .get, "/api/practice-log/awaiting-sign-off", token: path.token("radiographer2"))
            #expect(awaiting.text.contains(entryID), "\(awaiting.text)")

            let wrong = try await path.api.send(
                .post, "/api/practice-log/\(entryID)/sign-off", token: path.token("radiographer"), json: "{}")
            #expect(wrong.status == .forbidden, "\(wrong.text)")
            let signed = try await path.api.send(
                .post, "/api/practice-log/\(entryID)/sign-off", token: path.token("radiographer2"),
                json: #"{"comment":"Good technique"}"#)
            #expect(signed.status == .ok, "\(signed.text)")
            #expect(signed.string("value.supervisorComment") == "Good technique")
            #expect(signed.string("value.signedOffBy") == "person-radiographer2")
            let again = try await path.api.send(
                .post, "/api/practice-log/\(entryID)/sign-off", token: path.token("radiographer2"), json: "{}")
            #expect(again.status == .conflict, "\(again.text)")
            let log = try await path.api.send(.get, "/api/practice-log", token: path.token("student"))
            #expect(log.text.contains("Good technique"), "\(log.text)")
            #expect(
                try AuditRows.query(
                    database,
                    "SELECT action FROM audit_entries WHERE action IN ('practice.logged','practice.signed-off') ORDER BY sequence"
                ) == ["practice.logged", "practice.signed-off"])
        }
    }

    @Test("CPD and appraisals: one's own log, a manager's view of everyone's, refusals", arguments: TestEngine.allCases)
    func cpdAndAppraisals(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let now = seeded.clock.now()
            let radiographer = try #require(seeded.staff["radiographer"])
            let bad = try await path.api.send(
                .post, "/api/cpd", token: path.token("radiographer"),
                json: #"{"date":"\#(Self.iso(now))","activity":"Webinar","hours":30}"#)
            #expect(bad.status == .unprocessableContent && bad.problemFields == ["hours"], "\(bad.text)")
            let cpd = try await path.api.send(
                .post, "/api/cpd", token: path.token("radiographer"),
                json: #"{"date":"\#(Self.iso(now))","activity":"SoR webinar","hours":1.5}"#)
            #expect(cpd.status == .created, "\(cpd.text)")
            let forOther = try await path.api.send(
                .post, "/api/cpd", token: path.token("radiographer2"),
                json: #"{"staffID":"\#(radiographer.id)","date":"\#(Self.iso(now))","activity":"x","hours":1}"#)
            #expect(forOther.status == .forbidden)
            let everyone = try await path.api.send(.get, "/api/cpd", token: path.roleToken(.manager))
            #expect(everyone.text.contains("SoR webinar"))
            let own = try await path.api.send(.get, "/api/cpd", token: path.token("radiographer2"))
            #expect(own.json == .array([]), "\(own.text)")

            let appraisal = try await path.api.send(
                .post, "/api/appraisals", token: path.roleToken(.manager),
                json: """
                    {"staffID":"\(radiographer.id)","heldOn":"\(Self.iso(now))",\
                    "nextDue":"\(Self.iso(now + 365 * Self.day))","appraiser":"Mark Evans"}
                    """)
            #expect(appraisal.status == .created, "\(appraisal.text)")
            let mine = try await path.api.send(.get, "/api/appraisals", token: path.token("radiographer"))
            #expect(mine.text.contains("Mark Evans"))
        }
    }
}
