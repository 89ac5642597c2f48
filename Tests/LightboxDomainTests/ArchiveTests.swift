import Foundation
import LightboxDomain
import Testing

/// The archive's use cases on the in-memory store: ingest with matching and duplicates, refusals that
/// change nothing, reconciliation, storage commitment and the DICOM peers.
@Suite("Archive use cases")
struct ArchiveTests {
    struct Setup {
        let f: Fixture
        let images: FakeImageStore
        let archive: Archive
        let modality = Actor(staffID: nil, username: "CT_ROOM_1", role: .integration, door: .dicom, address: "10.1.1.1")

        init(policy: DuplicateInstancePolicy = .keep, minimumFree: Int64 = 1 << 20, captureDose: Bool = true)
            async throws
        {
            f = try await Fixture.make()
            images = FakeImageStore()
            archive = Archive(
                ArchiveEnvironment(
                    department: f.department.environment, images: images, reader: JSONInstanceReader(images: images),
                    configuration: ArchiveConfiguration(
                        duplicatePolicy: policy, minimumFreeBytes: minimumFree, captureDose: captureDose)))
        }

        func attributes(
            _ patient: Patient?, accession: String?, study: String = "1.2.826.0.1.3680043.10.1",
            series: String = "1.2.826.0.1.3680043.10.1.1", instance: String = "1.2.826.0.1.3680043.10.1.1.1",
            modality: String = "DX", name: String? = nil
        ) -> InstanceAttributes {
            InstanceAttributes(
                patientID: patient?.hospitalNumbers.first?.value ?? "UNKNOWN", issuerOfPatientID: "RXH",
                patientName: name ?? patient.map { StudyMatching.dicomName($0.name) } ?? "NOBODY^Known",
                patientBirthDate: patient?.dateOfBirth.map {
                    String(format: "%04d%02d%02d", $0.year, $0.month, $0.day)
                }, studyInstanceUID: study, accessionNumber: accession, seriesInstanceUID: series,
                modality: modality, sopClassUID: "1.2.840.10008.5.1.4.1.1.1.1", sopInstanceUID: instance,
                transferSyntaxUID: "1.2.840.10008.1.2.1")
        }

        func store(_ attributes: InstanceAttributes, extra: String = "") async throws -> ArchiveInstance.Result {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            var bytes = try encoder.encode(attributes)
            bytes.append(contentsOf: Array(extra.utf8))
            let staged = try await images.staged(bytes)
            return try await archive.archiveInstance(.init(staged: staged), by: modality)
        }

        func archiveState() async -> ArchiveState { await f.store.read { $0.archive } }
        func audit() async -> [String] { await f.store.read { $0.audit.map(\.action) } }
    }

    @Test("An instance whose accession number is an exam's is stored, indexed, matched and audited")
    func storedAndMatched() async throws {
        let s = try await Setup()
        let patient = try await s.f.patient()
        let exam = try await s.f.justify(try await s.f.request("XCHEST", for: patient))
        let result = try await s.store(s.attributes(patient, accession: exam.accessionNumber))
        #expect(result.disposition == .stored)
        #expect(result.study.matchStatus == .matched)
        #expect(result.study.examID == exam.id)
        #expect(result.study.patientRecordID == patient.id)
        #expect(result.study.numberOfInstances == 1 && result.study.numberOfSeries == 1)
        #expect(result.study.modalitiesInStudy == ["DX"])
        #expect(result.study.sopClassesInStudy == ["1.2.840.10008.5.1.4.1.1.1.1"])
        let second = try await s.store(
            s.attributes(
                patient, accession: exam.accessionNumber, series: "1.2.826.0.1.3680043.10.1.2",
                instance: "1.2.826.0.1.3680043.10.1.2.1", modality: "CT"))
        #expect(second.study.numberOfSeries == 2 && second.study.numberOfInstances == 2)
        #expect(second.study.modalitiesInStudy == ["CT", "DX"])
        let state = await s.archiveState()
        #expect(state.instances.count == 2 && state.series.count == 2 && state.studies.count == 1)
        #expect(state.patients.first?.value.numberOfInstances == 2)
        #expect(s.images.contains(result.instance.imageKey))
        let audit = await s.audit()
        #expect(audit.filter { $0 == "image.stored" }.count == 2)
        #expect(audit.contains("image.study-matched"))
        let entry = try #require(await s.f.store.read { $0.audit.last })
        #expect(entry.actorUsername == "CT_ROOM_1" && entry.door == .dicom && entry.patientID == patient.id)
    }

