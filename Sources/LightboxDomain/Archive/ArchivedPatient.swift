import Foundation

/// A patient row of the image index: the Patient module attributes as the archived images carry
/// them (PS3.4 C.6.1.1.2 patient level), keyed by Patient ID and Issuer of Patient ID. Not the
/// department's `Patient` record: a study is tied to a record through its exam (see ``ArchivedStudy``).
/// Text attributes are as in ``InstanceAttributes``; the store keeps an upper-cased copy of the name
/// for case-insensitive matching.
public struct ArchivedPatient: Sendable, Codable, Equatable, Identifiable {
    public var id: UUID
    public var patientID: String
    /// "" when the images name no issuer.
    public var issuerOfPatientID: String
    public var patientName: String
    public var patientBirthDate: String?
    public var patientSex: String?
    /// Number of Patient Related Studies (0020,1200).
    public var numberOfStudies: Int
    /// Number of Patient Related Series (0020,1202).
    public var numberOfSeries: Int
    /// Number of Patient Related Instances (0020,1204).
    public var numberOfInstances: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: UUID, patientID: String, issuerOfPatientID: String, patientName: String, patientBirthDate: String?,
        patientSex: String?, numberOfStudies: Int = 0, numberOfSeries: Int = 0, numberOfInstances: Int = 0,
        createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.patientID = patientID
        self.issuerOfPatientID = issuerOfPatientID
        self.patientName = patientName
        self.patientBirthDate = patientBirthDate
        self.patientSex = patientSex
        self.numberOfStudies = numberOfStudies
        self.numberOfSeries = numberOfSeries
        self.numberOfInstances = numberOfInstances
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
