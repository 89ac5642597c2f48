import Foundation
import LightboxDomain
import LightboxTestSupport
import LightboxWeb
import Testing

@Suite("Catalogue CSV import")
struct CatalogueImportTests {
    @Test(
        "A good file is imported; a file with bad rows is refused listing each, and nothing is stored",
        arguments: TestEngine.allCases)
    func importCSV(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, _ in
            let api = APIClient(client)
            let token = seeded.tokens[.manager]
            let good =
                "code,name,modality,bodyRegion,projections,pregnancyRelevant,lateralityRequired,highDose,contrast,snomedCT\n"
                + "XTHUMB,XR Thumb,DX,upperLimb,AP;Lateral,false,true,false,,\n"
                + "\"CCOLON\",\"CT Colonography, with \"\"tagging\"\"\",CT,abdomen,Prone;Supine,true,false,true,rectal,418714002\r\n"
                + "\n"
            let imported = try await api.send(
                .post, "/api/catalogue/import", token: token, body: good, contentType: "text/csv")
            #expect(imported.status == .ok, "\(imported.text)")
            let catalogue = try await api.send(.get, "/api/catalogue", token: token)
            #expect(catalogue.text.contains("XTHUMB"))
            #expect(catalogue.text.contains(#"CT Colonography, with \"tagging\""#))

            let bad = """
                code,name,modality,bodyRegion,projections,pregnancyRelevant
                XFINGR,XR Finger,DX,upperLimb,PA;Lateral,false
                XBADMO,XR Bad,ZZ,upperLimb,PA,false
                ,No code,DX,chest,PA,maybe
                XFINGR,XR Finger again,DX,upperLimb,PA,false
                """
            let refused = try await api.send(
                .post, "/api/catalogue/import", token: token, body: bad, contentType: "text/csv")
            #expect(refused.status == .unprocessableContent)
            let fields = refused.problemFields
            #expect(fields.contains("line 3.modality"))
            #expect(fields.contains("line 4.code"))
            #expect(fields.contains("line 4.pregnancyRelevant"))
            #expect(fields.contains("line 5.code"))
            #expect(!fields.contains { $0.hasPrefix("line 2") })
            let after = try await api.send(.get, "/api/catalogue", token: token)
            #expect(!after.text.contains("XFINGR"), "nothing is stored when any row is bad")

            let header = try await api.send(
                .post, "/api/catalogue/import", token: token, body: "code,title\nX,Y\n", contentType: "text/csv")
            #expect(header.status == .unprocessableContent)
            #expect(header.problemFields.allSatisfy { $0 == "header" })

            let wrongType = try await api.send(.post, "/api/catalogue/import", token: token, json: "{}")
            #expect(wrongType.status == .unsupportedMediaType)
            let support = try await api.send(
                .post, "/api/catalogue/import", token: seeded.tokens[.supportWorker], body: good,
                contentType: "text/csv")
            #expect(support.status == .forbidden)
        }
    }

    @Test("CSV parsing: quotes, doubled quotes, CRLF, BOM, row limit")
    func csvTable() throws {
        let table = try CSVTable(parsing: "\u{FEFF}a,b\r\n\"x,1\",\"say \"\"hi\"\"\"\r\n\r\nlast,\n", maxRows: 10)
        #expect(table.header == ["a", "b"])
        #expect(table.rows.map(\.fields) == [["x,1", "say \"hi\""], ["last", ""]])
        #expect(table.rows.map(\.line) == [2, 4])
        #expect(throws: CSVTable.SyntaxError.self) { try CSVTable(parsing: "a\n\"open", maxRows: 10) }
        #expect(throws: CSVTable.SyntaxError.self) { try CSVTable(parsing: "a\n1\n2\n3\n", maxRows: 2) }
        #expect(throws: CSVTable.SyntaxError.self) { try CSVTable(parsing: "", maxRows: 2) }
    }
}
