import Foundation

/// One exam type in one room, one figure, over a period: the monthly median against the DRLs, the distribution
/// (quartiles and a histogram) and the outliers above the upper fence (Tukey: Q3 + 1.5 × the interquartile range).
public struct DoseExamTypeReport: Sendable, Codable, Equatable {
    public struct Month: Sendable, Codable, Equatable {
        /// The first moment of the month counted (the period's start for the first month).
        public var from: Date
        public var before: Date
        public var exams: Int
        public var median: Double?
        /// The local DRL in force at the end of the month.
        public var local: Double?

        public init(from: Date, before: Date, exams: Int, median: Double?, local: Double?) {
            self.from = from
            self.before = before
            self.exams = exams
            self.median = median
            self.local = local
        }
    }

    /// Quantiles by linear interpolation between ranks (Hyndman and Fan type 7, as spreadsheets' PERCENTILE).
    public struct Distribution: Sendable, Codable, Equatable {
        public var exams: Int
        public var minimum: Double
        public var lowerQuartile: Double
        public var median: Double
        public var upperQuartile: Double
        public var maximum: Double
        /// Q3 + 1.5 × (Q3 − Q1): exams above it are listed as outliers.
        public var upperFence: Double

        public init(
            exams: Int, minimum: Double, lowerQuartile: Double, median: Double, upperQuartile: Double, maximum: Double
        ) {
            self.exams = exams
            self.minimum = minimum
            self.lowerQuartile = lowerQuartile
            self.median = median
            self.upperQuartile = upperQuartile
            self.maximum = maximum
            upperFence = upperQuartile + 1.5 * (upperQuartile - lowerQuartile)
        }
    }

    public struct Bin: Sendable, Codable, Equatable {
        public var lower: Double
        public var upper: Double
        public var exams: Int

        public init(lower: Double, upper: Double, exams: Int) {
            self.lower = lower
            self.upper = upper
            self.exams = exams
        }
    }

    public struct Outlier: Sendable, Codable, Equatable {
        public var figure: DoseFigure
        public var operatorName: String

        public init(figure: DoseFigure, operatorName: String) {
            self.figure = figure
            self.operatorName = operatorName
        }
    }

    public var examCode: String
    public var examName: String
    public var roomID: UUID?
    public var roomName: String
    public var metric: DoseMetric
    public var from: Date
    public var before: Date
    public var national: Double?
    /// The local DRL in force now.
    public var local: Double?
    public var months: [Month]
    public var distribution: Distribution?
    public var bins: [Bin]
    /// Highest first, at most `ViewDoseStatistics.outlierLimit`.
    public var outliers: [Outlier]

    public init(
        examCode: String, examName: String, roomID: UUID?, roomName: String, metric: DoseMetric, from: Date,
        before: Date, national: Double?, local: Double?, months: [Month], distribution: Distribution?, bins: [Bin],
        outliers: [Outlier]
    ) {
        self.examCode = examCode
        self.examName = examName
        self.roomID = roomID
        self.roomName = roomName
        self.metric = metric
        self.from = from
        self.before = before
        self.national = national
        self.local = local
        self.months = months
        self.distribution = distribution
        self.bins = bins
        self.outliers = outliers
    }

    /// The 1-based ranks whose values give the `p` quantile of `count` sorted values (type 7), and the weight of
    /// the second.
    public static func ranks(quantile p: Double, count: Int) -> (lower: Int, upper: Int, weight: Double) {
        let h = Double(count - 1) * p
        let lower = Int(h.rounded(.down))
        return (lower + 1, min(lower + 2, count), h - Double(lower))
    }

    /// Histogram edges from 0 to at least `upper` in steps of a round width (1, 2, 2.5 or 5 × a power of ten),
    /// about `bins` of them; each edge an exact quotient so that a typed value on an edge falls in the bin above.
    public static func edges(upTo upper: Double, bins: Int) -> [Double] {
        guard upper > 0, upper.isFinite, bins > 0 else { return [0, 1] }
        let raw = upper / Double(bins)
        var exponent = Int(log10(raw).rounded(.down))
        // Less a hair, so that 0.02 / 0.01 computed as 2.0000000000000004 still counts as 2.
        let normalized = raw / pow(10, Double(exponent)) - 1e-9
        // The width as steps / 10^-exponent (steps a whole number), so every edge is one exact division.
        let steps: Int
        switch normalized {
        case ...1: steps = 1
        case ...2: steps = 2
        case ...2.5:
            steps = 25
            exponent -= 1
        case ...5: steps = 5
        default: steps = 10
        }
        let divisor = pow(10, Double(-exponent))
        func edge(_ index: Int) -> Double {
            exponent < 0 ? Double(index * steps) / divisor : Double(index * steps) * pow(10, Double(exponent))
        }
        let width = edge(1)
        let count = max(1, Int((upper / width - 1e-9).rounded(.up)))
        return (0...count).map(edge)
    }
}
