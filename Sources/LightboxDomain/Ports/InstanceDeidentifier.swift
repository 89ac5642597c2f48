import Foundation

/// De-identifies archived instances for a disclosure (implemented with the DICOM toolkit outside the domain):
/// PS3.15 Annex E, Basic Application Level Confidentiality Profile, with one UID map across all the files given, so
/// the copies of a study stay one study. Throws ``DomainError`` `validation.failed` naming the instance and the
/// problem when one cannot be de-identified (unreadable, or identity burned into its pixels).
public protocol InstanceDeidentifier: Sendable {
    func deidentify(_ files: [ArchivedInstanceFile], at paths: [String]) throws -> [DeidentifiedInstance]
}

/// One de-identified instance: its new UIDs and its Part 10 bytes.
public struct DeidentifiedInstance: Sendable, Equatable {
    public var studyInstanceUID: String
    public var seriesInstanceUID: String
    public var sopInstanceUID: String
    public var bytes: Data

    public init(studyInstanceUID: String, seriesInstanceUID: String, sopInstanceUID: String, bytes: Data) {
        self.studyInstanceUID = studyInstanceUID
        self.seriesInstanceUID = seriesInstanceUID
        self.sopInstanceUID = sopInstanceUID
        self.bytes = bytes
    }
}
