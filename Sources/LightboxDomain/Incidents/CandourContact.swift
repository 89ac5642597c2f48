import Foundation

/// One duty-of-candour contact: who was told, when, by whom and how (IR(ME)R 2017 reg. 8(3)).
public struct CandourContact: Sendable, Codable, Equatable {
    public var party: CandourParty
    /// The person told (the referrer's or practitioner's name, or the patient's representative); for the patient
    /// themself, nil (the incident names the patient).
    public var contactName: String?
    public var contactedAt: Date
    /// The member of staff who made the contact.
    public var contactedByStaffID: UUID
    public var contactedByName: String
    /// In person, by telephone, by letter …
    public var method: String
    public var notes: String?
    public var recordedBy: String
    public var recordedAt: Date

    public init(
        party: CandourParty, contactName: String?, contactedAt: Date, contactedByStaffID: UUID,
        contactedByName: String, method: String, notes: String?, recordedBy: String, recordedAt: Date
    ) {
        self.party = party
        self.contactName = contactName
        self.contactedAt = contactedAt
        self.contactedByStaffID = contactedByStaffID
        self.contactedByName = contactedByName
        self.method = method
        self.notes = notes
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }
}
