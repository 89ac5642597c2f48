import Foundation

/// An appraisal held, with the date the next one is due.
public struct Appraisal: StaffRecord {
    public static let kind = "appraisal"
    public var id: UUID
    public var staffID: UUID
    public var heldOn: Date
    public var nextDue: Date
    public var appraiser: String
    public var recordedBy: String
    public var recordedAt: Date

    public init(
        id: UUID, staffID: UUID, heldOn: Date, nextDue: Date, appraiser: String, recordedBy: String, recordedAt: Date
    ) {
        self.id = id
        self.staffID = staffID
        self.heldOn = heldOn
        self.nextDue = nextDue
        self.appraiser = appraiser
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }

    public var listedAt: Date { heldOn }
}
