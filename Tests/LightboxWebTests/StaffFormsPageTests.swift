import Foundation
import HTTPTypes
import HummingbirdTesting
import LightboxDomain
import LightboxTestSupport
import LightboxWeb
import Testing

/// Issue 17's forms that had only an API: a manager records a member of staff's mandatory training and an assessed
/// competency on the staff records page; a learner logs a case of supervised practice for the named supervisor to
/// sign off; a manager adds an item to the equipment register on the equipment page. Each form posts to the use
/// case its API route calls; the record is then found through the API, a form missing a field names it and stores
/// nothing, and a role without the permission is refused.
@Suite("Staff forms pages")
struct StaffFormsPageTests {
    static func records(_ api: APIClient, _ path: String, _ token: String) async throws -> [JSONValue] {
        let response = try await api.send(.get, path, token: token)
        #expect(response.status == .ok, "\(response.text)")
        guard case .array(let items)? = response.json else {
            Issue.record("not a list: \(response.text)")
            return []
        }
        return items
    }

    @Test("A manager records training and a competency on the staff records page; missing fields are named")
    func trainingAndCompetency() async throws {
        try await TestApp.run(.sqlite) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let token = path.roleToken(.manager)
            let student = try #require(seeded.staff["student"]).id.uuidString
            let assessor = try #require(seeded.staff["radiographer"]).id.uuidString
            let filter = "?staffID=\(student)"
            var manager = try await AdminPageTests.signedIn(seeded, client, "m.manager", .manager)
            let page = try await manager.get("/staff-records")
            #expect(page.html.contains("training-form") && page.html.contains("competency-form"), "\(page.html)")
            #expect(page.html.contains(">Sophie Chen<"), "\(page.html)")
            #expect(page.html.contains(">IR(ME)R<") && !page.html.contains(">irmer<"))
            let csrf = page.formToken ?? ""
            let zone = seeded.configuration.timeZone
            let today = CalendarDate(seeded.clock.now(), in: zone)
            let lastYear = CalendarDate(seeded.clock.now() - 200 * 86_400, in: zone).iso
            let nextYear = CalendarDate(seeded.clock.now() + 165 * 86_400, in: zone).iso

            // Training: the completion date left out is named, and nothing is stored.
            let noDate = try await manager.post(
                "/staff-records/training",
                [
                    ("_csrf", csrf), ("staffID", student), ("course", "irmer"), ("completedOn", ""),
                    ("expires", nextYear), ("evidence", "e-LfH certificate 4471"),
                ])
            #expect(noDate.status == .unprocessableContent)
            #expect(noDate.html.contains(##"href="#field-completedOn""##), "\(noDate.html)")
            #expect(noDate.html.contains("Date completed enter the date"))
            #expect(noDate.html.contains("e-LfH certificate 4471"), "the typed evidence is kept")
            let noEvidence = try await manager.post(
                "/staff-records/training",
                [
                    ("_csrf", csrf), ("staffID", student), ("course", "irmer"), ("completedOn", lastYear),
                    ("expires", nextYear), ("evidence", " "),
                ])
            #expect(noEvidence.status == .unprocessableContent)
            #expect(noEvidence.html.contains(##"href="#field-evidence""##), "\(noEvidence.html)")
            #expect(try await Self.records(path.api, "/api/training" + filter, token).isEmpty)

            let recorded = try await manager.post(
                "/staff-records/training",
                [
                    ("_csrf", csrf), ("staffID", student), ("course", "irmer"), ("completedOn", lastYear),
                    ("expires", nextYear), ("evidence", "e-LfH certificate 4471"),
                ])
            #expect(recorded.status == .seeOther, "\(recorded.html)")
            #expect(recorded.headers[.location] == "/staff-records?done=training-recorded")
            let training = try await Self.records(path.api, "/api/training" + filter, token)
            #expect(training.count == 1)
            #expect(training.first?["course"] == .string("irmer"), "\(training)")
            #expect(training.first?["evidence"] == .string("e-LfH certificate 4471"))
            let shown = try await manager.get("/staff-records?done=training-recorded")
            #expect(shown.html.contains("Training recorded") && shown.html.contains("e-LfH certificate 4471"))

            // Competency: no exams named (no modality, code or region) is refused and named; nothing stored.
            let noScope = try await manager.post(
                "/staff-records/competencies",
                [
                    ("_csrf", csrf), ("competencyStaffID", student), ("duty", "operate"), ("scope.modality", ""),
                    ("scope.examCode", ""), ("scope.bodyRegion", ""), ("assessorID", assessor),
                    ("assessedOn", today.iso), ("competencyExpires", ""), ("competencyEvidence", "DOPS x10"),
                ])
            #expect(noScope.status == .unprocessableContent)
            #expect(noScope.html.contains(##"href="#field-scope-modality""##), "\(noScope.html)")
            let noEvidence2 = try await manager.post(
                "/staff-records/competencies",
                [
                    ("_csrf", csrf), ("competencyStaffID", student), ("duty", "operate"), ("scope.modality", "DX"),
                    ("assessorID", assessor), ("assessedOn", today.iso), ("competencyEvidence", ""),
                ])
            #expect(noEvidence2.status == .unprocessableContent)
            #expect(noEvidence2.html.contains(##"href="#field-competencyEvidence""##), "\(noEvidence2.html)")
            #expect(try await Self.records(path.api, "/api/competencies" + filter, token).isEmpty)

            let competency = try await manager.post(
                "/staff-records/competencies",
                [
                    ("_csrf", csrf), ("competencyStaffID", student), ("duty", "operate"), ("scope.modality", "DX"),
                    ("scope.examCode", ""), ("scope.bodyRegion", "chest"), ("assessorID", assessor),
                    ("assessedOn", today.iso), ("competencyExpires", nextYear),
                    ("competencyEvidence", "Direct observation of 10 DX chests"),
                ])
            #expect(competency.status == .seeOther, "\(competency.html)")
            #expect(competency.headers[.location] == "/staff-records?done=competency-recorded")
            let competencies = try await Self.records(path.api, "/api/competencies" + filter, token)
            #expect(competencies.count == 1)
            #expect(competencies.first?["duty"] == .string("operate"), "\(competencies)")
            #expect(competencies.first?["scope"]?["modality"] == .string("DX"))
            #expect(competencies.first?["scope"]?["bodyRegion"] == .string("chest"))
            #expect(competencies.first?["assessorName"] == .string("Grace Okafor"), "\(competencies)")
            let actions = try await AdminPageTests.auditActions(seeded, by: "m.manager")
            #expect(actions.contains("training.recorded") && actions.contains("competency.recorded"))
        }
    }

    @Test("Only those who manage staff see the forms; a radiographer's post is refused and stores nothing")
    func refusedWithoutPermission() async throws {
        try await TestApp.run(.sqlite) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let student = try #require(seeded.staff["student"]).id.uuidString
            let assessor = try #require(seeded.staff["radiologist"]).id.uuidString
            var radiographer = try await AdminPageTests.signedIn(
                seeded, client, "g.okafor", .radiographer, person: "radiographer")
            let page = try await radiographer.get("/staff-records")
            #expect(page.status == .ok)
            #expect(!page.html.contains("training-form") && !page.html.contains("competency-form"))
            let csrf = page.formToken ?? ""
            let day = CalendarDate(seeded.clock.now() - 86_400, in: seeded.configuration.timeZone).iso
            let training = try await radiographer.post(
                "/staff-records/training",
                [
                    ("_csrf", csrf), ("staffID", student), ("course", "irmer"), ("completedOn", day),
                    ("evidence", "certificate"),
                ])
            #expect(training.status == .forbidden)
            let competency = try await radiographer.post(
                "/staff-records/competencies",
                [
                    ("_csrf", csrf), ("competencyStaffID", student), ("duty", "operate"), ("scope.modality", "DX"),
                    ("assessorID", assessor), ("assessedOn", day), ("competencyEvidence", "DOPS"),
                ])
            #expect(competency.status == .forbidden)
            let token = path.roleToken(.manager)
            #expect(try await Self.records(path.api, "/api/training?staffID=\(student)", token).isEmpty)
            #expect(try await Self.records(path.api, "/api/competencies?staffID=\(student)", token).isEmpty)
        }
    }
}

