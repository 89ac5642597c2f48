import Foundation

/// An investigation opened by a reading above its investigation level (IRR17 reg. 9(8) ACOP: the employer
/// investigates to check the dose is as low as reasonably practicable), for the physicist to close with what was
/// found and done.
public struct StaffDoseInvestigation: Sendable, Codable, Equatable, Identifiable {
    public var id: UUID
    public var readingID: UUID
    public var staffID: UUID
    public var staffName: String
    public var site: DosemeterSite
    public var periodStart: CalendarDate
    public var periodEnd: CalendarDate
    public var doseMilliSievert: Double
    /// The investigation level in force when the reading was recorded.
    public var levelMilliSievert: Double
    /// The comparison, as a physicist checks it ("Hp(10) 0.8 mSv > 0.5 mSv").
    public var arithmetic: String
    public var openedAt: Date
    /// What was found and done; set when closed.
    public var findings: String?
    /// Whether the dose is judged real (not a dosemeter left in a room, for instance).
    public var doseConfirmed: Bool?
    public var closedBy: UUID?
    public var closedByName: String?
    public var closedAt: Date?

    public init(
        id: UUID, readingID: UUID, staffID: UUID, staffName: String, site: DosemeterSite, periodStart: CalendarDate,
        periodEnd: CalendarDate, doseMilliSievert: Double, levelMilliSievert: Double, arithmetic: String,
        openedAt: Date, findings: String? = nil, doseConfirmed: Bool? = nil, closedBy: UUID? = nil,
        closedByName: String? = nil, closedAt: Date? = nil
    ) {
        self.id = id
        self.readingID = readingID
        self.staffID = staffID
        self.staffName = staffName
        self.site = site
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.doseMilliSievert = doseMilliSievert
        self.levelMilliSievert = levelMilliSievert
        self.arithmetic = arithmetic
        self.openedAt = openedAt
        self.findings = findings
        self.doseConfirmed = doseConfirmed
        self.closedBy = closedBy
        self.closedByName = closedByName
        self.closedAt = closedAt
    }

    public var isOpen: Bool { closedAt == nil }
}
