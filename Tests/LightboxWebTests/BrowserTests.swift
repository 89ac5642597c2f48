import DICOM
import Foundation
import Hummingbird
import HummingbirdTesting
import LightboxDomain
import LightboxTestSupport
import LightboxWeb
import Testing

/// The pages in a real browser: `Browser/pages.py` drives Debian's headless Chromium through
/// selenium against a Lightbox started here on an ephemeral loopback port.
@Suite("Pages in a browser")
struct BrowserTests {
    /// The first python3 on PATH (then pyenv's, then Debian's) that has selenium and axe-selenium-python,
    /// which scripts/test installs; none is a failure naming what is missing.
    static func python() throws -> String {
        let fromPath = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/python3" }
        for candidate in fromPath + ["/root/.pyenv/shims/python3", "/usr/local/bin/python3", "/usr/bin/python3"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            let probe = try ExternalProgram(path: candidate).run(
                ["-c", "import selenium, axe_selenium_python"], timeout: 60)
            if probe.status == 0 { return candidate }
        }
        throw ExternalProgram.Missing(
            description: "no python3 with selenium and axe-selenium-python; run scripts/test, which installs them")
    }

    /// The XSS corpus file's values, as a patient and a request would carry them.
    static func xssValues() throws -> (name: String, patientID: String, question: String) {
        let file = try DICOMReader().read(contentsOf: try WebCorpus.xssFile().path)
        let name = try #require(file.dataSet.string(.patientName))
        let id = try #require(file.dataSet.string(.patientID))
        let question = try #require(file.dataSet.string(.studyDescription))
        #expect(name.contains("<script>") && question.contains("<script>"), "the corpus file carries its payload")
        return (name, id, question)
    }

