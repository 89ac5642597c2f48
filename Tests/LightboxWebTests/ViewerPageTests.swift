import DICOM
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LightboxDomain
import LightboxTestSupport
import LightboxWeb
import NIOCore
import Testing

/// The viewer's pages through HTTP: a patient's studies and series, the exam's study opened first, and the
/// de-identified export for a referrer (DICOM for one image, ZIP for a series), audited as a disclosure and refused
/// without the permission, without its form token, or without a recipient and purpose.
@Suite("Viewer pages")
struct ViewerPageTests {
    /// Runs `body` with the web application over a seeded department with the viewer's archive, a browser session
    /// signed in as the seeded radiographer.
    static func run(
        _ engine: TestEngine,
        _ body:
            @escaping @Sendable (SeededDepartment, ViewerFixture, any TestClientProtocol, TestDatabase) async throws ->
            Void
    ) async throws {
        try await TestDatabase.with(engine) { database in
            let seeded = try await SeededDepartment.create(in: database.database)
            let fixture = try await ViewerFixture.make(seeded, slices: 2)
            defer { fixture.remove() }
            var environment = seeded.environment()
            environment.archive = fixture.archive
            let app = Application(router: WebApplication(environment: environment).buildRouter().router)
            try await app.test(.router) { client in
                try await body(seeded, fixture, client, database)
            }
        }
    }

    static func signedIn(_ client: any TestClientProtocol) async throws -> PageSession {
        var browser = PageSession(client)
        let home = try await browser.signIn(SeededDepartment.sessionUsername, SeededDepartment.sessionPassword)
        #expect(home.status == .seeOther)
        return browser
    }

    @Test("The exam's viewer lists the patient's studies and series, opens the exam's series, and is audited")
    func viewerPage() async throws {
        try await Self.run(.sqlite) { _, fixture, client, database in
            var browser = try await Self.signedIn(client)
            let page = try await browser.get("/exams/\(fixture.exam.id.uuidString)/images")
            #expect(page.status == .ok)
            #expect(page.html.contains(#"data-study="\#(fixture.studyInstanceUID)""#))
            #expect(page.html.contains(#"data-series="\#(fixture.seriesInstanceUID)""#))
            #expect(page.html.contains(#"viewer__series--selected" data-study"#))
            #expect(page.html.contains("2 images"))
            #expect(page.html.contains(#"<script src="/static/viewer.js" defer></script>"#))
            #expect(page.html.contains(#"id="export-form""#), "a radiographer may send a de-identified copy")
            #expect(!page.html.contains("<script>"))
            let script = try await browser.get("/static/viewer.js")
            #expect(script.status == .ok && script.headers[.contentType]?.hasPrefix("text/javascript") == true)
            let actions = try await AuditRows.actions(database, patientID: fixture.patient.id.uuidString)
            #expect(actions.contains("image.read"))
            // The patient page links to the viewer.
            let record = try await browser.get("/patients/\(fixture.patient.id.uuidString)")
            #expect(record.html.contains("/patients/\(fixture.patient.id.uuidString)/images"))
        }
    }

    @Test("A performed exam's page opens its images in the viewer, for its image check")
    func imageCheckOpensViewer() async throws {
        try await TestDatabase.with(.sqlite) { database in
            let seeded = try await SeededDepartment.create(in: database.database)
            let plain = Application(router: WebApplication(environment: seeded.environment()).buildRouter().router)
            let examID = try await plain.test(.router) { client in
                let path = Pathway(seeded: seeded, api: APIClient(client))
                let exam = try await path.checkedChest()
                try await path.step(exam, "start", by: path.token("radiographer"))
                return try #require(UUID(uuidString: exam))
            }
            let fixture = try await ViewerFixture.make(seeded, slices: 1, examID: examID)
            defer { fixture.remove() }
            var environment = seeded.environment()
            environment.archive = fixture.archive
            let app = Application(router: WebApplication(environment: environment).buildRouter().router)
            try await app.test(.router) { client in
                var browser = try await Self.signedIn(client)
                let exam = try await browser.get("/exams/\(examID.uuidString)")
                #expect(exam.status == .ok)
                #expect(exam.html.contains(#"href="/exams/\#(examID.uuidString)/images" id="open-images""#))
                let viewer = try await browser.get("/exams/\(examID.uuidString)/images")
                #expect(viewer.status == .ok)
                #expect(viewer.html.contains(#"data-series="\#(fixture.seriesInstanceUID)""#))
            }
        }
    }

    @Test("A patient with no images gets a page that says so; a support worker is refused the viewer")
    func emptyAndRefused() async throws {
        try await Self.run(.sqlite) { seeded, _, client, _ in
            var browser = try await Self.signedIn(client)
            let woman = try #require(seeded.patients.first { $0.key != "man" }?.value)
            let empty = try await browser.get("/patients/\(woman.id.uuidString)/images")
            #expect(empty.status == .ok)
            #expect(empty.html.contains("No images are archived for this patient yet."))
            try await PageTests.account(seeded, "s.support", .supportWorker, person: nil)
            var support = PageSession(client)
            _ = try await support.signIn("s.support", PageTests.password)
            let refused = try await support.get("/patients/\(woman.id.uuidString)/images")
            #expect(refused.status == .forbidden)
        }
    }

