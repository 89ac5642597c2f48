import Foundation
import LightboxDomain
import LightboxTestSupport
import LightboxWeb
import Testing

/// Procedure coding per exam: NICIP, SNOMED CT and CPT on catalogue entries (imported by CSV), shown on the
/// exam's page and used by the Diagnostic Imaging Dataset.
@Suite("Procedure coding")
struct ProcedureCodingTests {
    @Test("CPT codes import with the catalogue, are checked, and each exam's page shows its codes")
    func coding() async throws {
        try await TestApp.run(.sqlite) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let manager = path.roleToken(.manager)
            let good = """
                code,name,modality,bodyRegion,projections,pregnancyRelevant,snomedCT,cpt
                XCHEST,XR Chest PA,DX,chest,PA,false,399208008,71046
                """
            let imported = try await path.api.send(
                .post, "/api/catalogue/import", token: manager, body: good, contentType: "text/csv")
            #expect(imported.status == .ok, "\(imported.text)")
            let bad = """
                code,name,modality,bodyRegion,projections,pregnancyRelevant,cpt
                XCHEST,XR Chest PA,DX,chest,PA,false,7104
                """
            let refused = try await path.api.send(
                .post, "/api/catalogue/import", token: manager, body: bad, contentType: "text/csv")
            #expect(refused.status == .unprocessableContent)
            #expect(refused.problemFields.contains("line 2.cpt"), "\(refused.text)")

            let exam = try await path.request("man", "XCHEST")
            var browser = PageSession(client)
            _ = try await browser.signIn(SeededDepartment.sessionUsername, SeededDepartment.sessionPassword)
            let page = try await browser.get("/exams/\(exam)")
            #expect(page.status == .ok)
            #expect(page.html.contains("NICIP XCHEST; SNOMED CT 399208008; CPT 71046"), "\(page.html)")
        }
    }

    @Test("The codes' formats: CPT categories and SNOMED CT's Verhoeff check digit")
    func formats() {
        #expect(ProcedureCoding.isCPT("71046") && ProcedureCoding.isCPT("0042T") && ProcedureCoding.isCPT("3008F"))
        #expect(!ProcedureCoding.isCPT("7104") && !ProcedureCoding.isCPT("71046A") && !ProcedureCoding.isCPT("7104X"))
        #expect(DIDFieldRules.isSNOMEDIdentifier("399208008"))
        #expect(!DIDFieldRules.isSNOMEDIdentifier("399208009"), "a wrong check digit")
        #expect(!DIDFieldRules.isSNOMEDIdentifier("012345"), "no leading zero")
        let coding = ProcedureCoding(nicip: "XABDOM", snomedCT: nil, cpt: nil)
        #expect(coding.text == "NICIP XABDOM; SNOMED CT not mapped")
    }
}
