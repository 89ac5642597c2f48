import DICOM
import DICOMNetwork
import Foundation
import LightboxTestSupport
import Testing

/// DICOMweb of `lightbox serve` driven by `dicomweb-client` (PyPI): QIDO-RS at every level with the same matching
/// as C-FIND and answers equal to C-FIND's, WADO-RS instances byte-identical to what was stored, metadata, frames
/// and rendered images, and STOW-RS through the same ingest as C-STORE.
@Suite("DICOMweb of lightbox serve", .serialized)
struct DICOMwebTests {
    /// An API token of a radiographer account made with `lightbox user add` on the server's data.
    static func token(_ server: ArchiveServer, username: String = "webreader", role: String = "radiographer") throws
        -> String
    {
        let added = try server.lightbox.run(
            ["user", "add", username, "--role", role, "--data", server.data.path], environment: ArchiveServer.quiet)
        guard added.status == 0, let token = added.lines.last(where: { !$0.isEmpty }) else {
            throw Failure("user add: \(added.standardError)")
        }
        return token
    }

    static let script = """
        import sys, os, json
        import pydicom
        from pydicom.dataset import Dataset
        from dicomweb_client.api import DICOMwebClient
        url, token, out, s1, s3, newfile = sys.argv[1:7]
        client = DICOMwebClient(url=url, headers={"Authorization": "Bearer " + token})
        def uids(results, tag):
            return sorted(r[tag]["Value"][0] for r in results)
        report = {}
        report["smith"] = uids(client.search_for_studies(search_filters={"PatientName": "smith*"}), "0020000D")
        report["range"] = uids(client.search_for_studies(search_filters={"StudyDate": "20240101-20240131"}), "0020000D")
        report["uidlist"] = uids(client.search_for_studies(search_filters={"StudyInstanceUID": s1 + "," + s3}), "0020000D")
        report["modalities"] = uids(client.search_for_studies(search_filters={"ModalitiesInStudy": "CT,MR"}), "0020000D")
        report["none"] = client.search_for_studies(search_filters={"PatientName": "NOBODY"})
        report["series"] = uids(client.search_for_series(study_instance_uid=s1), "0020000E")
        report["series_dx"] = uids(client.search_for_series(search_filters={"Modality": "DX"}), "0020000E")
        report["instances"] = uids(client.search_for_instances(study_instance_uid=s1), "00080018")
        page = client.search_for_instances(limit=2, offset=1, search_filters={"StudyInstanceUID": s1})
        report["page"] = uids(page, "00080018")
        full = client.search_for_studies(search_filters={"StudyInstanceUID": s1}, fields=["StudyDescription", "NumberOfStudyRelatedInstances"])
        report["study"] = full[0]
        # WADO-RS: the raw multipart parts, saved for a byte comparison, and through the client.
        series = client.search_for_series(study_instance_uid=s1)
        for s in series:
            se = s["0020000E"]["Value"][0]
            for i in client.search_for_instances(study_instance_uid=s1, series_instance_uid=se):
                sop = i["00080018"]["Value"][0]
                ds = client.retrieve_instance(s1, se, sop)
                ds.save_as(os.path.join(out, "client-" + sop + ".dcm"), write_like_original=True)
        response = client._session.get(url + "/studies/" + s1, headers={"Accept": 'multipart/related; type="application/dicom"; transfer-syntax=*'})
        report["study_status"] = response.status_code
        content_type = response.headers["Content-Type"]
        boundary = [p.split("=", 1)[1].strip('"') for p in content_type.split(";") if p.strip().startswith("boundary=")][0].encode()
        parts = response.content.split(b"--" + boundary)[1:-1]
        for index, part in enumerate(parts):
            body = part.split(b"\\r\\n\\r\\n", 1)[1][:-2]
            with open(os.path.join(out, "raw-%d.dcm" % index), "wb") as f:
                f.write(body)
        report["metadata"] = client.retrieve_study_metadata(s1)
        se1, sop1 = s1 + ".1", s1 + ".1.1"
        frames = client.retrieve_instance_frames(s1, se1, sop1, frame_numbers=[1])
        report["frame_length"] = len(frames[0])
        png = client.retrieve_instance_rendered(s1, se1, sop1, media_types=("image/png",), params={"window": "100,200", "viewport": "8,8"})
        report["png"] = png[:8].hex()
        jpeg = client.retrieve_instance_rendered(s1, se1, sop1)
        report["jpeg"] = jpeg[:3].hex()
        thumb = client._session.get(url + "/studies/%s/series/%s/instances/%s/thumbnail" % (s1, se1, sop1), headers={"Accept": "image/jpeg"})
        report["thumbnail"] = [thumb.status_code, thumb.content[:3].hex()]
        # STOW-RS: one new instance, and one that cannot be stored (no SOP Instance UID).
        new = pydicom.dcmread(newfile)
        stored = client.store_instances([new])
        report["stow"] = [(item.ReferencedSOPInstanceUID) for item in stored.ReferencedSOPSequence]
        report["stowed"] = uids(client.search_for_instances(search_filters={"SOPInstanceUID": new.SOPInstanceUID}), "00080018")
        bad = pydicom.dcmread(newfile)
        del bad.SOPInstanceUID
        try:
            client.store_instances([bad])
            report["stow_bad"] = "accepted"
        except Exception as error:
            report["stow_bad"] = str(error.response.status_code)
        # Without a token: refused.
        anonymous = DICOMwebClient(url=url)
        try:
            anonymous.search_for_studies()
            report["anonymous"] = "allowed"
        except Exception as error:
            report["anonymous"] = str(error.response.status_code)
        print(json.dumps(report))
        """

