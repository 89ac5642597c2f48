import Foundation
import HTTPTypes
import LightboxDomain
import LightboxTestSupport
import LightboxWeb
import Testing

/// Issue 16: the per-patient dose history (API and patient page) and the dose register's CSV export (API
/// and the physicist's page), on a fixture worked by hand: a chest PA of 1.2 dGy·cm² with one exposure at
/// 110 kV and 2.5 mA·s in X-ray 1, then an hour later a CT head of CTDIvol 52 mGy (16 cm), DLP 800 mGy·cm
/// at 120 kV in CT 1, both for the same patient.
@Suite("Dose history and export")
struct DoseHistoryTests {
    struct Fixture {
        var chest: String
        var head: String
        var chestAccession: String
        var headAccession: String
        var patientID: UUID
        var chestAt: Date
        var headAt: Date
    }

    static func fixture(_ seeded: SeededDepartment, _ path: Pathway) async throws -> Fixture {
        let token = path.token("radiographer")
        let chest = try await path.checkedChest()
        try await path.step(chest, "start", by: token)
        let chestAt = seeded.clock.now()
        try await path.step(
            chest, "dose", by: token,
            #"{"doseAreaProduct":{"value":1.2,"unit":"dGy.cm2"},"numberOfExposures":1,"kilovolts":110,"milliampereSeconds":2.5}"#,
            expect: 201)
        seeded.clock.advance(by: 3600)
        let head = try await path.request("man", "CHEADN")
        try await path.justify(head, by: "radiologist")
        try await path.book(head, room: "ct")
        try await path.arrive(head)
        try await path.pauseAndCheck(head)
        try await path.step(head, "start", by: token)
        let headAt = seeded.clock.now()
        try await path.step(
            head, "dose", by: token,
            #"{"ctdiVol":{"value":52,"unit":"mGy"},"phantomDiameterCm":16,"dlp":{"value":800,"unit":"mGy.cm"},"kilovolts":120}"#,
            expect: 201)
        let exams = try await seeded.store.transaction { unit in
            (try await unit.exams.get(UUID(uuidString: chest)!), try await unit.exams.get(UUID(uuidString: head)!))
        }
        return Fixture(
            chest: chest, head: head, chestAccession: exams.0?.accessionNumber ?? "",
            headAccession: exams.1?.accessionNumber ?? "", patientID: try #require(seeded.patients["man"]?.id),
            chestAt: chestAt, headAt: headAt)
    }

    /// CSV text as rows of fields (the fixture's fields hold no commas or quotes).
    static func rows(_ text: String) -> [[String]] {
        text.split(separator: "\r\n", omittingEmptySubsequences: true).map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
    }

    static func day(_ date: Date) -> String {
        CalendarDate(date, in: TimeZone(identifier: "Europe/London")!).iso
    }

    @Test("The patient's dose history through the API: estimates, windows, audit, access")
    func historyAPI() async throws {
        try await TestApp.run(.sqlite) { seeded, client, database in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let f = try await Self.fixture(seeded, path)
            let response = try await path.api.send(
                .get, "/api/patients/\(f.patientID.uuidString)/dose", token: path.token("radiographer"))
            #expect(response.status == .ok, "\(response.text)")
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let history = try decoder.decode(PatientDoseHistory.self, from: Data(response.text.utf8))
            #expect(history.entries.map(\.examCode) == ["CHEADN", "XCHEST"])
            // 800 mGy·cm × 0.0021 = 1.68 mSv; 0.12 Gy·cm² × 0.18 = 0.0216 mSv; 1.7016 mSv in all.
            #expect(abs((history.entries[0].effectiveDose?.milliSievert ?? 0) - 1.68) < 1e-9)
            #expect(history.entries[0].dlpMilligrayCm == 800 && history.entries[0].bodyRegion == .head)
            #expect(abs((history.entries[1].effectiveDose?.milliSievert ?? 0) - 0.0216) < 1e-9)
            #expect(history.cumulative.map(\.days) == [365, 1825, nil])
            #expect(
                history.cumulative.allSatisfy { $0.exams == 2 && abs($0.effectiveDoseMilliSievert - 1.7016) < 1e-9 })
            #expect(
                history.entries[0].openAlerts == 2, "CTDIvol 52 > 47 and DLP 800 > 790: both above the national DRL")

