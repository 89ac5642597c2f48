import DICOM
import Foundation
import LightboxDomain
import LightboxStore
import LightboxTestSupport
import NIOCore

/// An image archive for the viewer's tests: a folder image store in a temporary directory with the DICOM reader
/// and de-identifier, holding a CT series made from the corpus CT slice (`693_UNCI.dcm`, 512 × 512, signed, with
/// rescale and Pixel Spacing) for a seeded patient's exam, stored through the same use case as a C-STORE.
struct ViewerFixture {
    static let ctPath = "dicom/pydicom-data/693_UNCI.dcm"

    let archive: Archive
    let folder: URL
    let exam: Exam
    let patient: Patient
    let studyInstanceUID: String
    let seriesInstanceUID: String
    let sopInstanceUIDs: [String]
    /// The corpus slice's Pixel Spacing (row, column) in mm.
    let pixelSpacing: [Double]

    /// Stores `slices` images of one series for `examID` (one of the seeded man's), or for a CT chest requested here.
    /// `accessionNumber` stores the images under another accession number than the exam's (a study no exam matches).
    static func make(
        _ seeded: SeededDepartment, slices: Int = 3, examID: UUID? = nil, accessionNumber: String? = nil
    ) async throws -> ViewerFixture {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "lightbox-viewer-\(UUID().uuidString)")
        let images = try FolderImageStore(root: folder.path)
        let archive = Archive(
            ArchiveEnvironment(
                department: seeded.department.environment, images: images, reader: DICOMInstanceReader(),
                deidentifier: DICOMInstanceDeidentifier()))
        let orders = Actor(staffID: nil, username: "order-comms", role: .integration, door: .api)
        guard let patient = seeded.patients["man"] else { throw Failure("the seeded department has no man") }
        let exam: Exam
        if let examID {
            guard let found = try await seeded.store.transaction({ try await $0.exams.get(examID) }) else {
                throw Failure("no exam \(examID)")
            }
            exam = found
        } else {
            exam = try await seeded.department.createRequest(
                .init(
                    identifiers: RequestIdentifiers(
                        name: patient.name, dateOfBirth: patient.dateOfBirth, nhsNumber: patient.nhsNumber?.digits),
                    examCode: "CCHEST", clinicalQuestion: "? metastases", referrerID: seeded.referrer.id,
                    priority: .urgent),
                by: orders
            ).value
        }
        let original = try DICOMReader().read(contentsOf: try TestCorpus.file(ctPath).path)
        let study = "1.2.826.0.1.3680043.10.543.\(UInt32.random(in: 1...UInt32.max))"
        let series = study + ".1"
        let modality = Actor(staffID: nil, username: "CT1", role: .integration, door: .dicom, address: "127.0.0.1")
        var sops: [String] = []
        for number in 1...slices {
            var file = original
            var data = file.dataSet
            let sop = series + ".\(number)"
            try data.set(.sopInstanceUID, vr: .UI, string: sop)
            try data.set(.studyInstanceUID, vr: .UI, string: study)
            try data.set(.seriesInstanceUID, vr: .UI, string: series)
            try data.set(Tag(0x0020, 0x0013), vr: .IS, int: number)
            try data.set(Tag(0x0008, 0x0050), vr: .SH, string: accessionNumber ?? exam.accessionNumber)
            try data.set(.patientName, vr: .PN, string: StudyMatching.dicomName(patient.name))
            try data.set(Tag(0x0010, 0x0020), vr: .LO, string: patient.nhsNumber?.digits ?? "")
            if let birth = patient.dateOfBirth {
                try data.set(
                    Tag(0x0010, 0x0030), vr: .DA,
                    string: String(format: "%04d%02d%02d", birth.year, birth.month, birth.day))
            }
            file.dataSet = data
            file.fileMetaInformation = DataSet()
            let bytes = try DICOMWriter().write(file)
            let staging = try images.stage()
            try bytes.withUnsafeReadableBytes { try staging.write($0) }
            let staged = try await staging.finish()
            _ = try await archive.archiveInstance(.init(staged: staged), by: modality)
            sops.append(sop)
        }
        return ViewerFixture(
            archive: archive, folder: folder, exam: exam, patient: patient, studyInstanceUID: study,
            seriesInstanceUID: series, sopInstanceUIDs: sops,
            pixelSpacing: original.dataSet.doubles(Tag(0x0028, 0x0030)))
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
