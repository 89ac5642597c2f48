import DICOM
import Foundation
import LightboxDomain
import NIOCore

/// The demo archive: a demo modality peer on 127.0.0.1 and a few small studies, written by our own
/// DICOM writer for demo exams already performed and archived through the same use case as a
/// C-STORE, so a newcomer can store, query and open images at once. Loading twice changes nothing
/// (the same bytes again are "already archived").
struct DemoArchive: Sendable {
    /// The AE title of the demo modality (use it as calling AE title: `storescu -aet DEMO_MODALITY`).
    static let modalityAETitle = "DEMO_MODALITY"
    static let modalityPort = 11113
    /// Demo exams given images.
    static let studyCount = 3

    let archive: Archive
    let store: any DepartmentStore
    let clock: any Clock

    init(archive: Archive, store: any DepartmentStore, clock: any Clock) {
        self.archive = archive
        self.store = store
        self.clock = clock
    }

    /// Registers the peer and stores the studies; returns lines for the person at the terminal.
    func load() async throws -> [String] {
        let administrator = Actor(staffID: nil, username: "demo", role: .admin, door: .system)
        let modality = Actor(
            staffID: nil, username: Self.modalityAETitle, role: .integration, door: .system, address: "127.0.0.1")
        let peers = try await archive.listDICOMPeers(by: administrator)
        if !peers.contains(where: { $0.aeTitle == Self.modalityAETitle }) {
            _ = try await archive.addDICOMPeer(
                .init(
                    aeTitle: Self.modalityAETitle, host: "127.0.0.1", port: Self.modalityPort,
                    services: Set(DICOMService.allCases)), by: administrator)
        }
        let performed: [ExamState] = [.completed, .imagesChecked, .discharged, .reported, .reportVerified]
        let exams = try await store.transaction { unit in
            try await unit.exams.list(ExamQuery(states: performed, limit: 50))
        }
        var stored = 0
        for exam in exams.prefix(Self.studyCount) {
            guard let patient = try await store.transaction({ try await $0.patients.get(exam.patientID) }) else {
                continue
            }
            for number in 1...2 {
                let bytes = try Self.instance(exam: exam, patient: patient, number: number)
                let staging = try archive.environment.images.stage()
                do {
                    try bytes.withUnsafeReadableBytes { try staging.write($0) }
                    let staged = try await staging.finish()
                    _ = try await archive.archiveInstance(.init(staged: staged), by: modality)
                    stored += 1
                } catch {
                    staging.abandon()
                    throw error
                }
            }
        }
        return [
            "Demo DICOM peer \(Self.modalityAETitle) (127.0.0.1:\(Self.modalityPort)) may use every service; "
                + "\(stored) demo images are archived for \(min(exams.count, Self.studyCount)) exams."
        ]
    }

    /// A small secondary-capture-like DX image of the exam, the same bytes on every run.
    static func instance(exam: Exam, patient: Patient, number: Int) throws -> ByteBuffer {
        // The Study Instance UID assigned at booking, as the room's modality would use from the worklist.
        let studyUID = exam.studyInstanceUID ?? uid(exam.id, suffix: 1)
        let seriesUID = studyUID + ".2"
        let instanceUID = studyUID + ".2.\(number)"
        let started = exam.performance?.startedAt ?? exam.requestedAt
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: started)
        let date = String(format: "%04d%02d%02d", parts.year ?? 2000, parts.month ?? 1, parts.day ?? 1)
        let time = String(format: "%02d%02d%02d", parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
        let patientID = patient.hospitalNumbers.first?.value ?? patient.nhsNumber?.digits ?? ""
        let birth = patient.dateOfBirth.map { String(format: "%04d%02d%02d", $0.year, $0.month, $0.day) } ?? ""
        var data = DataSet()
        try data.set(.specificCharacterSet, string: "ISO_IR 192")
        try data.set(.sopClassUID, string: "1.2.840.10008.5.1.4.1.1.7")  // Secondary Capture Image Storage
        try data.set(.sopInstanceUID, string: instanceUID)
        try data.set(.studyDate, string: date)
        try data.set(.studyTime, string: time)
        try data.set(.accessionNumber, string: exam.accessionNumber)
        try data.set(.modality, string: exam.modality.rawValue)
        try data.set(.studyDescription, string: exam.examName)
        try data.set(.patientName, string: StudyMatching.dicomName(patient.name))
        try data.set(.patientID, string: patientID)
        try data.set(.patientBirthDate, string: birth)
        try data.set(.patientSex, string: patient.sex == .female ? "F" : patient.sex == .male ? "M" : "O")
        try data.set(.studyInstanceUID, string: studyUID)
        try data.set(.seriesInstanceUID, string: seriesUID)
        try data.set(.studyID, string: String(exam.accessionNumber.suffix(16)))
        try data.set(.seriesNumber, int: 1)
        try data.set(.instanceNumber, int: number)
        try data.set(.samplesPerPixel, int: 1)
        try data.set(.photometricInterpretation, string: "MONOCHROME2")
        let size = 128
        try data.set(.rows, int: size)
        try data.set(.columns, int: size)
        try data.set(.bitsAllocated, int: 16)
        try data.set(.bitsStored, int: 12)
        try data.set(.highBit, int: 11)
        try data.set(.pixelRepresentation, int: 0)
        var pixels = ByteBuffer()
        pixels.reserveCapacity(size * size * 2)
        for y in 0..<size {
            for x in 0..<size {
                // A soft disc over a gradient: something to window and level.
                let dx = Double(x - size / 2)
                let dy = Double(y - size / 2)
                let disc = max(0, 1 - (dx * dx + dy * dy).squareRoot() / Double(size / 2 - number * 8))
                let value = UInt16(min(4095, Double(x * 12) + disc * 2500))
                pixels.writeInteger(value, endianness: .little)
            }
        }
        data.set(.pixelData, vr: .OW, bytes: pixels)
        return try DICOMWriter().write(DICOMFile(dataSet: data, transferSyntax: .explicitVRLittleEndian))
    }

    /// A UID under 2.25 (PS3.5 §B.2) from a UUID and a small suffix.
    static func uid(_ id: UUID, suffix: Int) -> String {
        var digits = withUnsafeBytes(of: id.uuid) { Array($0) }
        var decimal = ""
        while digits.contains(where: { $0 != 0 }) {
            var remainder = 0
            for index in digits.indices {
                let value = remainder * 256 + Int(digits[index])
                digits[index] = UInt8(value / 10)
                remainder = value % 10
            }
            decimal.insert(Character(String(remainder)), at: decimal.startIndex)
        }
        return "2.25.\(decimal.isEmpty ? "0" : decimal).\(suffix)"
    }
}
