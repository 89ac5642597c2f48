import Foundation

/// One personal dosemeter's reading for one wearer and wear period, as the dosimetry service reports it (mSv).
public struct DosemeterReading: Sendable, Codable, Equatable, Identifiable {
    public var id: UUID
    /// The wearer (a member of staff).
    public var staffID: UUID
    /// Their name as it was when the reading was recorded.
    public var staffName: String
    public var site: DosemeterSite
    public var periodStart: CalendarDate
    public var periodEnd: CalendarDate
    public var doseMilliSievert: Double
    /// The dosemeter's serial or the service's reference.
    public var dosemeterReference: String?
    /// The investigation this reading opened, if it was above its level.
    public var investigationID: UUID?
    public var recordedBy: String
    public var recordedAt: Date

    public init(
        id: UUID, staffID: UUID, staffName: String, site: DosemeterSite, periodStart: CalendarDate,
        periodEnd: CalendarDate, doseMilliSievert: Double, dosemeterReference: String?, investigationID: UUID?,
        recordedBy: String, recordedAt: Date
    ) {
        self.id = id
        self.staffID = staffID
        self.staffName = staffName
        self.site = site
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.doseMilliSievert = doseMilliSievert
        self.dosemeterReference = dosemeterReference
        self.investigationID = investigationID
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }
}
