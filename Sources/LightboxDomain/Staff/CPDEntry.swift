import Foundation

/// One continuing professional development activity (HCPC standards for CPD: a continuous, up-to-date record).
public struct CPDEntry: StaffRecord {
    public static let kind = "cpd"
    public var id: UUID
    public var staffID: UUID
    public var date: Date
    public var activity: String
    public var hours: Double
    public var reflection: String?
    public var recordedBy: String
    public var recordedAt: Date

    public init(
        id: UUID, staffID: UUID, date: Date, activity: String, hours: Double, reflection: String?,
        recordedBy: String, recordedAt: Date
    ) {
        self.id = id
        self.staffID = staffID
        self.date = date
        self.activity = activity
        self.hours = hours
        self.reflection = reflection
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }

    public var listedAt: Date { date }
}