            let referrer = try await path.api.send(
                .get, "/api/patients/\(f.patientID.uuidString)/dose", token: path.roleToken(.referrer))
            #expect(referrer.status == .forbidden)
            let unknown = try await path.api.send(
                .get, "/api/patients/\(UUID().uuidString)/dose", token: path.token("radiographer"))
            #expect(unknown.status == .notFound)
            let reads = try AuditRows.query(
                database, "SELECT action FROM audit_entries WHERE action = 'dose.history-read'")
            #expect(reads.count == 1, "\(reads)")
        }
    }

    @Test("The patient page shows the dose history to those who read the dose register, not to reception")
    func historyOnThePatientPage() async throws {
        try await TestApp.run(.sqlite) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let f = try await Self.fixture(seeded, path)
            var radiographer = PageSession(client)
            _ = try await radiographer.signIn(SeededDepartment.sessionUsername, SeededDepartment.sessionPassword)
            let page = try await radiographer.get("/patients/\(f.patientID.uuidString)")
            #expect(page.status == .ok)
            #expect(page.html.contains("Radiation dose history"), "\(page.html)")
            #expect(page.html.contains("DLP 800 mGy·cm × 0.0021 mSv per mGy·cm = 1.68 mSv"))
            #expect(page.html.contains("Dose area product 0.12 Gy·cm²"))
            #expect(page.html.contains("<td>Last 12 months</td><td>2</td><td>1.702 mSv</td>"), "\(page.html)")
            #expect(page.html.contains("2 open dose alerts"))
            #expect(page.html.contains("href=\"/exams/\(f.head)\""))

            try await PageTests.account(seeded, "r.desk", .supportWorker, person: "support")
            var desk = PageSession(client)
            _ = try await desk.signIn("r.desk", PageTests.password)
            let reception = try await desk.get("/patients/\(f.patientID.uuidString)")
            #expect(reception.status == .ok)
            #expect(!reception.html.contains("Radiation dose history"))
        }
    }

    @Test(
        "CSV export per exam and per event: columns and hand-computed values; filters; errors; audited",
        arguments: TestEngine.allCases)
    func exportCSV(engine: TestEngine) async throws {
        try await TestApp.run(engine) { seeded, client, database in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let f = try await Self.fixture(seeded, path)
            let token = path.roleToken(.physicist)
            let response = try await path.api.send(.get, "/api/dose/export", token: token)
            #expect(response.status == .ok, "\(response.text)")
            #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(response.headers[.contentDisposition]?.contains("dose-register-exams-") == true)
            let table = Self.rows(response.text)
            let header = try #require(table.first)
            #expect(header == DoseRegisterColumns.exam)
            #expect(table.count == 3, "\(response.text)")
            func row(_ index: Int) -> [String: String] {
                Dictionary(uniqueKeysWithValues: zip(header, table[index]))
            }
            let chest = row(1)
            let head = row(2)
            let age = String(
                seeded.patients["man"]?.age(on: CalendarDate(f.chestAt, in: TimeZone(identifier: "Europe/London")!))
                    ?? -1)
            #expect(chest["Accession number"] == f.chestAccession)
            #expect(chest["Study date"] == Self.day(f.chestAt))
            #expect(chest["Modality"] == "DX" && chest["Exam code"] == "XCHEST" && chest["Exam name"] == "XR Chest PA")
            #expect(chest["Body region"] == "Chest" && chest["Room"] == "X-ray 1")
            #expect(chest["Patient age (years)"] == age && chest["Patient sex"] == "M")
            #expect(chest["Dose source"] == "Entered on the exam screen")
            #expect(chest["Number of irradiation events"] == "1" && chest["Number of exposures"] == "1")
            #expect(chest["DAP total (Gy.cm2)"] == "0.12")
            #expect(chest["Effective dose estimate (mSv)"] == "0.0216")
            #expect(chest["Effective dose coefficient"] == "0.18 mSv per Gy·cm²")
            // 0.12 Gy·cm² per radiograph ÷ the national chest PA DRL 0.11 = 1.090909…
            #expect(chest["Highest national DRL ratio"] == "1.090909" && chest["Highest local DRL ratio"] == "")
            #expect(chest["Open dose alerts"] == "1" && chest["Source disagreements"] == "0")
            #expect(chest["CTDIvol highest (mGy)"] == "" && chest["DLP total (mGy.cm)"] == "")
            #expect(head["Accession number"] == f.headAccession && head["Room"] == "CT 1" && head["Modality"] == "CT")
            #expect(head["CTDIvol highest (mGy)"] == "52" && head["CTDIvol phantom (cm)"] == "16")
            #expect(head["DLP total (mGy.cm)"] == "800" && head["DAP total (Gy.cm2)"] == "")
            #expect(head["Effective dose estimate (mSv)"] == "1.68")
            // 52 ÷ 47 = 1.106383 (CTDIvol) is higher than 800 ÷ 790 = 1.012658 (DLP).
            #expect(head["Highest national DRL ratio"] == "1.106383" && head["Open dose alerts"] == "2")

            let events = try await path.api.send(.get, "/api/dose/export?level=event", token: token)
            let eventTable = Self.rows(events.text)
            #expect(eventTable.first == DoseRegisterColumns.event)
            #expect(eventTable.count == 3, "\(events.text)")
            let eventHeader = eventTable[0]
            let chestEvent = Dictionary(uniqueKeysWithValues: zip(eventHeader, eventTable[1]))
            let headEvent = Dictionary(uniqueKeysWithValues: zip(eventHeader, eventTable[2]))
            #expect(chestEvent["Accession number"] == f.chestAccession && chestEvent["Event number"] == "1")
            #expect(chestEvent["kVp"] == "110" && chestEvent["Exposure (mAs)"] == "2.5")
            #expect(headEvent["kVp"] == "120" && headEvent["CTDIvol (mGy)"] == "52")
            #expect(headEvent["CTDIvol phantom (cm)"] == "16")

            // Filters: modality, room, period.
            let ct = Self.rows(try await path.api.send(.get, "/api/dose/export?modality=CT", token: token).text)
            #expect(ct.count == 2 && ct[1].first == f.headAccession)
            let xr = seeded.rooms["xr"]?.id.uuidString ?? ""
            let room = Self.rows(try await path.api.send(.get, "/api/dose/export?roomID=\(xr)", token: token).text)
            #expect(room.count == 2 && room[1].first == f.chestAccession)
            let tomorrow = CalendarDate(f.headAt, in: TimeZone(identifier: "Europe/London")!).adding(days: 1).iso
            let future = try await path.api.send(
                .get, "/api/dose/export?from=\(tomorrow)&to=\(tomorrow)", token: token)
            #expect(future.status == .ok && Self.rows(future.text).count == 1, "a day with no exams: the header only")

            // Bad filters name their field; nothing is exported and nothing audited for them.
            let wrongLevel = try await path.api.send(.get, "/api/dose/export?level=series", token: token)
            #expect(wrongLevel.status.code == 422 && wrongLevel.problemFields == ["level"], "\(wrongLevel.text)")
            let backwards = try await path.api.send(
                .get, "/api/dose/export?from=2026-12-10&to=2026-12-01", token: token)
            #expect(backwards.status.code == 422 && backwards.problemFields == ["from"], "\(backwards.text)")
            let nowhere = try await path.api.send(.get, "/api/dose/export?roomID=\(UUID().uuidString)", token: token)
            #expect(nowhere.status.code == 422 && nowhere.problemFields == ["roomID"], "\(nowhere.text)")
            let badModality = try await path.api.send(
                .get, "/api/dose/export?modality=XX&from=2026-13-01", token: token)
            #expect(badModality.status.code == 422 && Set(badModality.problemFields) == ["modality", "from"])
            let referrer = try await path.api.send(.get, "/api/dose/export", token: path.roleToken(.referrer))
            #expect(referrer.status == .forbidden)
            let exported = try AuditRows.query(
                database, "SELECT detail FROM audit_entries WHERE action = 'dose.exported' ORDER BY sequence")
            #expect(exported.count == 5, "\(exported)")
            #expect(exported.dropFirst(2).first?.contains("modality CT") == true, "\(exported)")
        }
    }

    @Test("The physicist's export page: linked from the dose pages, errors summarised, the CSV downloaded")
    func exportPage() async throws {
        try await TestApp.run(.sqlite) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let f = try await Self.fixture(seeded, path)
            try await PageTests.account(seeded, "p.nair", .physicist, person: nil)
            var physicist = PageSession(client)
            _ = try await physicist.signIn("p.nair", PageTests.password)
            let incidents = try await physicist.get("/dose/incidents")
            #expect(incidents.html.contains("href=\"/dose/export\""))
            let form = try await physicist.get("/dose/export")
            #expect(form.status == .ok)
            #expect(
                form.html.contains("<option value=\"event\">One row per irradiation event</option>"), "\(form.html)")
            #expect(form.html.contains(">CT 1</option>") && form.html.contains("Effective dose estimate (mSv)"))
            let wrong = try await physicist.get("/dose/export/download?from=2026-12-10&to=2026-12-01&level=exam")
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.html.contains("class=\"error-summary\""))
            #expect(wrong.html.contains("href=\"#field-from\""), "\(wrong.html)")
            #expect(wrong.html.contains("value=\"2026-12-10\""), "what was typed is kept")
            let file = try await physicist.get("/dose/export/download?modality=CT&level=exam")
            #expect(file.status == .ok)
            #expect(file.headers[.contentType] == "text/csv; charset=utf-8")
            let table = Self.rows(file.html)
            #expect(table.count == 2 && table[1].first == f.headAccession, "\(file.html)")
        }
    }
}

