import DICOM
import Foundation
import LightboxTestSupport
import Testing

/// The Modality Worklist SCP of `lightbox serve` against dcmtk: `findscu -W` answers the exams booked
/// through the API, the answers equal dcmtk `wlmscpfs`'s for the same items over many queries, and a
/// suspended room's items are withdrawn and listed to re-book.
@Suite("Modality Worklist SCP of lightbox serve", .serialized)
struct ModalityWorklistSCPTests {
    static let patients: [WorklistDepartment.Patient] = [
        .init(
            family: "Smith", given: "Anna", hospitalNumber: "H1001", nhs: "9434765919", birthDate: "1980-02-29",
            sex: "female"),
        .init(
            family: "Jones", given: "Bryn", hospitalNumber: "H1002", nhs: "9434765927", birthDate: "1975-06-15",
            sex: "male"),
        .init(
            family: "Smythe", given: "Carol", hospitalNumber: "H1003", nhs: "9434765935", birthDate: "1990-11-01",
            sex: "female"),
        .init(
            family: "Evans", given: "Dai", hospitalNumber: "H1004", nhs: "9434765943", birthDate: "1962-03-08",
            sex: "male"),
        .init(
            family: "Okoro", given: "Efe", hospitalNumber: "H1005", nhs: "9434765951", birthDate: "2001-12-24",
            sex: "other"),
    ]

    /// Five exams over two rooms and two days, one with a named performer, one urgent.
    static func bookAll(_ department: WorklistDepartment) throws -> [WorklistDepartment.Booked] {
        [
            try department.book(patients[0], code: "XCHEST", room: "xr", at: "2027-01-11T09:00:00Z", performer: true),
            try department.book(patients[1], code: "XCHEST", room: "xr", at: "2027-01-11T10:30:00Z"),
            try department.book(
                patients[2], code: "CHEADN", room: "ct", at: "2027-01-11T14:15:00Z", priority: "urgent"),
            try department.book(patients[3], code: "XCHEST", room: "xr", at: "2027-01-12T08:45:00Z"),
            try department.book(
                patients[4], code: "CHEADN", room: "ct", at: "2027-01-12T16:00:00Z", question: "Head injury"),
        ]
    }

    /// The item as the test expects it, in dump2dcm's text form (PS3.4 Table K.6-1, the mapping of
    /// docs/dicom-conformance.md), written independently of Lightbox's own translation.
    static func dump(_ exam: WorklistDepartment.Booked) -> String {
        let p = exam.patient
        let sex = ["female": "F", "male": "M", "other": "O"][p.sex] ?? ""
        return """
            (0008,0050) SH [\(exam.accession)]
            (0008,0090) PN [Adeyemi^Tolu^^Dr]
            (0010,0010) PN [\(p.family)^\(p.given)]
            (0010,0020) LO [\(p.hospitalNumber)]
            (0010,0021) LO [RXH]
            (0010,0030) DA [\(p.birthDate.filter(\.isNumber))]
            (0010,0040) CS [\(sex)]
            (0010,2000) LO
            (0010,2110) LO
            (0010,21c0) US 4
            (0020,000d) UI [\(exam.studyUID)]
            (0032,1032) PN [Adeyemi^Tolu^^Dr]
            (0032,1060) LO [\(exam.name)]
            (0032,1064) SQ
            (fffe,e000) -
            (0008,0100) SH [\(exam.code)]
            (0008,0102) SH [99LIGHTBOX]
            (0008,0103) SH
            (0008,0104) LO [\(exam.name)]
            (fffe,e00d) -
            (fffe,e0dd) -
            (0038,0300) LO
            (0040,0100) SQ
            (fffe,e000) -
            (0008,0060) CS [\(exam.modality)]
            (0032,1070) LO
            (0040,0001) AE [\(exam.aeTitle)]
            (0040,0002) DA [\(exam.date)]
            (0040,0003) TM [\(exam.time)]
            (0040,0004) DA
            (0040,0005) TM
            (0040,0006) PN \(exam.performer.isEmpty ? "" : "[\(exam.performer)]")
            (0040,0007) LO [\(exam.name)]
            (0040,0008) SQ
            (fffe,e000) -
            (0008,0100) SH [\(exam.code)]
            (0008,0102) SH [99LIGHTBOX]
            (0008,0103) SH
            (0008,0104) LO [\(exam.name)]
            (fffe,e00d) -
            (fffe,e0dd) -
            (0040,0009) SH [\(exam.accession)]
            (0040,0010) SH [\(exam.room)]
            (0040,0011) SH [\(exam.room)]
            (0040,0012) LO
            (0040,0020) CS [SCHEDULED]
            (0040,0400) LT
            (fffe,e00d) -
            (fffe,e0dd) -
            (0040,1001) SH [\(exam.accession)]
            (0040,1002) LO [\(exam.question)]
            (0040,1003) SH [\(exam.priority)]
            (0040,2016) LO
            (0040,2017) LO [\(exam.accession)]

            """
    }

