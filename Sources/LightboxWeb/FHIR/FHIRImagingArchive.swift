import Foundation
import LightboxDomain

/// The image archive as the FHIR door sees it: what is stored for an exam's accession number. The
/// archive implements this when it lands; until one is configured, ImagingStudy resources are
/// `registered` with no series (nothing is made up).
public protocol FHIRImagingArchive: Sendable {
    /// The stored study for an accession number (study instance UID and its series), nil when the
    /// archive holds nothing for it.
    func study(accessionNumber: String) async throws -> FHIRStoredStudy?
    /// The stored study of an exam, read on behalf of `actor` (so the image access is audited).
    /// The default asks by accession number.
    func study(for exam: Exam, by actor: Actor) async throws -> FHIRStoredStudy?
}

extension FHIRImagingArchive {
    public func study(for exam: Exam, by actor: Actor) async throws -> FHIRStoredStudy? {
        try await study(accessionNumber: exam.accessionNumber)
    }
}

/// A study the archive holds (PS3.3 §C.7.2.1 General Study: Study Instance UID; its series).
public struct FHIRStoredStudy: Sendable, Equatable {
    public var studyInstanceUID: String
    public var series: [FHIRImagingSeries]

    public init(studyInstanceUID: String, series: [FHIRImagingSeries]) {
        self.studyInstanceUID = studyInstanceUID
        self.series = series
    }
}
