import Foundation
import Hummingbird
import HummingbirdTesting
import LightboxDomain
import LightboxTestSupport
import LightboxWeb
import Testing

/// ImagingStudy with an image archive plugged in: series and instances come from the archive.
@Suite("FHIR ImagingStudy from the archive")
struct FHIRImagingStudyTests {
    /// An archive holding one study for one accession number.
    struct OneStudyArchive: FHIRImagingArchive {
        let accessionNumber: String
        let study: FHIRStoredStudy

        func study(accessionNumber: String) async throws -> FHIRStoredStudy? {
            accessionNumber == self.accessionNumber ? study : nil
        }
    }

    /// A mutable holder, since the accession number is known only once the request exists.
    final class ArchiveBox: FHIRImagingArchive, @unchecked Sendable {
        private let lock = NSLock()
        private var archive: OneStudyArchive?

        func set(_ archive: OneStudyArchive) { lock.withLock { self.archive = archive } }

        func study(accessionNumber: String) async throws -> FHIRStoredStudy? {
            let archive = lock.withLock { self.archive }
            return try await archive?.study(accessionNumber: accessionNumber)
        }
    }

    @Test("Series and instances the archive holds make the study available", arguments: TestEngine.allCases)
    func archiveSeries(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let seeded = try await SeededDepartment.create(in: database.database)
            let box = ArchiveBox()
            var environment = seeded.environment()
            environment.imagingArchive = box
            let app = Application(router: WebApplication(environment: environment).buildRouter().router)
            try await app.test(.router) { client in
                let fhir = FHIRClient(APIClient(client), seeded)
                let path = Pathway(seeded: seeded, api: APIClient(client))
                let exam = try await path.checkedChest()
                try await path.step(exam, "start", by: path.token("radiographer"))
                let view = try await APIClient(client).send(
                    .get, "/api/exams/\(exam)", token: seeded.tokens[.radiographer])
                let accession = try #require(view.string("accessionNumber"))

                let before = try await fhir.get("/fhir/ImagingStudy/\(exam)")
                #expect(before.json?["status"] == "registered")

                box.set(
                    OneStudyArchive(
                        accessionNumber: accession,
                        study: FHIRStoredStudy(
                            studyInstanceUID: "1.2.826.0.1.3680043.10.1.1",
                            series: [
                                FHIRImagingSeries(
                                    seriesInstanceUID: "1.2.826.0.1.3680043.10.1.1.1", number: 1, modality: "DX",
                                    description: "PA",
                                    instances: [
                                        .init(
                                            sopInstanceUID: "1.2.826.0.1.3680043.10.1.1.1.1",
                                            sopClassUID: "1.2.840.10008.5.1.4.1.1.1.1", number: 1)
                                    ])
                            ])))
                let after = try await fhir.get("/fhir/ImagingStudy/\(exam)")
                #expect(after.status == .ok)
                #expect(after.json?["status"] == "available")
                #expect(after.json?["numberOfSeries"] == 1)
                #expect(after.json?["numberOfInstances"] == 1)
                #expect(
                    after.json?["identifier"]?.arrayValueForTests.contains {
                        $0["system"] == "urn:dicom:uid" && $0["value"] == "urn:oid:1.2.826.0.1.3680043.10.1.1"
                    } == true)
                let series = after.json?["series"]?.arrayValueForTests.first
                #expect(series?["uid"] == "1.2.826.0.1.3680043.10.1.1.1")
                #expect(series?["instance"]?.arrayValueForTests.count == 1)
                #expect(try await fhir.get("/fhir/ImagingStudy?status=available").entryIDs == [exam])
                #expect(try await fhir.get("/fhir/ImagingStudy?status=registered").total == 0)
                try FHIRPeer.validate(fhir.resources)
            }
        }
    }
}