    /// dcmtk's worklist SCP serving `exams` as `.wl` files (dump2dcm), as its documentation lays out the
    /// database: one folder per called AE title with a lockfile.
    static func startWlmscpfs(_ exams: [WorklistDepartment.Booked], folder: URL) async throws -> (Process, Int) {
        let db = folder.appendingPathComponent("db/WLMSCP")
        try FileManager.default.createDirectory(at: db, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: db.appendingPathComponent("lockfile").path, contents: Data())
        for (index, exam) in exams.enumerated() {
            let text = folder.appendingPathComponent("item\(index).dump")
            try dump(exam).write(to: text, atomically: true, encoding: .utf8)
            let made = try DCMTK.run(
                "dump2dcm", ["--write-xfer-little", text.path, db.appendingPathComponent("item\(index).wl").path])
            guard made.status == 0 else { throw Failure("dump2dcm: \(made.standardError)") }
        }
        let port = try freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/wlmscpfs")
        process.arguments = ["-dfp", folder.appendingPathComponent("db").path, "\(port)"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if (try? DCMTK.run("echoscu", ["-aec", "WLMSCP", "127.0.0.1", "\(port)"], timeout: 10).status) == 0 {
                return (process, port)
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        process.terminate()
        throw Failure("wlmscpfs did not start")
    }

    static func freePort() throws -> Int {
        let probe = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(probe) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(probe, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(probe, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// `findscu -W` answers as data sets (each C-FIND response written by `-X`).
    static func findscu(
        port: Int, calledAETitle: String, callingAETitle: String = "MODALITY", keys: [String], folder: URL
    ) throws -> [DataSet] {
        let out = folder.appendingPathComponent("rsp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let result = try DCMTK.run(
            "findscu",
            ["-W", "-aet", callingAETitle, "-aec", calledAETitle, "-X", "-od", out.path, "127.0.0.1", "\(port)"]
                + keys.flatMap { ["-k", $0] }, timeout: 60)
        guard result.status == 0 else { throw Failure("findscu \(keys): \(result.standardError)") }
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasPrefix("rsp") }
        return try files.map { try DICOMReader().read(contentsOf: out.appendingPathComponent($0).path).dataSet }
    }

    /// Each answer as DICOM JSON, sorted: equal sets of answers compare equal.
    static func canonical(_ answers: [DataSet]) -> [String] {
        answers.map { DICOMJSONEncoder().encode($0) }.sorted()
    }

    static let returnKeys = [
        "AccessionNumber", "ReferringPhysicianName", "PatientName", "PatientID", "IssuerOfPatientID",
        "PatientBirthDate", "PatientSex", "MedicalAlerts", "Allergies", "PregnancyStatus", "StudyInstanceUID",
        "RequestingPhysician", "RequestedProcedureDescription", "RequestedProcedureID",
        "ReasonForTheRequestedProcedure", "RequestedProcedurePriority",
    ]

    static let stepKeys = [
        "ScheduledProcedureStepSequence[0].ScheduledStationAETitle",
        "ScheduledProcedureStepSequence[0].Modality",
        "ScheduledProcedureStepSequence[0].ScheduledProcedureStepStartDate",
        "ScheduledProcedureStepSequence[0].ScheduledProcedureStepStartTime",
        "ScheduledProcedureStepSequence[0].ScheduledPerformingPhysicianName",
        "ScheduledProcedureStepSequence[0].ScheduledProcedureStepID",
        "ScheduledProcedureStepSequence[0].ScheduledProcedureStepStatus",
    ]

    @Test("findscu -W answers the exams booked through the API, with every item's attributes")
    func findscuAnswersBookedExams() async throws {
        let department = try await WorklistDepartment(peers: ["MODALITY": "echo,worklist,mpps"])
        defer { Task { await department.stop() } }
        let exams = try Self.bookAll(department)
        let folder = try TestInstances.temporaryFolder("mwl")
        defer { try? FileManager.default.removeItem(at: folder) }
        let port = department.server.dicomPort

        let all = try Self.findscu(
            port: port, calledAETitle: ArchiveServer.aeTitle,
            keys: Self.returnKeys + ["ScheduledProcedureStepSequence", "OtherPatientIDsSequence"], folder: folder)
        #expect(Set(all.compactMap { $0.string(.accessionNumber) }) == Set(exams.map(\.accession)))
        let first = try #require(all.first { $0.string(.accessionNumber) == exams[0].accession })
        #expect(first.string(.patientName) == "Smith^Anna")
        #expect(first.string(.patientID) == "H1001")
        #expect(first.string(.studyInstanceUID) == exams[0].studyUID)
        #expect(first.string(Tag(0x0040, 0x1003)) == "ROUTINE")
        let step = try #require(first.sequence(.scheduledProcedureStepSequence)?.first)
        #expect(step.string(Tag(0x0040, 0x0001)) == "LBXR1")
        #expect(step.string(Tag(0x0040, 0x0002)) == "20270111")
        #expect(step.string(Tag(0x0040, 0x0003)) == "090000")
        #expect(step.string(Tag(0x0040, 0x0006)) == "Okafor^Grace")
        #expect(step.string(Tag(0x0040, 0x0020)) == "SCHEDULED")
        let other = try #require(first.sequence(Tag(0x0010, 0x1002))?.first)
        #expect(other.string(.patientID) == "9434765919")
        #expect(other.string(Tag(0x0010, 0x0021)) == "NHS")

        // The station asks for its own items: the CT room's AE title gets the CT exams only.
        let ct = try Self.findscu(
            port: port, calledAETitle: ArchiveServer.aeTitle,
            keys: ["AccessionNumber", "ScheduledProcedureStepSequence[0].ScheduledStationAETitle=LBCT1"],
            folder: folder)
        #expect(Set(ct.compactMap { $0.string(.accessionNumber) }) == [exams[2].accession, exams[4].accession])

        // UID list matching (PS3.4 §C.2.2.2.2): either study; one UID: that study.
        let listed = try Self.findscu(
            port: port, calledAETitle: ArchiveServer.aeTitle,
            keys: ["AccessionNumber", "StudyInstanceUID=\(exams[0].studyUID)\\\(exams[3].studyUID)"], folder: folder)
        #expect(Set(listed.compactMap { $0.string(.accessionNumber) }) == [exams[0].accession, exams[3].accession])
        let one = try Self.findscu(
            port: port, calledAETitle: ArchiveServer.aeTitle,
            keys: ["AccessionNumber", "StudyInstanceUID=\(exams[4].studyUID)"], folder: folder)
        #expect(one.compactMap { $0.string(.accessionNumber) } == [exams[4].accession])

        // Lower-case names match: person names are case-insensitive (the conformance statement says so).
        let lower = try Self.findscu(
            port: port, calledAETitle: ArchiveServer.aeTitle, keys: ["AccessionNumber", "PatientName=smith*"],
            folder: folder)
        #expect(lower.compactMap { $0.string(.accessionNumber) } == [exams[0].accession])

        // A peer not allowed the worklist is refused.
        try department.server.addPeer("ECHOONLY", services: "echo")
        let refused = try DCMTK.run(
            "findscu",
            ["-W", "-aet", "ECHOONLY", "-aec", ArchiveServer.aeTitle, "-k", "AccessionNumber", "127.0.0.1", "\(port)"],
            timeout: 30)
        #expect(refused.status != 0 || !refused.standardError.contains("Pending"))
    }

    @Test("The worklist's answers equal dcmtk wlmscpfs's for the same items over twenty queries")
    func sameAnswersAsWlmscpfs() async throws {
        let department = try await WorklistDepartment(peers: ["MODALITY": "echo,worklist"])
        defer { Task { await department.stop() } }
        let exams = try Self.bookAll(department)
        let folder = try TestInstances.temporaryFolder("wlm")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (wlm, wlmPort) = try await Self.startWlmscpfs(exams, folder: folder)
        defer { wlm.terminate() }

        let base = Self.returnKeys + Self.stepKeys
        let queries: [[String]] = [
            Self.returnKeys + ["ScheduledProcedureStepSequence", "RequestedProcedureCodeSequence"],
            base + ["PatientName=Smith^Anna"],
            base.filter { $0 != "PatientName" } + ["PatientName=Sm*"],
            base.filter { $0 != "PatientName" } + ["PatientName=?ones*"],
            base.filter { $0 != "PatientID" } + ["PatientID=H1002"],
            base.filter { $0 != "AccessionNumber" } + ["AccessionNumber=\(exams[2].accession)"],
            // Study Instance UID is an optional matching key (PS3.4 Table K.6-1) that wlmscpfs 3.6.7 does not
            // match on (it returns every item); UID matching is checked against Lightbox alone in
            // findscuAnswersBookedExams. Here: a patient at a station.
            base.filter { $0 != "PatientID" && !$0.hasSuffix("ScheduledStationAETitle") }
                + ["PatientID=H1003", "ScheduledProcedureStepSequence[0].ScheduledStationAETitle=LBCT1"],
            base.filter { $0 != "PatientBirthDate" } + ["PatientBirthDate=19700101-19891231"],
            base.filter { $0 != "PatientBirthDate" } + ["PatientBirthDate=-19750615"],
            base.filter { $0 != "PatientSex" } + ["PatientSex=F"],
            base.filter { !$0.hasSuffix("ScheduledStationAETitle") }
                + ["ScheduledProcedureStepSequence[0].ScheduledStationAETitle=LBXR1"],
            base.filter { !$0.hasSuffix(".Modality") } + ["ScheduledProcedureStepSequence[0].Modality=CT"],
            base.filter { !$0.hasSuffix("StartDate") } + [
                "ScheduledProcedureStepSequence[0].ScheduledProcedureStepStartDate=20270111"
            ],
            base.filter { !$0.hasSuffix("StartDate") }
                + ["ScheduledProcedureStepSequence[0].ScheduledProcedureStepStartDate=20270112-20270131"],
            base.filter { !$0.hasSuffix("StartTime") }
                + ["ScheduledProcedureStepSequence[0].ScheduledProcedureStepStartTime=0900-1100"],
            base.filter { !$0.hasSuffix("StartTime") }
                + ["ScheduledProcedureStepSequence[0].ScheduledProcedureStepStartTime=1200-"],
            base.filter { !$0.hasSuffix("PerformingPhysicianName") }
                + ["ScheduledProcedureStepSequence[0].ScheduledPerformingPhysicianName=Okafor*"],
            base.filter { $0 != "RequestedProcedurePriority" } + ["RequestedProcedurePriority=HIGH"],
            base.filter { $0 != "ReferringPhysicianName" } + ["ReferringPhysicianName=Adeyemi*"],
            base.filter { $0 != "PatientName" } + ["PatientName=Nobody*"],
            [
                "AccessionNumber", "PatientName", "ScheduledProcedureStepSequence[0].Modality=DX",
                "ScheduledProcedureStepSequence[0].ScheduledProcedureStepStartDate=20270111",
            ],
        ]
        #expect(queries.count >= 15)
        var matched = 0
        for keys in queries {
            let theirs = try Self.findscu(port: wlmPort, calledAETitle: "WLMSCP", keys: keys, folder: folder)
            let ours = try Self.findscu(
                port: department.server.dicomPort, calledAETitle: ArchiveServer.aeTitle, keys: keys, folder: folder)
            let (a, b) = (Self.canonical(ours), Self.canonical(theirs))
            let difference = zip(a, b).first { $0 != $1 }.map { "ours \($0.0) theirs \($0.1)" } ?? "-"
            #expect(
                a == b,
                "query \(keys.suffix(1)): \(ours.count) answers, wlmscpfs \(theirs.count); first difference: \(difference)"
            )
            matched += theirs.count
        }
        #expect(matched > queries.count)
    }

    @Test("A suspended room's items leave the worklist at once and are listed to re-book; back in use they return")
    func suspendedRoomWithdrawn() async throws {
        let department = try await WorklistDepartment(peers: ["MODALITY": "echo,worklist"])
        defer { Task { await department.stop() } }
        let exams = try Self.bookAll(department)
        let folder = try TestInstances.temporaryFolder("mwls")
        defer { try? FileManager.default.removeItem(at: folder) }
        func accessions() throws -> Set<String> {
            Set(
                try Self.findscu(
                    port: department.server.dicomPort, calledAETitle: ArchiveServer.aeTitle, keys: ["AccessionNumber"],
                    folder: folder
                ).compactMap { $0.string(.accessionNumber) })
        }
        #expect(try accessions() == Set(exams.map(\.accession)))
        let ct = department.rooms["ct"] ?? ""
        try department.send(
            "PUT", "/api/rooms/\(ct)/status", department.manager, #"{"status":"suspended","reason":"Gantry fault"}"#)
        let ctExams = Set([exams[2].accession, exams[4].accession])
        #expect(try accessions() == Set(exams.map(\.accession)).subtracting(ctExams))
        let toRebook = try department.get("/api/worklist/to-rebook", department.radiographer) as? [[String: Any]] ?? []
        #expect(Set(toRebook.compactMap { ($0["exam"] as? [String: Any])?["accessionNumber"] as? String }) == ctExams)
        try department.send("PUT", "/api/rooms/\(ct)/status", department.manager, #"{"status":"inUse"}"#)
        #expect(try accessions() == Set(exams.map(\.accession)))
    }
}