extension DoseHistoryTests {
    @Test("The dose summary as Observations: part of the ImagingStudy, by patient and by study, valid FHIR")
    func fhirObservations() async throws {
        try await TestApp.run(.sqlite) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let f = try await Self.fixture(seeded, path)
            let fhir = FHIRClient(APIClient(client), seeded)
            let head = try await fhir.get("/fhir/Observation/\(f.head)")
            #expect(head.status == .ok, "\(head.text)")
            let json = try #require(head.json)
            #expect(
                json["meta"]?["profile"]?.arrayValueForTests.first
                    == "http://hl7.org/fhir/uv/radiation-dose-summary/StructureDefinition/radiation-dose-summary")
            #expect(json["code"]?["coding"]?.arrayValueForTests.first?["code"] == "73569-6")
            #expect(json["partOf"]?.arrayValueForTests.first?["reference"] == .string("ImagingStudy/\(f.head)"))
            #expect(json["subject"]?["reference"] == .string("Patient/\(f.patientID.uuidString)"))
            #expect(json["performer"]?.arrayValueForTests.count == 1, "the practitioner who justified it")
            let components = json["component"]?.arrayValueForTests ?? []
            func value(_ code: String, in list: [JSONValue]? = nil) -> Double? {
                let found = (list ?? components).first {
                    $0["code"]?["coding"]?.arrayValueForTests.first?["code"] == .string(code)
                }
                if case .number(let number)? = found?["valueQuantity"]?["value"] { return number }
                return nil
            }
            #expect(
                components.first?["valueCodeableConcept"]?["coding"]?.arrayValueForTests.first?["code"] == "77477000")
            #expect(value("113813") == 800 && value("113830") == 52)
            #expect(abs((value("113839") ?? 0) - 1.68) < 1e-9, "the register's effective dose estimate")
            let chest = try await fhir.get("/fhir/Observation/\(f.chest)")
            // 0.12 Gy·cm² is 120 mGy·cm², the guide's unit.
            let chestComponents = chest.json?["component"]?.arrayValueForTests ?? []
            #expect(abs((value("113722", in: chestComponents) ?? 0) - 120) < 1e-9, "\(chest.text)")
            #expect(chest.text.contains("\"unit\":\"mGy.cm2\""))

            let byPatient = try await fhir.get("/fhir/Observation?patient=Patient/\(f.patientID.uuidString)")
            #expect(Set(byPatient.entryIDs) == [f.chest, f.head], "\(byPatient.text)")
            let byStudy = try await fhir.get("/fhir/Observation?part-of=ImagingStudy/\(f.chest)")
            #expect(byStudy.entryIDs == [f.chest])
            let byCode = try await fhir.get(
                "/fhir/Observation?code=http://loinc.org|73569-6&patient=\(f.patientID.uuidString)")
            #expect(byCode.total == 2)
            #expect(try await fhir.get("/fhir/Observation?code=http://loinc.org|1234-5").total == 0)
            let woman = seeded.patients["woman"]?.id.uuidString ?? ""
            #expect(try await fhir.get("/fhir/Observation?patient=\(woman)").total == 0)
            let unknown = try await fhir.get("/fhir/Observation/\(UUID().uuidString)")
            #expect(unknown.status == .notFound)
            let metadata = try await fhir.get("/fhir/metadata", role: nil)
            #expect(metadata.text.contains("\"type\":\"Observation\""))
            _ = try await fhir.get("/fhir/ImagingStudy/\(f.head)")
            try FHIRPeer.validate(fhir.resources)
        }
    }
}