extension StaffFormsPageTests {
    @Test("A student logs a case of supervised practice on the page; the named supervisor is asked to sign it off")
    func practiceLog() async throws {
        try await TestApp.run(.sqlite) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let token = path.roleToken(.manager)
            let student = try #require(seeded.staff["student"]).id.uuidString
            let supervisor = try #require(seeded.staff["radiographer"]).id.uuidString
            let log = "/api/practice-log?staffID=\(student)"
            var learner = try await AdminPageTests.signedIn(seeded, client, "s.chen", .student, person: "student")
            let page = try await learner.get("/staff-records")
            #expect(page.html.contains("practice-form") && page.html.contains(">Grace Okafor<"), "\(page.html)")
            let csrf = page.formToken ?? ""
            let yesterday = CalendarDate(seeded.clock.now() - 86_400, in: seeded.configuration.timeZone).iso

            let noCase = try await learner.post(
                "/staff-records/practice",
                [
                    ("_csrf", csrf), ("supervisorID", supervisor), ("performedOn", yesterday),
                    ("practiceActivity", " "), ("practiceReflection", "Centring improved"),
                ])
            #expect(noCase.status == .unprocessableContent)
            #expect(noCase.html.contains(##"href="#field-practiceActivity""##), "\(noCase.html)")
            #expect(noCase.html.contains("Case say what was done") && noCase.html.contains("Centring improved"))
            let noSupervisor = try await learner.post(
                "/staff-records/practice",
                [("_csrf", csrf), ("supervisorID", ""), ("performedOn", yesterday), ("practiceActivity", "PA chest")])
            #expect(noSupervisor.status == .unprocessableContent)
            #expect(noSupervisor.html.contains(##"href="#field-supervisorID""##), "\(noSupervisor.html)")
            #expect(try await Self.records(path.api, log, token).isEmpty)

            let logged = try await learner.post(
                "/staff-records/practice",
                [
                    ("_csrf", csrf), ("supervisorID", supervisor), ("performedOn", yesterday),
                    ("practiceActivity", "PA chest, ambulant adult"), ("practiceReflection", "Centring improved"),
                ])
            #expect(logged.status == .seeOther && logged.headers[.location] == "/staff-records?done=practice-logged")
            let entries = try await Self.records(path.api, log, token)
            #expect(entries.count == 1)
            #expect(entries.first?["activity"] == .string("PA chest, ambulant adult"), "\(entries)")
            #expect(entries.first?["supervisorName"] == .string("Grace Okafor"))
            #expect(entries.first?["reflection"] == .string("Centring improved"))
            #expect(entries.first?["signedOffAt"] == nil || entries.first?["signedOffAt"] == .null)
            let shown = try await learner.get("/staff-records?done=practice-logged")
            #expect(shown.html.contains("Supervised practice logged") && shown.html.contains("Awaiting sign-off"))

            // The named supervisor is asked to sign it off; she practises unsupervised, so has no log form, and
            // her own post is refused with the reason, storing nothing.
            var radiographer = try await AdminPageTests.signedIn(
                seeded, client, "g.okafor", .radiographer, person: "radiographer")
            let hers = try await radiographer.get("/staff-records")
            #expect(hers.html.contains("Supervised practice to sign off") && hers.html.contains("PA chest, ambulant"))
            #expect(!hers.html.contains("practice-form"))
            let refused = try await radiographer.post(
                "/staff-records/practice",
                [
                    ("_csrf", hers.formToken ?? ""),
                    ("supervisorID", try #require(seeded.staff["radiologist"]).id.uuidString),
                    ("performedOn", yesterday), ("practiceActivity", "CT head"),
                ])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.html.contains("is not an apprentice, student or assistant practitioner"), "\(refused.html)")
            let radiographerID = try #require(seeded.staff["radiographer"]).id.uuidString
            #expect(try await Self.records(path.api, "/api/practice-log?staffID=\(radiographerID)", token).isEmpty)
        }
    }
}

