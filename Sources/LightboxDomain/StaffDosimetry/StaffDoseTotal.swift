import Foundation

/// A wearer's dose at one site over a calendar year, summed from the readings whose wear period ends in it.
public struct StaffDoseTotal: Sendable, Codable, Equatable {
    public var staffID: UUID
    public var staffName: String
    public var site: DosemeterSite
    public var year: Int
    public var totalMilliSievert: Double
    public var readings: Int
    public var classified: Bool

    public init(
        staffID: UUID, staffName: String, site: DosemeterSite, year: Int, totalMilliSievert: Double, readings: Int,
        classified: Bool
    ) {
        self.staffID = staffID
        self.staffName = staffName
        self.site = site
        self.year = year
        self.totalMilliSievert = totalMilliSievert
        self.readings = readings
        self.classified = classified
    }
}