extension DoseHistoryTests {
    @Test("The dose entry form on the exam page: units and plausible ranges checked, errors summarised, recorded")
    func doseEntryForm() async throws {
        try await TestApp.run(.sqlite) { seeded, client, _ in
            let path = Pathway(seeded: seeded, api: APIClient(client))
            let exam = try await path.checkedChest()
            var radiographer = PageSession(client)
            _ = try await radiographer.signIn(SeededDepartment.sessionUsername, SeededDepartment.sessionPassword)
            let before = try await radiographer.get("/exams/\(exam)")
            #expect(!before.html.contains("id=\"dose-entry\""), "not before the exam has started")
            try await path.step(exam, "start", by: path.token("radiographer"))
            let page = try await radiographer.get("/exams/\(exam)")
            #expect(page.html.contains("id=\"dose-entry\""), "\(page.html)")
            #expect(page.html.contains("<option value=\"dGy.cm2\">dGy·cm²</option>"))
            #expect(!page.html.contains(">Gy.cm2<"), "units are shown as people write them")
            let token = page.formToken ?? ""
            let action = "/exams/\(exam)/dose"
            let wrongUnit = try await radiographer.post(
                action, [("_csrf", token), ("doseAreaProduct", "5"), ("doseAreaProduct.unit", "mGy")])
            #expect(wrongUnit.status == .unprocessableContent)
            #expect(wrongUnit.html.contains("class=\"error-summary\""))
            #expect(wrongUnit.html.contains("href=\"#dose-entry-field-doseAreaProduct\""), "\(wrongUnit.html)")
            #expect(wrongUnit.html.contains("is not a unit of dose area product"))
            #expect(wrongUnit.html.contains("value=\"5\""), "what was typed is kept")
            let implausible = try await radiographer.post(
                action, [("_csrf", token), ("doseAreaProduct", "2000"), ("doseAreaProduct.unit", "Gy.cm2")])
            #expect(implausible.status == .unprocessableContent)
            #expect(implausible.html.contains("outside the plausible range"), "\(implausible.html)")
            let notANumber = try await radiographer.post(
                action,
                [
                    ("_csrf", token), ("doseAreaProduct", "1.2"), ("doseAreaProduct.unit", "dGy.cm2"),
                    ("kilovolts", "high"),
                ])
            #expect(notANumber.status == .unprocessableContent)
            #expect(notANumber.html.contains("href=\"#dose-entry-field-kilovolts\""), "\(notANumber.html)")
            let examID = try #require(UUID(uuidString: exam))
            let untouched = try await seeded.store.transaction { try await $0.exams.get(examID) }
            #expect(untouched?.dose == nil, "refused figures leave nothing stored")
            let recorded = try await radiographer.post(
                action,
                [
                    ("_csrf", token), ("doseAreaProduct", "1.2"), ("doseAreaProduct.unit", "dGy.cm2"),
                    ("numberOfExposures", "1"), ("kilovolts", "110"),
                ])
            #expect(recorded.status == .seeOther, "\(recorded.html)")
            let stored = try await seeded.store.transaction { try await $0.exams.get(examID) }
            #expect(stored?.dose?.source == .entry)
            #expect(abs((stored?.dose?.totals.doseAreaProductGyCm2 ?? 0) - 0.12) < 1e-12)
            let after = try await radiographer.get("/exams/\(exam)?done=dose")
            #expect(after.html.contains("Dose figures recorded"))
            #expect(after.html.contains("Dose area product 0.12 Gy·cm²"))
        }
    }
}

