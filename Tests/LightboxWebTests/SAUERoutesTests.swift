import Foundation
import HTTPTypes
import LightboxDomain
import LightboxTestSupport
import LightboxWeb
import Testing

/// Significant accidental and unintended exposures through the JSON API on both engines: reported with the
/// classifier's proposal, decided by the clinical scientist, notified without patient identifiers, all audited.
@Suite("SAUE routes")
struct SAUERoutesTests {
    /// A clinical scientist with a physicist's account; returns its token.
    static func mpeToken(_ seeded: SeededDepartment) async throws -> String {
        let setup = Actor(staffID: nil, username: "test-setup", role: .manager, door: .system)
        let mpe = try await seeded.department.addStaffMember(
            .init(
                name: PersonName(family: "Nair", given: ["Priya"]), profession: .clinicalScientist,
                registration: ProfessionalRegistration(
                    body: "HCPC", number: "CS12345", expires: seeded.clock.now().addingTimeInterval(365 * 86_400))),
            by: setup
        ).value
        _ = try await seeded.auth.createAccount(
            username: "p.nair", role: .physicist, password: nil, staffID: mpe.id, by: setup)
        return try await seeded.auth.issueToken(username: "p.nair", name: "test", by: setup).secret
    }

    @Test(
        "Reported with the arithmetic, overridden with a reason, notified without identifiers; all audited",
        arguments: TestEngine.allCases)
    func reportReviewNotify(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, database in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let mpe = try await Self.mpeToken(seeded)
            let patient = try #require(seeded.patients["man"])
            let exam = try await path.request("man", "CHEADN")
            let reported = try await path.api.send(
                .post, "/api/saue-cases", token: path.token("radiographer"),
                json: """
                    {"examID":"\(exam)","summary":"Head scanned three times after a table fault",\
                    "incident":{"kind":"unintended","intendedEffectiveDoseMilliSievert":1.8,\
                    "totalEffectiveDoseMilliSievert":16.2}}
                    """)
            #expect(reported.status == .created, "\(reported.text)")
            let caseID = reported.string("id") ?? ""
            #expect(reported.json?["incident"]?["patientAgeYears"] != nil, "\(reported.text)")
            guard case .array(let findings)? = reported.json?["proposal"]?["findings"] else {
                Issue.record("no findings in \(reported.text)")
                return
            }
            #expect(findings.first?["criterion"] == .string("unintended-middle-intended"))
            #expect(findings.first?["met"] == .bool(false))
            #expect(
                findings.first?["arithmetic"]
                    == .string(
                        "Code 2.2, intended 1.8 mSv from 0.3 to 2.5 mSv: total 16.2 mSv ÷ intended 1.8 mSv = 9 times "
                            + "< 10 times: not met"), "\(reported.text)")

            // The queue; a radiographer may not decide, nor export; the notification waits for a decision.
            let queue = try await path.api.send(.get, "/api/saue-cases?status=awaiting-review", token: mpe)
            #expect(queue.status == .ok && queue.text.contains(caseID), "\(queue.text)")
            let badStatus = try await path.api.send(.get, "/api/saue-cases?status=open", token: mpe)
            #expect(badStatus.status == .unprocessableContent && badStatus.problemFields == ["status"])
            let review =
                #"{"decision":"overridden","notifiable":true,"criterion":"unintended-middle-intended","#
                + #""reason":"Scouts omitted: 18.4 mSv, over ten times"}"#
            let refused = try await path.api.send(
                .post, "/api/saue-cases/\(caseID)/review", token: path.token("radiographer"), json: review)
            #expect(refused.status == .forbidden, "\(refused.text)")
            let early = try await path.api.send(.get, "/api/saue-cases/\(caseID)/notification", token: mpe)
            #expect(early.status == .conflict, "\(early.text)")
            let noReason = try await path.api.send(
                .post, "/api/saue-cases/\(caseID)/review", token: mpe,
                json: #"{"decision":"overridden","notifiable":true,"criterion":"unintended-middle-intended"}"#)
            #expect(noReason.status == .unprocessableContent && noReason.problemFields == ["reason"])

            let decided = try await path.api.send(
                .post, "/api/saue-cases/\(caseID)/review", token: mpe, json: review)
            #expect(decided.status == .ok, "\(decided.text)")
            #expect(decided.text.contains(#""decision":"overridden""#), "\(decided.text)")
            let notification = try await path.api.send(
                .get, "/api/saue-cases/\(caseID)/notification", token: mpe)
            #expect(notification.status == .ok, "\(notification.text)")
            #expect(notification.string("notificationCode") == "2.2" && notification.string("ageBand") == "adult")
            #expect(notification.string("reason") == "Scouts omitted: 18.4 mSv, over ten times")
            for identifier in [
                patient.name.family, patient.nhsNumber?.digits ?? "-", patient.hospitalNumbers.first?.value ?? "-",
                patient.dateOfBirth?.iso ?? "-", patient.id.uuidString, exam, "Test Street",
            ] {
                #expect(!notification.text.contains(identifier), "carries \(identifier): \(notification.text)")
            }
            let single = try await path.api.send(.get, "/api/saue-cases/\(caseID)", token: path.token("radiologist"))
            #expect(single.status == .ok && single.string("id") == caseID)

            let actions = try AuditRows.query(
                database,
                "SELECT action FROM audit_entries WHERE action LIKE 'saue.%' ORDER BY sequence")
            #expect(
                actions == [
                    "saue.reported", "saue.read", "saue.reviewed", "saue.notification-exported", "saue.read",
                ], "\(actions)")
            let stored = try AuditRows.query(database, "SELECT status FROM saue_cases")
            #expect(stored == ["overridden"])
        }
    }

    @Test(
        "A report naming the patient or missing doses is refused and nothing is stored", arguments: TestEngine.allCases)
    func refusals(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, database in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let exam = try await path.request("man", "CHEADN")
            let named = try await path.api.send(
                .post, "/api/saue-cases", token: path.token("radiographer"),
                json: """
                    {"examID":"\(exam)","summary":"Mr Khan was scanned instead of another patient",\
                    "incident":{"kind":"accidental"}}
                    """)
            #expect(named.status == .unprocessableContent, "\(named.text)")
            #expect(
                named.problemFields.sorted() == ["incident.totalEffectiveDoseMilliSievert", "summary"], "\(named.text)")
            let support = try await path.api.send(
                .post, "/api/saue-cases", token: path.token("support"),
                json: #"{"summary":"x","incident":{"kind":"foetal","foetalDoseMilliGray":12}}"#)
            #expect(support.status == .forbidden)
            #expect(try AuditRows.query(database, "SELECT id FROM saue_cases").isEmpty)
        }
    }
}
