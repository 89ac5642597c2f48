import Foundation

/// The dose register's aggregations for the physicist's charts, computed where the records are (a store answers
/// them in SQL over indexed columns, so a chart over hundreds of thousands of exams never reads every record).
/// Only exams whose dose record has the figure count; a figure counts for the modalities charted by it
/// (`Modality.doseMetrics`).
public protocol DoseStatisticsRepository: Sendable {
    /// Medians of each of `metrics`, grouped as asked.
    func medians(_ filter: DoseStatisticsFilter, metrics: [DoseMetric], grouping: DoseStatisticsGrouping)
        async throws -> [DoseMedian]

    /// How many exams have the figure, and its smallest and largest value (nil when none).
    func range(_ filter: DoseStatisticsFilter, metric: DoseMetric) async throws -> (
        count: Int, minimum: Double, maximum: Double
    )?

    /// The figure of the exams at each 1-based rank of the ascending order (for quantiles).
    func valuesAtRanks(_ filter: DoseStatisticsFilter, metric: DoseMetric, ranks: [Int]) async throws -> [Int: Double]

    /// How many exams fall in each bin `edges[i]..<edges[i+1]` (the last bin includes its upper edge).
    func histogram(_ filter: DoseStatisticsFilter, metric: DoseMetric, edges: [Double]) async throws -> [Int]

    /// The exams whose figure is above `threshold`, highest first, at most `limit`.
    func exams(_ filter: DoseStatisticsFilter, metric: DoseMetric, above threshold: Double, limit: Int) async throws
        -> [DoseFigure]

    /// The headline counts, with the period's from `period`.
    func counts(in period: StatisticsPeriod) async throws -> DoseRegisterCounts
}
