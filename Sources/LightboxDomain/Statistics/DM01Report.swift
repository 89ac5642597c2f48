import Foundation

/// The diagnostic waiting census (DM01; DOMAIN.md "Numbers the department is judged on"): at the census, every
/// exam requested and not yet performed or closed is waiting, for the whole days from its request day to the
/// census day; fewer than the target share may have waited the configured weeks (six) or more.
public struct DM01Report: Sendable, Codable, Equatable {
    /// Waiting exams of one modality.
    public struct ModalityRow: Sendable, Codable, Equatable {
        public var modality: Modality
        public var label: String
        public var waiting: Int
        public var waitingAtOrOverTarget: Int
        public var percentAtOrOverTarget: Double?
    }

    /// Waiting exams by whole weeks waited (the last band is open-ended).
    public struct Band: Sendable, Codable, Equatable {
        public var label: String
        public var fromWeeks: Int
        /// Exclusive; nil for the open-ended last band.
        public var toWeeks: Int?
        public var waiting: Int
        /// The band is at or over the wait target.
        public var overTarget: Bool
    }

    public var census: Date
    public var censusDay: CalendarDate
    public var waitWeeks: Int
    public var targetPercent: Double
    public var waiting: Int
    public var waitingAtOrOverTarget: Int
    public var percentAtOrOverTarget: Double?
    /// Below the target share (an empty list meets it).
    public var meetsTarget: Bool
    public var modalities: [ModalityRow]
    public var bands: [Band]

    /// The weeks the distribution shows before its open-ended band.
    public static let bandWeeks = 13

    /// The first moment a request must precede to have waited `days` whole days or more at `censusDay`.
    static func boundary(days: Int, censusDay: CalendarDate, in timeZone: TimeZone) -> Date {
        DiagnosticWait.requestedBefore(days: days, censusDay: censusDay, in: timeZone)
    }
}
