import Foundation

/// The median dose per exam type and room against the national and the local DRL, for a period (DOMAIN.md
/// "Numbers the department is judged on": dose, median per exam type and room against the local and national
/// DRL). A median above the level it is judged against (the local one when set, else the national) is flagged.
public struct DoseOverviewReport: Sendable, Codable, Equatable {
    public struct Row: Sendable, Codable, Equatable {
        public var examCode: String
        public var examName: String
        public var roomID: UUID?
        public var roomName: String
        public var metric: DoseMetric
        public var exams: Int
        public var median: Double
        public var national: Double?
        /// The local DRL in force now for this exam type in this room (or every room).
        public var local: Double?
        /// median / (local, else national).
        public var ratio: Double?

        public var aboveReferenceLevel: Bool { (ratio ?? 0) > 1 }

        public init(
            examCode: String, examName: String, roomID: UUID?, roomName: String, metric: DoseMetric, exams: Int,
            median: Double, national: Double?, local: Double?
        ) {
            self.examCode = examCode
            self.examName = examName
            self.roomID = roomID
            self.roomName = roomName
            self.metric = metric
            self.exams = exams
            self.median = median
            self.national = national
            self.local = local
            let level = local ?? national
            ratio = level.flatMap { $0 > 0 ? median / $0 : nil }
        }
    }

    public var from: Date
    public var before: Date
    public var rows: [Row]

    public init(from: Date, before: Date, rows: [Row]) {
        self.from = from
        self.before = before
        self.rows = rows
    }
}