extension StaffFormsPageTests {
    @Test("Equipment is added to the register on the equipment page; a missing serial is named; others are refused")
    func equipmentRegister() async throws {
        try await TestApp.run(.sqlite) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let token = path.roleToken(.manager)
            let room = try #require(seeded.rooms["ct"]).id.uuidString
            let register = "/api/equipment?roomID=\(room)"
            let before = try await Self.records(path.api, register, token)
            var manager = try await AdminPageTests.signedIn(seeded, client, "m.manager", .manager)
            let page = try await manager.get("/equipment")
            #expect(page.html.contains("equipment-item-form"), "\(page.html)")
            let csrf = page.formToken ?? ""
            let installed = CalendarDate(seeded.clock.now() - 400 * 86_400, in: seeded.configuration.timeZone).iso
            func item(serial: String) -> [(String, String)] {
                [
                    ("_csrf", csrf), ("itemRoomID", room), ("itemDescription", "CT scanner"), ("maker", "Siemens"),
                    ("model", "SOMATOM go.Up"), ("serialNumber", serial), ("installedOn", installed),
                    ("stationAETitle", "CT2_GOUP"),
                ]
            }

            let noSerial = try await manager.post("/equipment/items", item(serial: " "))
            #expect(noSerial.status == .unprocessableContent)
            #expect(noSerial.html.contains(##"href="#field-serialNumber""##), "\(noSerial.html)")
            #expect(noSerial.html.contains("Serial number is empty") && noSerial.html.contains("SOMATOM go.Up"))
            #expect(try await Self.records(path.api, register, token).count == before.count)

            let added = try await manager.post("/equipment/items", item(serial: "SN-77812"))
            #expect(added.status == .seeOther, "\(added.html)")
            #expect(added.headers[.location] == "/equipment?done=equipment-registered")
            let after = try await Self.records(path.api, register, token)
            #expect(after.count == before.count + 1)
            let stored = try #require(after.first { $0["serialNumber"] == .string("SN-77812") }, "\(after)")
            #expect(stored["maker"] == .string("Siemens") && stored["model"] == .string("SOMATOM go.Up"))
            #expect(stored["stationAETitle"] == .string("CT2_GOUP") && stored["installedOn"] == .string(installed))
            let shown = try await manager.get("/equipment?done=equipment-registered")
            #expect(shown.html.contains("Equipment added to the register") && shown.html.contains("SOMATOM go.Up"))

            var radiographer = try await AdminPageTests.signedIn(
                seeded, client, "g.okafor", .radiographer, person: "radiographer")
            let hers = try await radiographer.get("/equipment")
            #expect(!hers.html.contains("equipment-item-form"))
            let refused = try await radiographer.post(
                "/equipment/items",
                [
                    ("_csrf", hers.formToken ?? ""), ("itemRoomID", room), ("itemDescription", "Injector"),
                    ("maker", "Bayer"), ("model", "Centargo"), ("serialNumber", "B-1"),
                ])
            #expect(refused.status == .forbidden)
            #expect(try await Self.records(path.api, register, token).count == before.count + 1)
        }
    }
}