    @Test(
        "Export: one image as de-identified DICOM, a series as a ZIP, each audited as a disclosure",
        arguments: TestEngine.allCases)
    func export(engine: TestEngine) async throws {
        try await Self.run(engine) { _, fixture, client, database in
            var browser = try await Self.signedIn(client)
            let page = try await browser.get("/patients/\(fixture.patient.id.uuidString)/images")
            let token = try #require(page.formToken)
            let path = "/patients/\(fixture.patient.id.uuidString)/images/export"
            let image = try await browser.send(
                .post, path,
                body: Self.body([
                    ("_csrf", token), ("study", fixture.studyInstanceUID), ("series", fixture.seriesInstanceUID),
                    ("instance", fixture.sopInstanceUIDs[0]), ("scope", "image"),
                    ("recipient", "Dr A Jones, Royal Infirmary"), ("purpose", "second opinion"),
                ]))
            #expect(image.status == .ok)
            #expect(image.headers[.contentType] == "application/dicom")
            #expect(image.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            let file = try DICOMReader().read(image.bytes)
            #expect(file.dataSet.string(Tag(0x0012, 0x0062)) == "YES")
            #expect(file.dataSet[.patientName]?.isEmpty == true)
            #expect(file.dataSet[Tag(0x0008, 0x0050)]?.isEmpty == true, "no accession number")
            let newStudy = try #require(file.dataSet.string(.studyInstanceUID))
            #expect(newStudy != fixture.studyInstanceUID && newStudy.hasPrefix("2.25."))
            #expect(file.dataSet.double(Tag(0x0028, 0x0030)) == fixture.pixelSpacing.first, "pixel spacing kept")

            let series = try await browser.send(
                .post, path,
                body: Self.body([
                    ("_csrf", token), ("study", fixture.studyInstanceUID), ("series", fixture.seriesInstanceUID),
                    ("scope", "series"), ("recipient", "Dr A Jones"), ("purpose", "tumour board"),
                ]))
            #expect(series.status == .ok)
            #expect(series.headers[.contentType] == "application/zip")
            let zip = series.bytes
            #expect(Array(zip.readableBytesView.prefix(4)) == [0x50, 0x4B, 0x03, 0x04])
            #expect(Self.zipEntries(zip).count == 2)
            #expect(!String(decoding: zip.readableBytesView, as: UTF8.self).contains(fixture.exam.accessionNumber))

            let disclosed = try AuditRows.query(
                database, "SELECT detail FROM audit_entries WHERE action = 'image.disclosed' ORDER BY sequence")
            #expect(disclosed.count == 2)
            #expect(disclosed.first?.contains("to Dr A Jones, Royal Infirmary for second opinion") == true)
            #expect(disclosed.first?.contains(fixture.studyInstanceUID) == true)
            #expect(disclosed.first?.contains(newStudy) == true, "the audit says which new UIDs the recipient sees")
            let patientRows = try await AuditRows.actions(database, patientID: fixture.patient.id.uuidString)
            #expect(patientRows.filter { $0 == "image.disclosed" }.count == 2)
        }
    }

    @Test("Export refused: no recipient or purpose (422, nothing audited), no form token, no permission")
    func exportRefused() async throws {
        try await Self.run(.sqlite) { seeded, fixture, client, database in
            var browser = try await Self.signedIn(client)
            let page = try await browser.get("/patients/\(fixture.patient.id.uuidString)/images")
            let token = try #require(page.formToken)
            let path = "/patients/\(fixture.patient.id.uuidString)/images/export"
            let fields = [
                ("study", fixture.studyInstanceUID), ("series", fixture.seriesInstanceUID), ("scope", "series"),
            ]
            let missing = try await browser.send(.post, path, body: Self.body([("_csrf", token)] + fields))
            #expect(missing.status == .unprocessableContent)
            #expect(missing.html.contains("error-summary"))
            #expect(missing.html.contains("Say who receives the images"))
            #expect(missing.html.contains(##"href="#field-purpose""##))
            let tokenless = try await browser.send(
                .post, path, body: Self.body(fields + [("recipient", "Dr A Jones"), ("purpose", "opinion")]))
            #expect(tokenless.status == .forbidden)

            try await PageTests.account(seeded, "a.assistant", .assistantPractitioner, person: nil)
            var assistant = PageSession(client)
            _ = try await assistant.signIn("a.assistant", PageTests.password)
            let viewer = try await assistant.get("/patients/\(fixture.patient.id.uuidString)/images")
            #expect(viewer.status == .ok, "an assistant practitioner views images")
            #expect(!viewer.html.contains(#"id="export-form""#), "but is not offered the export")
            let refused = try await assistant.send(
                .post, path,
                body: Self.body(
                    [("_csrf", viewer.formToken ?? "")] + fields + [
                        ("recipient", "Dr A Jones"), ("purpose", "opinion"),
                    ]
                ))
            #expect(refused.status == .forbidden)
            let disclosed = try AuditRows.query(
                database, "SELECT action FROM audit_entries WHERE action = 'image.disclosed'")
            #expect(disclosed.isEmpty)
        }
    }

    static func body(_ fields: [(String, String)]) -> String {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        return fields.map {
            "\($0.0)=" + ($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
        }.joined(separator: "&")
    }

    /// The names in a ZIP's central directory.
    static func zipEntries(_ zip: ByteBuffer) -> [String] {
        let bytes = Array(zip.readableBytesView)
        var names: [String] = []
        var index = 0
        while index + 46 <= bytes.count {
            if bytes[index] == 0x50 && bytes[index + 1] == 0x4B && bytes[index + 2] == 0x01 && bytes[index + 3] == 0x02
            {
                let length = Int(bytes[index + 28]) | Int(bytes[index + 29]) << 8
                names.append(String(decoding: bytes[(index + 46)..<(index + 46 + length)], as: UTF8.self))
                index += 46 + length
            } else {
                index += 1
            }
        }
        return names
    }
}
