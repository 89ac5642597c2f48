import Foundation
import LightboxTestSupport
import Testing

/// The dose register's capture at ingest, end to end: `lightbox serve` with a booked exam per corpus
/// file, each `rdsr` and `dose-image` file made the exam's (accession number, Study Instance UID and
/// patient set with dcmodify) and stored with dcmtk's storescu; the exam's dose record
/// (`GET /api/exams/{id}`) must equal what an independent pydicom extraction (Scripts/dose_extract.py)
/// finds in the same file. And a CT head above the national DRL raises an alert at image check and in
/// the physicist's queue; acknowledging it is audited.
@Suite("Dose capture at ingest", .serialized)
struct DoseCaptureTests {
    /// A python3 that has pydicom (pyenv's first, as scripts/test installs it); a missing peer fails.
    static func python() throws -> String {
        let fromPath = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/python3" }
        for candidate in fromPath + ["/root/.pyenv/shims/python3", "/usr/local/bin/python3", "/usr/bin/python3"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            if try ExternalProgram(path: candidate).run(["-c", "import pydicom"], timeout: 60).status == 0 {
                return candidate
            }
        }
        throw ExternalProgram.Missing(description: "no python3 with pydicom: scripts/test installs it")
    }

    /// A valid NHS number (modulus 11) from a serial.
    static func nhsNumber(_ serial: Int) -> String {
        var base = 400_000_000 + serial * 7
        while true {
            let digits = String(base).compactMap(\.wholeNumberValue)
            let sum = digits.enumerated().map { $0.element * (10 - $0.offset) }.reduce(0, +)
            let check = (11 - sum % 11) % 11
            if check != 10 { return String(base) + String(check) }
            base += 1
        }
    }

    /// A slot for the `index`th booking: tomorrow onwards, 40 quarter-hours a day from 08:00 UTC.
    static func slot(_ index: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London") ?? .gmt
        let tomorrow = calendar.startOfDay(for: Date().addingTimeInterval(86_400 * Double(1 + index / 40)))
        let moment = tomorrow.addingTimeInterval(Double(9 * 3600 + (index % 40) * 15 * 60))
        return moment.formatted(.iso8601)
    }

    /// A copy of `path` made the exam's: accession number, study, patient; new series and instance UIDs
    /// (several corpus files share them, and each goes to its own exam).
    static func copy(_ path: String, for booked: WorklistDepartment.Booked, into folder: URL) throws -> String {
        let target = folder.appendingPathComponent(UUID().uuidString + ".dcm")
        try FileManager.default.copyItem(atPath: path, toPath: target.path)
        let patient = booked.patient
        let result = try DCMTK.run(
            "dcmodify",
            [
                "-nb", "-ie", "-gse", "-gin", "-i", "(0008,0050)=\(booked.accession)", "-i",
                "(0020,000D)=\(booked.studyUID)", "-i", "(0010,0020)=\(patient.hospitalNumber)", "-i",
                "(0010,0010)=\(patient.family.uppercased())^\(patient.given)", "-i",
                "(0010,0030)=\(patient.birthDate.filter(\.isNumber))", target.path,
            ])
        if result.status == 0 { return target.path }
        // A few corpus files dcmtk cannot parse (an odd length dcmtk reads past): pydicom writes the
        // same changes, and the copy it writes is one storescu can send.
        try FileManager.default.removeItem(at: target)
        let rewritten = try ExternalProgram(path: try python()).run(
            [
                "-c", rewrite, path, target.path, booked.accession, booked.studyUID, patient.hospitalNumber,
                "\(patient.family.uppercased())^\(patient.given)", patient.birthDate.filter(\.isNumber),
            ], timeout: 120)
        guard rewritten.status == 0 else {
            throw Failure(
                "dcmodify and pydicom could not rewrite \(path): \(result.standardError) \(rewritten.standardError)")
        }
        return target.path
    }

    /// The changes `copy` asks of dcmodify, made with pydicom.
    static let rewrite = """
        import sys
        import pydicom
        from pydicom.uid import generate_uid
        source, target, accession, study, patient_id, name, birth = sys.argv[1:8]
        ds = pydicom.dcmread(source)
        ds.AccessionNumber = accession
        ds.StudyInstanceUID = study
        ds.PatientID = patient_id
        ds.PatientName = name
        ds.PatientBirthDate = birth
        ds.SeriesInstanceUID = generate_uid()
        ds.SOPInstanceUID = generate_uid()
        ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
        ds.save_as(target)
        """