extension StaffFormsPageTests {
    @Test("A manager records an appraisal on the staff records page; a missing date is named; others are refused")
    func appraisal() async throws {
        try await TestApp.run(.sqlite) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let token = path.roleToken(.manager)
            let student = try #require(seeded.staff["student"]).id.uuidString
            let appraisals = "/api/appraisals?staffID=\(student)"
            let before = try await Self.records(path.api, appraisals, token)
            var manager = try await AdminPageTests.signedIn(seeded, client, "m.manager", .manager)
            let page = try await manager.get("/staff-records")
            #expect(page.html.contains("appraisal-form") && page.html.contains("Record an appraisal"), "\(page.html)")
            let csrf = page.formToken ?? ""
            let zone = seeded.configuration.timeZone
            let heldOn = CalendarDate(seeded.clock.now() - 7 * 86_400, in: zone).iso
            let nextDue = CalendarDate(seeded.clock.now() + 358 * 86_400, in: zone).iso

            // The date held left out is named, the typed appraiser kept, and nothing is stored.
            let noDate = try await manager.post(
                "/staff-records/appraisals",
                [
                    ("_csrf", csrf), ("appraisalStaffID", student), ("heldOn", ""), ("nextDue", nextDue),
                    ("appraiser", "Mark Evans"),
                ])
            #expect(noDate.status == .unprocessableContent)
            #expect(noDate.html.contains(##"href="#field-heldOn""##), "\(noDate.html)")
            #expect(noDate.html.contains("Date held enter the date"), "\(noDate.html)")
            #expect(noDate.html.contains("Mark Evans"), "the typed appraiser is kept")
            #expect(try await Self.records(path.api, appraisals, token).count == before.count)

            let recorded = try await manager.post(
                "/staff-records/appraisals",
                [
                    ("_csrf", csrf), ("appraisalStaffID", student), ("heldOn", heldOn), ("nextDue", nextDue),
                    ("appraiser", "Mark Evans"),
                ])
            #expect(recorded.status == .seeOther, "\(recorded.html)")
            #expect(recorded.headers[.location] == "/staff-records?done=appraisal-recorded")
            let after = try await Self.records(path.api, appraisals, token)
            #expect(after.count == before.count + 1)
            #expect(after.contains { $0["appraiser"] == .string("Mark Evans") }, "\(after)")
            let shown = try await manager.get("/staff-records?done=appraisal-recorded")
            #expect(shown.html.contains("Appraisal recorded"))
            let actions = try await AdminPageTests.auditActions(seeded, by: "m.manager")
            #expect(actions.contains("appraisal.recorded"))

            // A radiographer, who does not manage staff, has no form and her post is refused, storing nothing.
            var radiographer = try await AdminPageTests.signedIn(
                seeded, client, "g.okafor", .radiographer, person: "radiographer")
            let hers = try await radiographer.get("/staff-records")
            #expect(!hers.html.contains("appraisal-form"))
            let refused = try await radiographer.post(
                "/staff-records/appraisals",
                [
                    ("_csrf", hers.formToken ?? ""), ("appraisalStaffID", student), ("heldOn", heldOn),
                    ("nextDue", nextDue), ("appraiser", "Grace Okafor"),
                ])
            #expect(refused.status == .forbidden)
            #expect(try await Self.records(path.api, appraisals, token).count == before.count + 1)
        }
    }
}
