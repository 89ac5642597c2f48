import Foundation

/// Reads what the archive indexes from a staged Part 10 file (implemented with the DICOM toolkit
/// outside the domain). Throws ``DomainError`` `archive.unreadable-data-set` naming the problem
/// when the bytes are not a readable DICOM data set.
public protocol InstanceReader: Sendable {
    /// The attributes of `staged`; with `readingDose` false, `dose` is nil and the data set's dose report is not
    /// read at all (the archive's `captureDose` turned off).
    func attributes(of staged: StagedImage, readingDose: Bool) throws -> InstanceAttributes
}