    static func patient(_ index: Int) -> WorklistDepartment.Patient {
        .init(
            family: "Dose\(String(UnicodeScalar(UInt8(65 + index % 26))))\(index)", given: "Pat",
            hospitalNumber: "DH\(100_000 + index)", nhs: nhsNumber(index), birthDate: "1970-01-01", sex: "female")
    }

    static func close(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case (let a?, let b?): abs(a - b) <= 1e-9 * max(1, abs(a), abs(b))
        default: false
        }
    }

    @Test("every rdsr and dose-image corpus file stored by storescu gives its exam the dose record pydicom finds")
    func corpusFilesGiveTheirExamsTheirDoseRecords() async throws {
        let department = try await WorklistDepartment(peers: ["DOSEMOD": "echo,store"])
        defer { Task { await department.stop() } }
        let paths = try CorpusFiles.paths(["rdsr", "dose-image"])
        #expect(paths.count >= 40, "the corpus has its dose files")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-dose-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var sent: [(path: String, copy: String, exam: String)] = []
        for (index, path) in paths.enumerated() {
            let isCT = path.split(separator: "/").last?.hasPrefix("CT") == true
            let booked = try department.book(
                Self.patient(index), code: isCT ? "CHEADN" : "XCHEST", room: isCT ? "ct" : "xr", at: Self.slot(index))
            sent.append((path, try Self.copy(path, for: booked, into: folder), booked.id))
        }
        // One association; storescu proposes each file's SOP class in the uncompressed transfer syntaxes.
        let stored = try DCMTK.store(
            port: department.server.dicomPort, callingAETitle: "DOSEMOD", files: sent.map(\.copy), extra: ["-R"])
        #expect(stored.status == 0, "\(stored.standardError)")
        let extraction = try ExternalProgram(path: try Self.python()).run(
            [Self.script.path] + sent.map(\.copy), timeout: 300)
        #expect(extraction.status == 0, "\(extraction.standardError)")
        let expected =
            try JSONSerialization.jsonObject(with: Data(extraction.standardOutput.utf8)) as? [String: Any] ?? [:]
        #expect(expected.count == sent.count)
        var withRecord = 0
        for item in sent {
            let name = item.path.split(separator: "/").last.map(String.init) ?? item.path
            let exam = try #require(
                try department.get("/api/exams/\(item.exam)", department.radiographer) as? [String: Any])
            let dose = exam["dose"] as? [String: Any]
            guard let figures = expected[item.copy] as? [String: Any] else {
                #expect(dose?["source"] == nil, "\(name): no dose in the file, none recorded")
                continue
            }
            guard let dose else {
                Issue.record("\(name): no dose record on its exam")
                continue
            }
            withRecord += 1
            #expect(dose["source"] as? String == figures["source"] as? String, "\(name): source")
            let totals = dose["totals"] as? [String: Any] ?? [:]
            for key in [
                "doseAreaProductGyCm2", "referencePointDoseMilligray", "fluoroscopySeconds", "dlpMilligrayCm",
                "ctdiVolMilligray",
            ] where figures.keys.contains(key) {
                let mine = totals[key] as? Double
                let theirs = figures[key] as? Double
                #expect(
                    Self.close(mine, theirs),
                    "\(name): \(key) \(String(describing: mine)) ≠ pydicom \(String(describing: theirs))")
            }
            if let agd = figures["averageGlandularDose"] as? [[Any]] {
                let mine = (totals["averageGlandularDose"] as? [[String: Any]] ?? []).map {
                    ($0["laterality"] as? String ?? "", $0["milligray"] as? Double ?? -1)
                }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
                let theirs = agd.map { ($0[0] as? String ?? "", $0[1] as? Double ?? -2) }
                #expect(
                    mine.count == theirs.count
                        && zip(mine, theirs).allSatisfy { $0.0 == $1.0 && Self.close($0.1, $1.1) },
                    "\(name): AGD \(mine) ≠ pydicom \(theirs)")
            }
            let events = dose["events"] as? [[String: Any]] ?? []
            let theirEvents = figures["events"] as? [[String: Any]] ?? []
            #expect(events.count == theirEvents.count, "\(name): \(events.count) events ≠ pydicom \(theirEvents.count)")
            for (mine, theirs) in zip(events, theirEvents) {
                for (key, field) in [
                    ("kv", "kilovolts"), ("mas", "milliampereSeconds"), ("ctdiVol", "ctdiVolMilligray"),
                    ("dlp", "dlpMilligrayCm"), ("dap", "doseAreaProductGyCm2"),
                    ("doseRP", "referencePointDoseMilligray"),
                ] where theirs.keys.contains(key) {
                    let a = mine[field] as? Double
                    let b = theirs[key] as? Double
                    #expect(
                        Self.close(a, b),
                        "\(name): event \(field) \(String(describing: a)) ≠ pydicom \(String(describing: b))")
                }
            }
        }
        #expect(withRecord >= 38, "nearly every dose file carries dose information")
    }

    @Test(
        "a CT head above the national DRL raises an alert at image check and in the physicist's queue; acknowledging is audited"
    )
    func ctHeadAboveTheNationalLevelRaisesAnAlert() async throws {
        let department = try await WorklistDepartment(peers: ["CTSCAN": "echo,store"])
        defer { Task { await department.stop() } }
        let physicist = try department.addUser("phys", role: "physicist")
        let booked = try department.book(Self.patient(90), code: "CHEADN", room: "ct", at: Self.slot(0))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-dose-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // GE LightSpeed RT16 head: highest CTDIvol 222.59 mGy (16 cm phantom), DLP 586.34 mGy·cm.
        let source = try TestCorpus.file("dicom/rdsr/openrem/CT-RDSR-GEPixelMed.dcm").path
        let copy = try Self.copy(source, for: booked, into: folder)
        let stored = try DCMTK.store(
            port: department.server.dicomPort, callingAETitle: "CTSCAN", files: [copy], extra: ["-R"])
        #expect(stored.status == 0, "\(stored.standardError)")

        // At image check: the exam carries its dose record, the comparison and the open alert.
        let exam = try #require(
            try department.get("/api/exams/\(booked.id)", department.radiographer) as? [String: Any])
        let dose = try #require(exam["dose"] as? [String: Any])
        let comparisons = dose["comparisons"] as? [[String: Any]] ?? []
        let ctdi = try #require(comparisons.first { $0["metric"] as? String == "ctdivol" })
        #expect(ctdi["referenceLevel"] as? Double == 47)
        #expect(Self.close(ctdi["ratio"] as? Double, 222.59 / 47))
        let dlp = try #require(comparisons.first { $0["metric"] as? String == "dlp" })
        #expect(Self.close(dlp["ratio"] as? Double, 586.34 / 790))
        let alerts = dose["alerts"] as? [[String: Any]] ?? []
        #expect(alerts.count == 1, "one alert: CTDIvol above the DRL, DLP below it")
        let alert = try #require(alerts.first)
        #expect(alert["metric"] as? String == "ctdivol")
        #expect(alert["kind"] as? String == "above-reference-level")
        #expect(alert["acknowledgement"] == nil)
        let alertID = try #require(alert["id"] as? String)

        // In the physicist's queue.
        let queue = try #require(try department.get("/api/dose/alerts", physicist) as? [[String: Any]])
        #expect(queue.map { $0["id"] as? String } == [alertID])
        // A support worker may not read it; the queue's filters are checked.
        let desk = try department.addUser("desk", role: "support-worker")
        #expect(throws: (any Error).self) { try department.get("/api/dose/alerts", desk) }
        #expect(throws: (any Error).self) { try department.get("/api/dose/alerts?status=closed", physicist) }

        // Acknowledging needs a comment (422, nothing changed), then is audited.
        try department.send(
            "POST", "/api/dose/alerts/\(alertID)/acknowledgement", physicist, #"{"comment":"  "}"#, expect: 422)
        #expect((try department.get("/api/dose/alerts", physicist) as? [[String: Any]])?.count == 1)
        let acknowledged = try department.post(
            "/api/dose/alerts/\(alertID)/acknowledgement", physicist,
            #"{"comment":"Trauma protocol repeated for motion; justified by the radiologist."}"#)
        #expect((acknowledged["acknowledgement"] as? [String: Any])?["username"] as? String == "phys")
        try department.send(
            "POST", "/api/dose/alerts/\(alertID)/acknowledgement", physicist, #"{"comment":"again"}"#, expect: 409)
        #expect((try department.get("/api/dose/alerts", physicist) as? [[String: Any]])?.isEmpty == true)
        let all = try #require(try department.get("/api/dose/alerts?status=all", physicist) as? [[String: Any]])
        #expect(all.count == 1)
        let after = try #require(
            try department.get("/api/exams/\(booked.id)", department.radiographer) as? [String: Any])
        let shown = ((after["dose"] as? [String: Any])?["alerts"] as? [[String: Any]])?.first
        #expect((shown?["acknowledgement"] as? [String: Any])?["comment"] as? String != nil)
        let audit = try #require(
            try department.get("/api/audit?examID=\(booked.id)", department.manager) as? [[String: Any]])
        let actions = audit.compactMap { $0["action"] as? String }
        #expect(actions.contains("dose.recorded"))
        #expect(actions.contains("dose.alert-raised"))
        let entry = try #require(audit.first { $0["action"] as? String == "dose.alert-acknowledged" })
        #expect(entry["actorUsername"] as? String == "phys")
        #expect((entry["detail"] as? String)?.contains("justified by the radiologist") == true)
    }

    @Test(
        "a peak skin dose reaches the exam's dose record per event and in total; a Patient Radiation Dose SR's estimate replaces it"
    )
    func peakSkinDoseReachesTheExam() async throws {
        let department = try await WorklistDepartment(peers: ["RFROOM": "echo,store"])
        defer { Task { await department.stop() } }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-skin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // The same pydicom-made reports as the DICOM toolkit's golden test (no corpus file has a skin dose).
        let maker = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("DICOMTests/Oracle/make_skin_dose_reports.py").path
        let source = try TestCorpus.file("dicom/rdsr/openrem/RF-RDSR-Siemens-Zee.dcm").path
        let made = try ExternalProgram(path: try Self.python()).run([maker, source, folder.path], timeout: 120)
        #expect(made.status == 0, "\(made.standardError)")
        let booked = try department.book(Self.patient(92), code: "XCHEST", room: "xr", at: Self.slot(2))
        let xRay = try Self.copy(
            folder.appendingPathComponent("xray-with-skin-dose.dcm").path, for: booked, into: folder)
        let stored = try DCMTK.store(
            port: department.server.dicomPort, callingAETitle: "RFROOM", files: [xRay], extra: ["-R"])
        #expect(stored.status == 0, "\(stored.standardError)")
        func dose() throws -> [String: Any] {
            let exam = try #require(
                try department.get("/api/exams/\(booked.id)", department.radiographer) as? [String: Any])
            return try #require(exam["dose"] as? [String: Any])
        }
        let record = try dose()
        // The report-level estimate of 2480 mGy; events 1 and 2 gave 1.2 Gy and 1800 mGy.
        #expect(Self.close((record["totals"] as? [String: Any])?["peakSkinDoseMilligray"] as? Double, 2480))
        let events = record["events"] as? [[String: Any]] ?? []
        #expect(Self.close(events.first?["peakSkinDoseMilligray"] as? Double, 1200))
        #expect(Self.close(events.dropFirst().first?["peakSkinDoseMilligray"] as? Double, 1800))
        #expect(events.dropFirst(2).allSatisfy { $0["peakSkinDoseMilligray"] == nil })

        let estimate = try Self.copy(folder.appendingPathComponent("patient-dose.dcm").path, for: booked, into: folder)
        let second = try DCMTK.store(
            port: department.server.dicomPort, callingAETitle: "RFROOM", files: [estimate], extra: ["-R"])
        #expect(second.status == 0, "\(second.standardError)")
        let after = try dose()
        let totals = after["totals"] as? [String: Any] ?? [:]
        #expect(Self.close(totals["peakSkinDoseMilligray"] as? Double, 3100), "the estimate, not 2480 + 3100")
        #expect(Self.close(totals["doseAreaProductGyCm2"] as? Double, 0.16), "the X-ray report's other figures stay")
        #expect((after["events"] as? [[String: Any]])?.count == events.count)
    }

    static var script: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Scripts/dose_extract.py")
    }
}
