import Foundation

/// Which exams' dose records a statistic reads: performed in `period`, of one exam type and one room when named.
public struct DoseStatisticsFilter: Sendable, Equatable {
    public var period: StatisticsPeriod
    public var examCode: String?
    public var roomID: UUID?

    public init(period: StatisticsPeriod, examCode: String? = nil, roomID: UUID? = nil) {
        self.period = period
        self.examCode = examCode
        self.roomID = roomID
    }
}

/// How medians are grouped: per exam type and room, per exam type and operator, or per exam type and interval
/// between consecutive `boundaries` within the filter's room (the months of a trend; bucket i is
/// `boundaries[i]..<boundaries[i+1]`).
public enum DoseStatisticsGrouping: Sendable, Equatable {
    case room
    case operatorStaff
    case interval(boundaries: [Date])
}
