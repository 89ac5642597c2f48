import Foundation
import HTTPTypes
import LightboxDomain
import LightboxTestSupport
import LightboxWeb
import Testing

/// Issue 15 item 10 through the JSON API on both engines: thresholds changed from a date with the medical physics
/// expert's sign-off, their history and audit, and the refusals.
@Suite("Threshold routes")
struct ThresholdRoutesTests {
    /// Adds a clinical scientist (the MPE) and returns their staff id.
    static func addMPE(_ seeded: SeededDepartment) async throws -> UUID {
        let manager = Actor(staffID: nil, username: "setup-manager", role: .manager, door: .api)
        return try await seeded.department.addStaffMember(
            .init(name: PersonName(family: "Nair", given: ["Priya"]), profession: .clinicalScientist), by: manager
        ).value.id
    }

    static func body(
        _ name: String, _ value: String, from: Date, signer: String, reason: String = "MPE review of local rules"
    ) -> String {
        """
        {"name":"\(name)","value":\(value),"effectiveFrom":"\(Pathway.iso(from))",\
        "signedOffBy":"\(signer)","reason":"\(reason)"}
        """
    }

    @Test(
        "A change with a future effective date does not apply before it and does after it, with history and signer",
        arguments: TestEngine.allCases)
    func futureChangeAppliesFromItsDate(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, database in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let mpe = try await Self.addMPE(seeded)
            let tomorrow = seeded.clock.now().addingTimeInterval(86_400)
            // Four identifiers from tomorrow: the requests of the test pathway carry three.
            let set = try await path.api.send(
                .post, "/api/thresholds", token: path.roleToken(.physicist),
                json: Self.body("minimumPatientIdentifiers", #"{"value":4}"#, from: tomorrow, signer: mpe.uuidString))
            #expect(set.status == .created, "\(set.text)")
            #expect(set.string("signedOffBy") == mpe.uuidString)
            #expect(set.string("signedOffByName")?.contains("Nair") == true, "\(set.text)")
            let changeID = set.string("id") ?? ""

            _ = try await path.request("man", "XCHEST")
            var listed = try await path.api.send(.get, "/api/thresholds", token: path.roleToken(.radiographer))
            #expect(listed.status == .ok)
            var entry = Self.entry(listed, "minimumPatientIdentifiers")
            #expect(entry?["source"] == .string("default"), "\(listed.text)")
            #expect(entry?["current"]?["value"] == .number(3) && entry?["defaultValue"]?["value"] == .number(3))
            guard case .array(let history)? = entry?["history"] else {
                Issue.record("no history in \(listed.text)")
                return
            }
            #expect(history.count == 1 && history.first?["id"] == .string(changeID))
            #expect(history.first?["signedOffBy"] == .string(mpe.uuidString))

            seeded.clock.set(tomorrow)
            let refused = try await path.api.send(
                .post, "/api/requests", token: path.roleToken(.referrer),
                json: """
                    {"identifiers":\(path.identifiersJSON("man")),"examCode":"XCHEST",\
                    "clinicalQuestion":"? fracture","referrerID":"\(seeded.referrer.id)","priority":"routine"}
                    """)
            #expect(refused.status == .unprocessableContent, "\(refused.text)")
            #expect(refused.problemType == "https://lightbox.example/problems/request.missing-identifiers")
            listed = try await path.api.send(.get, "/api/thresholds", token: path.roleToken(.radiographer))
            entry = Self.entry(listed, "minimumPatientIdentifiers")
            #expect(entry?["source"] == .string("change") && entry?["currentChange"] == .string(changeID))
            #expect(entry?["current"]?["value"] == .number(4) && entry?["defaultValue"]?["value"] == .number(3))

            let audited = try AuditRows.query(
                database, "SELECT detail FROM audit_entries WHERE action = 'threshold.changed' ORDER BY sequence")
            #expect(audited.count == 1 && audited.first?.contains(mpe.uuidString) == true, "\(audited)")
            let stored = try AuditRows.query(database, "SELECT name FROM threshold_changes")
            #expect(stored == ["minimumPatientIdentifiers"])
        }
    }

    @Test(
        "Refused: another role, an unknown name, a wrong type, out of range, a past date, a signer not a physicist",
        arguments: TestEngine.allCases)
    func refusals(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, database in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let mpe = try await Self.addMPE(seeded).uuidString
            let radiographer = seeded.staff["radiographer"]?.id.uuidString ?? ""
            let now = seeded.clock.now()
            let good = Self.body("tenDayRuleDays", #"{"value":9}"#, from: now, signer: mpe)
            for role in [AccessRole.radiographer, .radiologist, .admin, .referrer] {
                let response = try await path.api.send(
                    .post, "/api/thresholds", token: path.roleToken(role), json: good)
                #expect(response.status == .forbidden, "\(role): \(response.text)")
            }
            let cases: [(String, String)] = [
                (Self.body("tenDayRules", #"{"value":9}"#, from: now, signer: mpe), "name"),
                (Self.body("tenDayRuleDays", #"{"lower":1,"upper":9}"#, from: now, signer: mpe), "value"),
                (Self.body("tenDayRuleDays", #"{"value":90}"#, from: now, signer: mpe), "value"),
                (Self.body("tenDayRuleDays", #"{"value":9}"#, from: now - 3600, signer: mpe), "effectiveFrom"),
                (Self.body("tenDayRuleDays", #"{"value":9}"#, from: now, signer: radiographer), "signedOffBy"),
            ]
            for (json, field) in cases {
                let response = try await path.api.send(
                    .post, "/api/thresholds", token: path.roleToken(.manager), json: json)
                #expect(response.status == .unprocessableContent, "\(field): \(response.text)")
                #expect(response.problemFields.contains(field), "\(field): \(response.text)")
            }
            #expect(try AuditRows.query(database, "SELECT name FROM threshold_changes").isEmpty)
            #expect(
                try AuditRows.query(database, "SELECT action FROM audit_entries WHERE action = 'threshold.changed'")
                    .isEmpty)
            let accepted = try await path.api.send(
                .post, "/api/thresholds", token: path.roleToken(.manager), json: good)
            #expect(accepted.status == .created, "\(accepted.text)")
        }
    }

    static func entry(_ response: APIResponse, _ name: String) -> JSONValue? {
        guard case .array(let entries)? = response.json else { return nil }
        return entries.first { $0["name"] == .string(name) }
    }
}