    @Test(
        "dicomweb-client: QIDO-RS with C-FIND's matching, WADO-RS byte-identical, metadata, frames, rendered, STOW-RS")
    func dicomwebClient() async throws {
        let fixture = try await QueryRetrieveTests.Fixture.start()
        defer { Task { await fixture.stop() } }
        let token = try Self.token(fixture.server)
        let out = try TestInstances.temporaryFolder("dicomweb")
        defer { try? FileManager.default.removeItem(at: out) }
        let newStudy = QueryRetrieveTests.Fixture.root + ".9"
        let newFile = try TestInstances.write(
            try TestInstances.dataSet(
                study: newStudy, series: newStudy + ".1", instance: newStudy + ".1.1", patientID: "QR-9",
                patientName: "STOWED^Web"), to: out, name: "new.dcm")
        let (s1, s2, s3, s4) = (
            QueryRetrieveTests.Fixture.s1, QueryRetrieveTests.Fixture.s2, QueryRetrieveTests.Fixture.s3,
            QueryRetrieveTests.Fixture.s4
        )
        let result = try ExternalProgram(path: "/usr/bin/env").run(
            [
                "python3", "-c", Self.script, "http://127.0.0.1:\(fixture.server.httpPort)/dicom-web", token, out.path,
                s1, s3, newFile,
            ], timeout: 180)
        #expect(result.status == 0, "dicomweb-client: \(result.standardError.suffix(3000))")
        let line = try #require(result.standardOutput.split(separator: "\n").last.map(String.init))
        let report = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(report["smith"] as? [String] == [s1, s2, s4])
        #expect(report["range"] as? [String] == [s1, s2])
        #expect(report["uidlist"] as? [String] == [s1, s3])
        #expect(report["modalities"] as? [String] == [s2, s3])
        #expect((report["none"] as? [Any])?.isEmpty == true)
        #expect(report["series"] as? [String] == [s1 + ".1", s1 + ".2"])
        #expect(report["series_dx"] as? [String] == [s1 + ".1", s4 + ".1"])
        #expect(report["instances"] as? [String] == [s1 + ".1.1", s1 + ".1.2", s1 + ".2.1"])
        #expect(report["page"] as? [String] == [s1 + ".1.2", s1 + ".2.1"])
        #expect(report["study_status"] as? Int == 200)
        #expect(report["frame_length"] as? Int == 16 * 16)
        #expect(report["png"] as? String == "89504e470d0a1a0a")
        #expect(report["jpeg"] as? String == "ffd8ff")
        #expect((report["thumbnail"] as? [Any])?.first as? Int == 200)
        #expect(report["stow"] as? [String] == [newStudy + ".1.1"])
        #expect(report["stowed"] as? [String] == [newStudy + ".1.1"])
        #expect(report["stow_bad"] as? String == "409")
        #expect(report["anonymous"] as? String == "401")

        // Retrieved instances: the data sets exactly as stored.
        let raw = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasPrefix("raw-") }
        try QueryRetrieveTests.expectIdentical(
            raw.map { out.appendingPathComponent($0).path }, to: [s1 + ".1.1", s1 + ".1.2", s1 + ".2.1"], fixture)
        for uid in [s1 + ".1.1", s1 + ".1.2", s1 + ".2.1"] {
            let viaClient = try DICOMReader().read(contentsOf: out.appendingPathComponent("client-\(uid).dcm").path)
            let original = try DICOMReader().read(contentsOf: try #require(fixture.files[uid]))
            #expect(viaClient.dataSet[.pixelData]?.bytes == original.dataSet[.pixelData]?.bytes)
            #expect(viaClient.dataSet.string(.patientName) == original.dataSet.string(.patientName))
        }

        // QIDO-RS and C-FIND give the same attributes for the same study.
        let study = try #require(report["study"] as? [String: Any])
        let cfind = try #require(
            try fixture.find(
                "-S",
                [
                    "QueryRetrieveLevel=STUDY", "StudyInstanceUID=\(s1)", "PatientName", "PatientID",
                    "PatientBirthDate",
                    "StudyDate", "StudyTime", "AccessionNumber", "ModalitiesInStudy", "StudyDescription",
                    "NumberOfStudyRelatedSeries", "NumberOfStudyRelatedInstances",
                ]
            ).answers.first)
        func qido(_ key: String) -> [String] {
            guard let attribute = study[key] as? [String: Any], let values = attribute["Value"] as? [Any] else {
                return []
            }
            return values.map { value in
                if let name = value as? [String: Any] { return name["Alphabetic"] as? String ?? "" }
                return "\(value)"
            }
        }
        for (key, tag) in [
            ("00100010", DICOM.Tag.patientName), ("00100020", .patientID), ("00100030", .patientBirthDate),
            ("00080020", .studyDate), ("00080030", .studyTime), ("00080050", .accessionNumber),
            ("00080061", DICOM.Tag(0x0008, 0x0061)), ("00081030", .studyDescription),
            ("00201206", DICOM.Tag(0x0020, 0x1206)),
            ("00201208", DICOM.Tag(0x0020, 0x1208)),
        ] {
            #expect(qido(key) == cfind.strings(tag), "\(key): QIDO \(qido(key)) vs C-FIND \(cfind.strings(tag))")
        }
        // WADO-RS metadata of each instance carries the same study and patient attributes.
        let metadata = try #require(report["metadata"] as? [[String: Any]])
        #expect(metadata.count == 3)
        for instance in metadata {
            let name =
                ((instance["00100010"] as? [String: Any])?["Value"] as? [[String: Any]])?.first?["Alphabetic"]
                as? String
            #expect(name == cfind.string(.patientName))
            let pixel = instance["7FE00010"] as? [String: Any]
            #expect((pixel?["BulkDataURI"] as? String)?.contains("/bulkdata/7FE00010") == true)
        }

        // Every DICOMweb access is audited under the account.
        let audited = try fixture.server.query(
            "SELECT action, detail FROM audit_entries WHERE actor_username = 'webreader' ORDER BY sequence")
        #expect(audited.contains { $0[0] == "archive.query" && $0[1].hasPrefix("QIDO-RS") })
        #expect(audited.contains { $0[0] == "archive.retrieve" && $0[1].hasPrefix("WADO-RS") && $0[1].contains(s1) })
        #expect(audited.contains { $0[0] == "image.stored" })
    }
}
