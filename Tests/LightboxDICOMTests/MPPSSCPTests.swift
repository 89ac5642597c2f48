import Foundation
import LightboxTestSupport
import Testing

/// The MPPS SCP of `lightbox serve` driven by pynetdicom as a modality would: N-CREATE IN PROGRESS and
/// N-SET COMPLETED or DISCONTINUED move the exam through the same use cases as the API, a start before
/// Pause and Check is accepted and flagged, and the PS3.4 Annex F errors are answered.
@Suite("MPPS SCP of lightbox serve", .serialized)
struct MPPSSCPTests {
    /// A modality's MPPS messages; each line of output is `step status` (hex) or a failure.
    static let script = #"""
        import sys, json
        from pydicom.dataset import Dataset
        from pydicom.sequence import Sequence
        from pynetdicom import AE
        port, steps = int(sys.argv[1]), json.loads(sys.argv[2])
        MPPS = "1.2.840.10008.3.1.2.3.3"
        ae = AE(ae_title="MODALITY")
        ae.add_requested_context(MPPS)
        assoc = ae.associate("127.0.0.1", port, ae_title="LIGHTBOX")
        if not assoc.is_established:
            print("no-association"); sys.exit(1)
        for step in steps:
            ds = Dataset()
            if step["op"] == "create":
                item = Dataset()
                item.AccessionNumber = step.get("accession", "")
                item.StudyInstanceUID = step.get("study", "")
                item.RequestedProcedureID = ""
                item.ScheduledProcedureStepID = ""
                ds.ScheduledStepAttributesSequence = Sequence([item])
                if "patient" in step:
                    ds.PatientName, ds.PatientID, ds.PatientBirthDate = step["patient"]
                ds.PerformedProcedureStepStatus = step.get("status", "IN PROGRESS")
                ds.PerformedStationAETitle = "LBXR1"
                ds.OperatorsName = step.get("operator", "")
                ds.PerformedProcedureStepStartDate = "20270111"
                ds.PerformedProcedureStepStartTime = "090500"
                ds.Modality = "DX"
                status, _ = assoc.send_n_create(ds, MPPS, step["uid"])
            else:
                ds.PerformedProcedureStepStatus = step["status"]
                if "series" in step:
                    series = []
                    for description, images in step["series"]:
                        s = Dataset()
                        s.SeriesDescription = description
                        s.SeriesInstanceUID = "1.2.826.0.1.3680043.10.543.9." + str(len(series) + 1)
                        s.ReferencedImageSequence = Sequence([Dataset() for _ in range(images)])
                        series.append(s)
                    ds.PerformedSeriesSequence = Sequence(series)
                if "dap" in step:
                    ds.ImageAndFluoroscopyAreaDoseProduct = step["dap"]
                if "fluoro" in step:
                    ds.TotalTimeOfFluoroscopy = step["fluoro"]
                if "reason" in step:
                    code = Dataset()
                    code.CodeValue = "110514"
                    code.CodingSchemeDesignator = "DCM"
                    code.CodeMeaning = step["reason"]
                    ds.PerformedProcedureStepDiscontinuationReasonCodeSequence = Sequence([code])
                status, _ = assoc.send_n_set(ds, MPPS, step["uid"])
            if status is None:
                print("no-response")
            else:
                extra = ""
                if "ErrorID" in status:
                    extra = " %04x" % status.ErrorID
                print("%04x%s" % (status.Status, extra))
        assoc.release()
        """#

    static func run(_ port: Int, _ steps: [[String: Any]]) throws -> [String] {
        let json = String(decoding: try JSONSerialization.data(withJSONObject: steps), as: UTF8.self)
        let result = try ExternalProgram(path: "/usr/bin/env").run(
            ["python3", "-c", script, "\(port)", json], timeout: 120)
        guard result.status == 0 else { throw Failure("pynetdicom: \(result.standardError)") }
        return result.lines
    }

    func exam(_ department: WorklistDepartment, _ id: String) throws -> [String: Any] {
        try department.get("/api/exams/\(id)", department.radiographer) as? [String: Any] ?? [:]
    }

    @Test("N-CREATE then N-SET COMPLETED start and complete a checked exam, with the dose from the MPPS")
    func completeOnThePathway() async throws {
        let department = try await WorklistDepartment(peers: ["MODALITY": "echo,worklist,mpps"])
        defer { Task { await department.stop() } }
        let booked = try department.book(
            ModalityWorklistSCPTests.patients[1], code: "XCHEST", room: "xr", at: "2027-01-11T10:30:00Z")
        try department.post("/api/exams/\(booked.id)/arrival", department.manager, "{}")
        try department.post(
            "/api/exams/\(booked.id)/pause-and-check", department.radiographer,
            #"{"identity":{"identifiers":["name","dateOfBirth","nhsNumber"],"methods":["verbal","wristband"]},"anatomy":{"bodyPartConfirmed":true},"equipmentAndSettingsConfirmed":true}"#
        )
        let uid = "1.2.826.0.1.3680043.10.543.100"
        let statuses = try Self.run(
            department.server.dicomPort,
            [
                ["op": "create", "uid": uid, "accession": booked.accession, "operator": "Okafor^Grace"],
                ["op": "set", "uid": uid, "status": "IN PROGRESS", "series": [["PA", 1]]],
                ["op": "set", "uid": uid, "status": "COMPLETED", "dap": "0.12", "fluoro": 3],
                ["op": "set", "uid": uid, "status": "COMPLETED"],
                ["op": "set", "uid": "1.2.826.0.1.3680043.10.543.404", "status": "COMPLETED"],
                ["op": "create", "uid": uid, "accession": booked.accession],
            ])
        #expect(statuses == ["0000", "0000", "0000", "0110 a710", "0112", "0111"])
        let exam = try exam(department, booked.id)
        #expect(exam["state"] as? String == "completed")
        #expect(exam["outsidePathway"] == nil)
        let performance = exam["performance"] as? [String: Any] ?? [:]
        let projections = performance["projections"] as? [[String: Any]] ?? []
        #expect(projections.first?["name"] as? String == "PA")
        let exposures = performance["exposures"] as? [[String: Any]] ?? []
        let dap = exposures.compactMap { ($0["doseAreaProductGyCm2"] as? NSNumber)?.doubleValue }.first ?? 0
        #expect(abs(dap - 0.012) < 1e-9, "0.12 dGy·cm² is 0.012 Gy·cm²")
        #expect(exposures.compactMap { ($0["fluoroscopySeconds"] as? NSNumber)?.doubleValue }.first == 3)
        #expect((exam["modalityStep"] as? [String: Any])?["status"] as? String == "COMPLETED")
        let history = exam["history"] as? [[String: Any]] ?? []
        #expect(history.suffix(2).compactMap { $0["door"] as? String } == ["dicom", "dicom"])
    }

    @Test("A step before Pause and Check is accepted, flagged for the radiographer, and resolvable through the API")
    func flaggedOutsidePathway() async throws {
        let department = try await WorklistDepartment(peers: ["MODALITY": "echo,worklist,mpps"])
        defer { Task { await department.stop() } }
        let booked = try department.book(
            ModalityWorklistSCPTests.patients[0], code: "XCHEST", room: "xr", at: "2027-01-11T09:00:00Z")
        let uid = "1.2.826.0.1.3680043.10.543.200"
        let statuses = try Self.run(
            department.server.dicomPort,
            [
                ["op": "create", "uid": uid, "study": booked.studyUID, "operator": "Nobody^Known"],
                ["op": "set", "uid": uid, "status": "DISCONTINUED", "reason": "Patient taken ill"],
                ["op": "set", "uid": uid, "status": "IN PROGRESS"],
                [
                    "op": "create", "uid": "1.2.826.0.1.3680043.10.543.201", "accession": "LBNOSUCHEXAM00",
                    "status": "IN PROGRESS",
                ],
                [
                    "op": "create", "uid": "1.2.826.0.1.3680043.10.543.202", "accession": booked.accession,
                    "status": "COMPLETED",
                ],
            ])
        // The step for an exam Lightbox does not know is accepted and held (see heldUntilLinked).
        #expect(statuses == ["0000", "0000", "0110 a710", "0000", "0106"])
        let exam = try exam(department, booked.id)
        #expect(exam["state"] as? String == "discontinued")
        #expect(exam["closureReason"] as? String == "Patient taken ill")
        let flag = exam["outsidePathway"] as? [String: Any] ?? [:]
        let codes = (flag["breaches"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        #expect(codes == ["pause-and-check.incomplete", "actor.no-staff-record"])
        let open =
            try department.get("/api/worklist/outside-pathway", department.radiographer) as? [[String: Any]] ?? []
        #expect(open.compactMap { $0["id"] as? String } == [booked.id])
        try department.post(
            "/api/exams/\(booked.id)/outside-pathway/resolution", department.radiographer,
            #"{"resolution":"Identity and pregnancy status confirmed with the patient afterwards; incident raised."}"#)
        let after =
            try department.get("/api/worklist/outside-pathway", department.radiographer) as? [[String: Any]] ?? []
        #expect(after.isEmpty)
    }

    @Test("A step for an exam Lightbox does not know is accepted and held; linked later, the exam follows it")
    func heldUntilLinked() async throws {
        let department = try await WorklistDepartment(peers: ["MODALITY": "echo,worklist,mpps"])
        defer { Task { await department.stop() } }
        let booked = try department.book(
            ModalityWorklistSCPTests.patients[2], code: "XCHEST", room: "xr", at: "2027-01-11T11:00:00Z")
        let uid = "1.2.826.0.1.3680043.10.543.300"
        let port = department.server.dicomPort
        let statuses = try Self.run(
            port,
            [
                [
                    "op": "create", "uid": uid, "accession": "EXT-778812", "operator": "Okafor^Grace",
                    "patient": ["SMYTHE^Carol", "H1003", "19901101"],
                ],
                ["op": "set", "uid": uid, "status": "IN PROGRESS", "series": [["PA", 1]]],
                ["op": "set", "uid": uid, "status": "COMPLETED", "dap": "0.12", "fluoro": 3],
                ["op": "set", "uid": uid, "status": "COMPLETED"],
                ["op": "create", "uid": uid, "accession": "EXT-778812"],
            ])
        #expect(statuses == ["0000", "0000", "0000", "0110 a710", "0111"])
        // The exam is untouched; the step waits on the reconciliation list with what the modality said.
        #expect(try exam(department, booked.id)["state"] as? String == "booked")
        let held =
            try department.get("/api/archive/reconciliation/steps", department.radiographer) as? [[String: Any]] ?? []
        #expect(held.count == 1)
        let step = try #require(held.first)
        #expect((step["start"] as? [String: Any])?["accessionNumber"] as? String == "EXT-778812")
        #expect((step["subject"] as? [String: Any])?["patientName"] as? String == "SMYTHE^Carol")
        #expect(step["status"] as? String == "COMPLETED")
        #expect((step["updates"] as? [Any])?.count == 2)
        let stepID = try #require(step["id"] as? String)

        // A link names its exam; a reject says why.
        try department.post(
            "/api/archive/reconciliation/steps/\(stepID)", department.radiographer, #"{"action":"link"}"#,
            expect: 422)
        try department.post(
            "/api/archive/reconciliation/steps/\(stepID)", department.radiographer, #"{"action":"reject"}"#,
            expect: 422)
        let linked = try department.post(
            "/api/archive/reconciliation/steps/\(stepID)", department.radiographer,
            #"{"action":"link","examID":"\#(booked.id)"}"#)
        #expect(linked["decision"] as? String == "linked")
        #expect(linked["examID"] as? String == booked.id)

        // The exam followed the step: started (outside the pathway: no arrival, no Pause and Check), then
        // completed with the series and the dose the modality sent while it was held.
        let followed = try exam(department, booked.id)
        #expect(followed["state"] as? String == "completed")
        #expect(followed["outsidePathway"] != nil)
        #expect((followed["modalityStep"] as? [String: Any])?["sopInstanceUID"] as? String == uid)
        #expect((followed["modalityStep"] as? [String: Any])?["status"] as? String == "COMPLETED")
        let performance = followed["performance"] as? [String: Any] ?? [:]
        let projections = performance["projections"] as? [[String: Any]] ?? []
        #expect(projections.compactMap { $0["name"] as? String } == ["PA"])
        let exposures = performance["exposures"] as? [[String: Any]] ?? []
        let dap = exposures.compactMap { ($0["doseAreaProductGyCm2"] as? NSNumber)?.doubleValue }.first ?? 0
        #expect(abs(dap - 0.012) < 1e-9, "0.12 dGy·cm² is 0.012 Gy·cm²")

        // Off the list; decided once; the step's later messages go to the exam (closed after COMPLETED).
        let after =
            try department.get("/api/archive/reconciliation/steps", department.radiographer) as? [[String: Any]] ?? []
        #expect(after.isEmpty)
        try department.post(
            "/api/archive/reconciliation/steps/\(stepID)", department.radiographer,
            #"{"action":"link","examID":"\#(booked.id)"}"#, expect: 409)
        #expect(try Self.run(port, [["op": "set", "uid": uid, "status": "COMPLETED"]]) == ["0110 a710"])

        // A second unknown step, rejected with a reason; its exam-less N-SETs are still recorded.
        let other = "1.2.826.0.1.3680043.10.543.301"
        #expect(
            try Self.run(
                port,
                [
                    ["op": "create", "uid": other, "study": "1.2.826.0.1.3680043.10.543.9999"],
                    ["op": "set", "uid": other, "status": "DISCONTINUED", "reason": "Wrong patient"],
                ]) == ["0000", "0000"])
        let waiting =
            try department.get("/api/archive/reconciliation/steps", department.radiographer) as? [[String: Any]] ?? []
        let otherID = try #require(waiting.first?["id"] as? String)
        let rejected = try department.post(
            "/api/archive/reconciliation/steps/\(otherID)", department.radiographer,
            #"{"action":"reject","reason":"Test exposure of a phantom"}"#)
        #expect(rejected["decision"] as? String == "rejected")
        #expect(rejected["status"] as? String == "DISCONTINUED")

        let audited = try department.server.query(
            "SELECT action FROM audit_entries WHERE action LIKE 'mpps.%' ORDER BY sequence"
        ).map { $0[0] }
        #expect(
            audited == [
                "mpps.held", "mpps.held-updated", "mpps.held-updated", "mpps.held-read", "mpps.held-linked",
                "mpps.held-read", "mpps.held", "mpps.held-updated", "mpps.held-read", "mpps.held-rejected",
            ])
    }
}
