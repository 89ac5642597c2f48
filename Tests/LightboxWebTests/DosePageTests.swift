import Foundation
import LightboxDomain
import LightboxTestSupport
import Testing

@testable import LightboxWeb

/// The dose incidents page: the cases with their arithmetic for those who report them, and the clinical
/// scientist's confirm-or-override form posted to ReviewSAUE.
@Suite("Dose incident pages")
struct DosePageTests {
    static let password = "correct horse battery staple"

    @Test("The review form's command: confirm, override to a category or to not notifiable, or the problem")
    func reviewCommand() {
        let id = UUID()
        func form(_ pairs: String) -> FormBody { FormBody(pairs) }
        #expect(
            SAUECasesPageModel.command(caseID: id, form: form("decision=confirmed&reason=")).0
                == ReviewSAUE.Command(caseID: id, decision: .confirmed))
        #expect(
            SAUECasesPageModel.command(
                caseID: id, form: form("decision=overridden&outcome=foetal-dose&reason=Pregnancy+unknown")
            ).0
                == ReviewSAUE.Command(
                    caseID: id, decision: .overridden, notifiable: true, criterion: .foetalDose,
                    reason: "Pregnancy unknown"))
        #expect(
            SAUECasesPageModel.command(caseID: id, form: form("decision=overridden&outcome=not-notifiable&reason=x")).0
                == ReviewSAUE.Command(caseID: id, decision: .overridden, notifiable: false, reason: "x"))
        #expect(SAUECasesPageModel.command(caseID: id, form: form("decision=overridden&outcome=2.2")).1 != nil)
        #expect(SAUECasesPageModel.command(caseID: id, form: form("reason=x")).1 != nil)
    }

    @Test("The physicist sees the arithmetic and decides on the page; a radiographer only reads; audited")
    func incidentsPage() async throws {
        try await TestApp.run(.sqlite) { seeded, client, database in
            let setup = Actor(staffID: nil, username: "test-setup", role: .manager, door: .system)
            let mpe = try await seeded.department.addStaffMember(
                .init(
                    name: PersonName(family: "Nair", given: ["Priya"]), profession: .clinicalScientist,
                    registration: ProfessionalRegistration(
                        body: "HCPC", number: "CS12345",
                        expires: seeded.clock.now().addingTimeInterval(365 * 86_400))),
                by: setup
            ).value
            _ = try await seeded.auth.createAccount(
                username: "p.nair", role: .physicist, password: Self.password, staffID: mpe.id, by: setup)
            let radiographer = Actor(
                staffID: seeded.staff["radiographer"]?.id, username: "person-radiographer", role: .radiographer,
                door: .api)
            let saueCase = try await seeded.department.reportSAUE(
                .init(
                    examID: nil, occurredOn: nil, summary: "Wrong patient called <b>from</b> the waiting room",
                    incident: SAUEIncident(kind: .accidental, patientAgeYears: 60, totalEffectiveDoseMilliSievert: 3.2)),
                by: radiographer)

            var reader = PageSession(client)
            _ = try await reader.signIn(SeededDepartment.sessionUsername, SeededDepartment.sessionPassword)
            let read = try await reader.get("/dose/incidents")
            #expect(read.status == .ok, "\(read.html)")
            #expect(read.html.contains("total 3.2 mSv ≥ 3 mSv: met"), "\(read.html)")
            #expect(read.html.contains("Code 1: Accidental exposure, adult"))
            #expect(read.html.contains("&lt;b&gt;from&lt;/b&gt;") && !read.html.contains("<b>from</b>"))
            #expect(read.html.contains("href=\"/dose/incidents\""), "navigation")
            #expect(!read.html.contains("Record decision"), "a radiographer does not decide")

            var physicist = PageSession(client)
            _ = try await physicist.signIn("p.nair", Self.password)
            let page = try await physicist.get("/dose/incidents")
            #expect(page.html.contains("Record decision") && page.html.contains("Awaiting the physicist"))
            let action = "/dose/incidents/\(saueCase.id.uuidString)/review"
            let refused = try await physicist.post(
                action, [("_csrf", page.formToken ?? ""), ("decision", "overridden"), ("outcome", "not-notifiable")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.html.contains("say why the proposal is overridden"), "\(refused.html)")
            let decided = try await physicist.post(
                action,
                [("_csrf", page.formToken ?? ""), ("decision", "confirmed"), ("reason", "Estimate checked")])
            #expect(decided.status == .seeOther)
            let after = try await physicist.get("/dose/incidents?done=saue-review")
            #expect(after.html.contains("Dose incident decision recorded"))
            #expect(
                after.html.contains("Confirmed by Priya Nair: code 1, accidental exposure, adult. Estimate checked"))
            let forged = try await physicist.post(action, [("_csrf", "nope"), ("decision", "confirmed")])
            #expect(forged.status != .seeOther)
            let actions = try AuditRows.query(
                database, "SELECT action FROM audit_entries WHERE action LIKE 'saue.%' ORDER BY sequence")
            #expect(actions.filter { $0 == "saue.reviewed" }.count == 1, "\(actions)")
        }
    }
}
