import Foundation
import LightboxDomain

/// ImagingStudy series and instances from the archive's index (FHIR R4 §13.3), through
/// ``ViewExamImages`` so each read is audited as an image access. When several studies are linked to
/// an exam, the first one's UID names the ImagingStudy and the series of all of them are listed.
public struct ArchiveImagingStudies: FHIRImagingArchive {
    let archive: Archive

    public init(archive: Archive) {
        self.archive = archive
    }

    public func study(for exam: Exam, by actor: Actor) async throws -> FHIRStoredStudy? {
        let studies = try await archive.viewExamImages(examID: exam.id, by: actor)
        guard let first = studies.first else { return nil }
        return FHIRStoredStudy(
            studyInstanceUID: first.study.studyInstanceUID,
            series: studies.flatMap { study in
                study.series.map { entry in
                    FHIRImagingSeries(
                        seriesInstanceUID: entry.series.seriesInstanceUID, number: entry.series.seriesNumber,
                        modality: entry.series.modality ?? "OT", description: entry.series.seriesDescription,
                        bodySite: entry.series.bodyPartExamined,
                        started: Self.instant(date: entry.series.seriesDate, time: entry.series.seriesTime),
                        instances: entry.instances.map {
                            FHIRImagingSeries.Instance(
                                sopInstanceUID: $0.sopInstanceUID, sopClassUID: $0.sopClassUID,
                                number: $0.instanceNumber)
                        })
                }
            })
    }

    /// Without an actor (the protocol's older form): read as Lightbox itself, still audited.
    public func study(accessionNumber: String) async throws -> FHIRStoredStudy? {
        let system = Actor(staffID: nil, username: "lightbox", role: .radiologist, door: .fhir)
        let exams = try await archive.environment.department.store.transaction {
            try await $0.exams.find(accessionNumber: accessionNumber)
        }
        guard let exam = exams else { return nil }
        return try await study(for: exam, by: system)
    }

    /// A DICOM date and time (PS3.5 DA, TM) as an instant in UTC; nil without a valid date.
    static func instant(date: String?, time: String?) -> Date? {
        guard let date, date.count == 8, let year = Int(date.prefix(4)), let month = Int(date.dropFirst(4).prefix(2)),
            let day = Int(date.suffix(2))
        else { return nil }
        var components = DateComponents(year: year, month: month, day: day)
        if let time, time.count >= 4 {
            let digits = time.prefix(6)
            components.hour = Int(digits.prefix(2))
            components.minute = Int(digits.dropFirst(2).prefix(2))
            components.second = digits.count >= 6 ? Int(digits.suffix(2)) : 0
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        return calendar.date(from: components)
    }
}