/// The export's column headings, written out here so a change to them is seen by a test.
enum DoseRegisterColumns {
    static let examPart = [
        "Accession number", "Study instance UID", "Study date", "Study time", "Modality", "Exam code", "Exam name",
        "Body region", "Room", "Manufacturer", "Model name", "Station name", "Device serial number",
        "Patient age (years)", "Patient sex", "Dose source",
    ]
    static let exam =
        examPart + [
            "Number of irradiation events", "Number of exposures", "DAP total (Gy.cm2)", "Fluoro DAP total (Gy.cm2)",
            "Acquisition DAP total (Gy.cm2)", "Dose at RP total (mGy)", "Fluoro time total (s)",
            "CTDIvol highest (mGy)", "CTDIvol phantom (cm)", "DLP total (mGy.cm)", "AGD left (mGy)", "AGD right (mGy)",
            "Administered activity (MBq)", "Radiopharmaceutical", "Peak skin dose (mGy)",
            "Effective dose estimate (mSv)", "Effective dose coefficient", "Highest local DRL ratio",
            "Highest national DRL ratio", "Open dose alerts", "Source disagreements",
        ]
    static let event =
        examPart + [
            "Event number", "Irradiation event UID", "Event time", "Event type", "Protocol", "Acquisition plane",
            "Target region", "Laterality", "kVp", "Tube current (mA)", "Exposure time (s)", "Exposure (mAs)",
            "Number of pulses", "Exposure index", "DAP (Gy.cm2)", "Dose at RP (mGy)", "Entrance dose (mGy)",
            "AGD (mGy)", "Peak skin dose (mGy)", "CT acquisition type", "CTDIvol (mGy)", "DLP (mGy.cm)",
            "CTDIvol phantom (cm)",
            "Scanning length (mm)", "Pitch factor",
        ]
}
