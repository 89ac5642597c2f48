import Foundation

/// Reject rates per room and per operator for the exams performed in a period (DOMAIN.md: both too high and too
/// low flag a problem; a rate below the band usually means rejects are not being recorded).
public struct RejectRateReport: Sendable, Codable, Equatable {
    /// Where a rate lies against the department's band.
    public enum Flag: String, Sendable, Codable {
        case belowBand, withinBand, aboveBand, noImages

        public var label: String {
            switch self {
            case .belowBand: "Below the band: are rejects being recorded?"
            case .withinBand: "Within the band"
            case .aboveBand: "Above the band: review technique and equipment"
            case .noImages: "No images recorded"
            }
        }
    }

    public struct Row: Sendable, Codable, Equatable {
        /// The room's or operator's id; nil for the whole department or an operator not recorded.
        public var id: UUID?
        public var name: String
        public var exams: Int
        public var imagesAcquired: Int
        public var imagesRejected: Int
        /// Rejected images per 100 acquired.
        public var ratePercent: Double?
        public var flag: Flag
        public var flagLabel: String
    }

    public var from: Date
    public var before: Date
    public var lowPercent: Double
    public var highPercent: Double
    public var department: Row
    public var rooms: [Row]
    public var operators: [Row]

    static func row(
        id: UUID?, name: String, _ tallies: [PerformedTally], low: Double, high: Double
    ) -> Row {
        let exams = tallies.reduce(0) { $0 + $1.exams }
        let acquired = tallies.reduce(0) { $0 + $1.imagesAcquired }
        let rejected = tallies.reduce(0) { $0 + $1.imagesRejected }
        let rate = StatisticsWords.share(rejected, of: acquired)
        let flag: Flag
        if let rate {
            flag = rate < low ? .belowBand : rate > high ? .aboveBand : .withinBand
        } else {
            flag = .noImages
        }
        return Row(
            id: id, name: name, exams: exams, imagesAcquired: acquired, imagesRejected: rejected, ratePercent: rate,
            flag: flag, flagLabel: flag.label)
    }
}