    @Test("Without an accession number, the Study Instance UID assigned at booking ties the images to the exam")
    func matchedByStudyInstanceUID() async throws {
        let s = try await Setup()
        let patient = try await s.f.patient()
        let exam = try await s.f.book(try await s.f.justify(try await s.f.request("XCHEST", for: patient)))
        let studyUID = try #require(exam.studyInstanceUID)
        let result = try await s.store(
            s.attributes(
                patient, accession: nil, study: studyUID, series: studyUID + ".1", instance: studyUID + ".1.1"))
        #expect(result.study.matchStatus == .matched && result.study.examID == exam.id)
    }

    @Test("The same bytes again change nothing; different bytes are kept or replaced as configured, audited")
    func duplicates() async throws {
        let keep = try await Setup(policy: .keep)
        let attributes = keep.attributes(nil, accession: nil)
        let first = try await keep.store(attributes)
        let again = try await keep.store(attributes)
        #expect(again.disposition == .alreadyArchived)
        let different = try await keep.store(attributes, extra: " ")
        #expect(different.disposition == .duplicateKept)
        #expect(different.instance.imageKey == first.instance.imageKey)
        #expect(await keep.archiveState().instances.count == 1)
        #expect(keep.images.state.withLock { $0.published.count } == 1)
        #expect(keep.images.state.withLock { $0.staged.isEmpty })
        let audit = await keep.audit()
        #expect(audit.contains("image.stored-again") && audit.contains("image.duplicate-kept"))

        let replace = try await Setup(policy: .replace)
        let original = try await replace.store(attributes)
        let replaced = try await replace.store(attributes, extra: " ")
        #expect(replaced.disposition == .replaced)
        #expect(replaced.instance.imageKey != original.instance.imageKey)
        #expect(await replace.archiveState().instances.count == 1)
        #expect(!replace.images.contains(original.instance.imageKey), "the replaced file is removed")
        #expect(replace.images.contains(replaced.instance.imageKey))
        #expect(await replace.audit().contains("image.replaced"))
    }

    @Test(
        "Invalid or missing UIDs and unreadable data are refused naming the problem, with nothing stored",
        arguments: ["../../x", String(repeating: "1", count: 65), "1.2.abc", "", "1.02.3", "1..2"])
    func invalidUIDs(_ uid: String) async throws {
        let s = try await Setup()
        let before = await s.f.store.read { $0 }
        await #expect(throws: DomainError.self) {
            _ = try await s.store(s.attributes(nil, accession: nil, instance: uid))
        }
        do {
            _ = try await s.store(s.attributes(nil, accession: nil, instance: uid))
        } catch let error as DomainError {
            #expect(error.code == .invalidInstance)
            #expect(error.fields.map(\.field) == ["SOPInstanceUID"], "\(error)")
        }
        #expect(await s.f.store.read { $0 } == before)
        #expect(s.images.state.withLock { $0.published.isEmpty && $0.staged.isEmpty })