    @Test("One patient's journey through the pages, the refusals, injected values shown as text, axe-core")
    func journey() async throws {
        try await TestDatabase.with(.sqlite) { database in
            let seeded = try await SeededDepartment.create(in: database.database)
            let setup = Actor(staffID: nil, username: "test-setup", role: .manager, door: .system)
            let password = "correct horse battery staple"
            for (username, role, person) in [
                ("b.walsh", AccessRole.supportWorker, "support"), ("g.okafor", .radiographer, "radiographer"),
                ("j.price", .assistantPractitioner, "ap"), ("p.shah", .radiologist, "radiologist"),
                ("a.admin", .admin, "none"),
            ] {
                _ = try await seeded.auth.createAccount(
                    username: username, role: role, password: password, staffID: seeded.staff[person]?.id, by: setup)
            }
            // The seeded radiologist vets, operates and checks images; here they also report plain films.
            let now = seeded.clock.now()
            _ = try await seeded.department.grantEntitlement(
                .init(
                    staffID: try #require(seeded.staff["radiologist"]?.id), duty: .report,
                    scope: ExamScope(modality: .DX), starts: now.addingTimeInterval(-86400),
                    expires: now.addingTimeInterval(365 * 86400), supervisionRequired: false,
                    trainingEvidence: "FRCR"),
                by: setup)
            // The order communications system names the referrer (a referrer's own account would request as itself).
            let orders = Actor(staffID: nil, username: "order-comms", role: .integration, door: .api)
            let man = try #require(seeded.patients["man"])
            let exam = try await seeded.department.createRequest(
                .init(
                    identifiers: RequestIdentifiers(
                        name: man.name, dateOfBirth: man.dateOfBirth, nhsNumber: man.nhsNumber?.digits),
                    examCode: "XCHEST", clinicalQuestion: "? consolidation", referrerID: seeded.referrer.id,
                    priority: .urgent),
                by: orders
            ).value

            // The corpus file's values as a patient (name, hospital number) and a request (question), plus an
            // event handler that would set a flag if any markup were ever parsed.
            let xss = try Self.xssValues()
            let xssName = LightboxDomain.PersonName(
                family: xss.name, given: [#"<img src=x onerror="window.__lightboxInjected=true">"#])
            let birth = try CalendarDate(year: 1970, month: 1, day: 1)
            let injected = try await seeded.department.registerPatient(
                PatientDetails(
                    hospitalNumbers: [HospitalNumber(value: xss.patientID, issuingAuthority: "RVJ")], name: xssName,
                    dateOfBirth: birth, sex: .female),
                by: setup
            ).value
            let injectedExam = try await seeded.department.createRequest(
                .init(
                    identifiers: RequestIdentifiers(
                        name: xssName, dateOfBirth: birth,
                        hospitalNumber: HospitalNumber(value: xss.patientID, issuingAuthority: "RVJ")),
                    examCode: "XCHEST", clinicalQuestion: xss.question, referrerID: seeded.referrer.id,
                    priority: .routine),
                by: orders
            ).value

            // The exam's images, so the radiographer checks them in the viewer before recording the image check.
            let images = try await ViewerFixture.make(seeded, slices: 2, examID: exam.id)
            defer { images.remove() }
            var environment = seeded.environment()
            environment.archive = images.archive
            let web = WebApplication(environment: environment)
            let app = Application(
                router: web.buildRouter().router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
            try await app.test(.live) { client in
                let port = try #require(client.port)
                // A CT chest with contrast, arrived, for the radiographer's Pause and Check with contrast screening.
                let path = Pathway(seeded: seeded, api: APIClient(client))
                let contrastExam = try await path.request("man", "CCHEST")
                try await path.justify(contrastExam, by: "radiologist")
                try await path.book(contrastExam, room: "ct")
                try await path.arrive(contrastExam)
                let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                let repository = here.deletingLastPathComponent().deletingLastPathComponent()
                let config: [String: Any] = [
                    "base": "http://127.0.0.1:\(port)",
                    "screenshots": repository.appendingPathComponent("docs/screenshots").path,
                    "password": password, "support": "b.walsh", "radiographer": "g.okafor", "ap": "j.price",
                    "radiologist": "p.shah", "room": seeded.rooms["xr"]?.name ?? "",
                    "roomID": seeded.rooms["xr"]?.id.uuidString ?? "",
                    "slot": Self.slot(seeded.clock.now().addingTimeInterval(3600), seeded.configuration.timeZone),
                    "supervisor": seeded.staff["radiographer"]?.displayName ?? "",
                    "exam": exam.id.uuidString, "examImage": images.sopInstanceUIDs[0],
                    "xssPatient": injected.id.uuidString,
                    "xssExam": injectedExam.id.uuidString, "xssHospitalNumber": xss.patientID,
                    "xssName": injected.name.display, "xssQuestion": xss.question,
                    "admin": "a.admin", "contrastExam": contrastExam,
                    "catalogueCSV": here.appendingPathComponent("Browser/catalogue-import.csv").path,
                ]
                let configFile = FileManager.default.temporaryDirectory
                    .appendingPathComponent("lightbox-browser-\(UUID().uuidString).json")
                try JSONSerialization.data(withJSONObject: config).write(to: configFile)
                defer { try? FileManager.default.removeItem(at: configFile) }
                let script = here.appendingPathComponent("Browser/pages.py").path
                let result = try await Self.run(try Self.python(), [script, configFile.path])
                #expect(result.status == 0, "\(result.standardError)\n\(result.standardOutput)")
                #expect(result.standardOutput.contains("ok: the report is verified"))
                #expect(result.standardOutput.contains("ok: the catalogue import's result replaced its progress"))
                // Ends the page's event stream, as a graceful shutdown does, so the server stops at once.
                seeded.live.close()
            }
            let stored = try await seeded.store.transaction { try await $0.exams.get(exam.id) }
            #expect(stored?.state == .reportVerified)
            #expect(stored?.performance?.supervisorStaffID == seeded.staff["radiographer"]?.id)
            #expect(stored?.imageChecks.last?.diagnostic == true)
            #expect(stored?.report?.alert == .urgent)
            let contrast = try await seeded.store.transaction { unit in
                try await unit.exams.list(ExamQuery(states: [.checked], limit: 10)).first?.pauseAndCheck?.contrast
            }
            #expect(contrast?.agent == "Omnipaque 300" && contrast?.volumeMillilitres == 80)
        }
    }

    /// A `datetime-local` value in the department's time zone.
    static func slot(_ date: Date, _ timeZone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
        return formatter.string(from: date)
    }

    /// Runs the program off the cooperative pool, so the server under test keeps its threads.
    static func run(_ path: String, _ arguments: [String]) async throws -> ExternalProgram.Result {
        let program = try ExternalProgram(path: path)
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try program.run(arguments, timeout: 300) })
            }
        }
    }
}

/// The XSS corpus file, from the assembled `.corpus/` (scripts/corpus) or the shared corpus.
enum WebCorpus {
    static let xssPath = "dicom/orthanc-tests/2017-06-27-XSSInjection.dcm"

    static func xssFile() throws -> URL { try TestCorpus.file(xssPath) }
}
