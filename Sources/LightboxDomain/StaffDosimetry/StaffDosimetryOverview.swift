import Foundation

/// The physicist's view of staff dosimetry: readings (of one wearer or everyone), yearly totals per wearer and site,
/// the investigations and who is classified, with the investigation levels in force.
public struct StaffDosimetryOverview: Sendable, Codable, Equatable {
    public var levels: StaffDoseInvestigationLevels
    public var readings: [DosemeterReading]
    public var totals: [StaffDoseTotal]
    public var investigations: [StaffDoseInvestigation]
    public var classifications: [ClassifiedWorker]

    public init(
        levels: StaffDoseInvestigationLevels, readings: [DosemeterReading], totals: [StaffDoseTotal],
        investigations: [StaffDoseInvestigation], classifications: [ClassifiedWorker]
    ) {
        self.levels = levels
        self.readings = readings
        self.totals = totals
        self.investigations = investigations
        self.classifications = classifications
    }
}