        let garbage = try await s.images.staged(Data("not DICOM".utf8))
        await #expect(throws: DomainError(.unreadableDataSet, "The data set cannot be read: not an instance.")) {
            _ = try await s.archive.archiveInstance(.init(staged: garbage), by: s.modality)
        }
        #expect(s.images.state.withLock { $0.staged.isEmpty })
    }

    @Test("Below the free-space threshold storing is refused (out of resources) and resumes when space returns")
    func outOfSpace() async throws {
        let s = try await Setup(minimumFree: 1 << 20)
        s.images.state.withLock { $0.freeBytes = 1000 }
        do {
            _ = try await s.store(s.attributes(nil, accession: nil))
            Issue.record("stored below the threshold")
        } catch let error as DomainError {
            #expect(error.code == .archiveOutOfResources)
        }
        #expect(await s.archiveState().instances.isEmpty)
        s.images.state.withLock { $0.freeBytes = 10 << 30 }
        #expect(try await s.store(s.attributes(nil, accession: nil)).disposition == .stored)
    }

    @Test("Unmatched and mismatched studies wait for a person, who links, corrects or rejects them, audited")
    func reconciliation() async throws {
        let s = try await Setup()
        let patient = try await s.f.patient()
        let exam = try await s.f.justify(try await s.f.request("XCHEST", for: patient))
        let unmatched = try await s.store(s.attributes(patient, accession: "NOT-AN-EXAM"))
        #expect(unmatched.study.matchStatus == .unmatched)
        let mismatched = try await s.store(
            s.attributes(
                patient, accession: exam.accessionNumber, study: "1.2.826.0.1.3680043.10.2",
                series: "1.2.826.0.1.3680043.10.2.1", instance: "1.2.826.0.1.3680043.10.2.1.1",
                name: "SOMEONE^Else"))
        #expect(mismatched.study.matchStatus == .patientMismatch)
        #expect(mismatched.study.matchDetail.contains("SOMEONE^Else"))
        #expect(mismatched.study.examID == nil, "nothing merged silently")

        await #expect(throws: DomainError.self) { _ = try await s.archive.listReconciliation(by: s.f.supportWorker) }
        let list = try await s.archive.listReconciliation(by: s.f.radiographer)
        #expect(Set(list.map(\.study.id)) == [unmatched.study.id, mismatched.study.id])

        let linked = try await s.archive.reconcileStudy(
            .init(studyID: unmatched.study.id, decision: .link(examID: exam.id)), by: s.f.radiographer)
        #expect(linked.matchStatus == .linked && linked.examID == exam.id && linked.patientRecordID == patient.id)
        let corrected = try await s.archive.reconcileStudy(
            .init(studyID: mismatched.study.id, decision: .correct(examID: exam.id)), by: s.f.radiographer)
        #expect(corrected.matchStatus == .linked)
        let row = try #require(await s.archiveState().patients[corrected.archivedPatientID])
        #expect(row.patientName == StudyMatching.dicomName(patient.name))
        await #expect(throws: DomainError.self) {
            _ = try await s.archive.reconcileStudy(
                .init(studyID: corrected.id, decision: .reject(reason: "wrong")), by: s.f.radiographer)
        }
        #expect(try await s.archive.listReconciliation(by: s.f.radiographer).isEmpty)
        let audit = await s.audit()
        #expect(audit.contains("image.study-linked") && audit.contains("image.study-corrected"))
        #expect(audit.contains("image.reconciliation-read"))
        let images = try await s.archive.viewExamImages(examID: exam.id, by: s.f.radiologist)
        #expect(images.count == 2 && images.allSatisfy { $0.series.first?.instances.count == 1 })
    }

    @Test("Storage commitment commits what is indexed with its class and file, and fails the rest with a reason")
    func commitment() async throws {
        let s = try await Setup()
        let stored = try await s.store(s.attributes(nil, accession: nil))
        let result = try await s.archive.commitStorage(
            [
                .init(sopClassUID: stored.instance.sopClassUID, sopInstanceUID: stored.instance.sopInstanceUID),
                .init(sopClassUID: "1.2.840.10008.5.1.4.1.1.2", sopInstanceUID: stored.instance.sopInstanceUID),
                .init(sopClassUID: "1.2.840.10008.5.1.4.1.1.2", sopInstanceUID: "1.2.3.4"),
            ], by: s.modality)
        #expect(result.committed.map(\.sopInstanceUID) == [stored.instance.sopInstanceUID])
        #expect(result.failed.map(\.1) == [.classInstanceConflict, .noSuchInstance])
        #expect(await s.audit().contains("image.commitment"))
    }

    @Test("DICOM peers are managed by managers and admins only, validated and audited")
    func peers() async throws {
        let s = try await Setup()
        let command = AddDICOMPeer.Command(
            aeTitle: "CT_ROOM_1", host: "10.1.1.1", port: 104, services: [.echo, .store])
        await #expect(throws: DomainError.self) { _ = try await s.archive.addDICOMPeer(command, by: s.f.radiographer) }
        let peer = try await s.archive.addDICOMPeer(command, by: s.f.manager)
        #expect(peer.serviceList == "echo,store")
        #expect(try await s.archive.findDICOMPeer(aeTitle: "CT_ROOM_1 ")?.id == peer.id)
        var bad = command
        bad.aeTitle = String(repeating: "A", count: 17)
        bad.port = 0
        do {
            _ = try await s.archive.addDICOMPeer(bad, by: s.f.manager)
            Issue.record("accepted a bad peer")
        } catch let error as DomainError {
            #expect(Set(error.fields.map(\.field)) == ["aeTitle", "port"])
        }
        try await s.archive.removeDICOMPeer(aeTitle: "CT_ROOM_1", by: s.f.manager)
        #expect(try await s.archive.listDICOMPeers(by: s.f.manager).isEmpty)
        let audit = await s.audit()
        #expect(audit.contains("dicom-peer.added") && audit.contains("dicom-peer.removed"))
        #expect(throws: DomainError.self) { try DICOMService.parseList("echo,teleport") }
    }

    @Test("UIDs follow PS3.5 §9.1")
    func uidRule() {
        #expect(DICOMUID.isValid("1.2.840.10008.5.1.4.1.1.2"))
        #expect(DICOMUID.isValid("0.1"))
        for bad in ["../../x", String(repeating: "1", count: 65), "1.2.abc", "", "1.02", "1..2", "1.", ".1"] {
            #expect(!DICOMUID.isValid(bad), "\(bad)")
        }
    }
}
