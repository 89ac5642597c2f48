import Foundation
import LightboxDomain

/// `DoseStatisticsRepository` in memory: the same answers as the SQL, worked out over every record.
struct InMemoryDoseStatistics: DoseStatisticsRepository {
    let store: InMemoryDepartmentStore

    private struct Value {
        var record: ExamDoseRecord
        var operatorStaffID: UUID?
        var metric: DoseMetric
        var value: Double
    }

    private func values(_ filter: DoseStatisticsFilter, metrics: [DoseMetric]) async -> [Value] {
        await store.read { state in
            state.dose.records.values.flatMap { record -> [Value] in
                guard record.performedAt >= filter.period.from, record.performedAt < filter.period.before,
                    filter.examCode == nil || filter.examCode == record.examCode,
                    filter.roomID == nil || filter.roomID == record.roomID
                else { return [] }
                return metrics.compactMap { metric in
                    guard metric != .peakSkinDose, record.modality.doseMetrics.contains(metric),
                        let value = metric.value(in: record.totals)
                    else { return nil }
                    return Value(
                        record: record,
                        operatorStaffID: record.operatorStaffID,
                        metric: metric, value: value)
                }
            }
        }
    }

    func medians(_ filter: DoseStatisticsFilter, metrics: [DoseMetric], grouping: DoseStatisticsGrouping)
        async throws -> [DoseMedian]
    {
        struct Key: Hashable {
            var code: String
            var room: UUID?
            var staff: UUID?
            var bucket: Int?
            var metric: DoseMetric
        }
        let found = await values(filter, metrics: metrics)
        let groups = Dictionary(grouping: found) { value -> Key in
            switch grouping {
            case .room: Key(code: value.record.examCode, room: value.record.roomID, metric: value.metric)
            case .operatorStaff: Key(code: value.record.examCode, staff: value.operatorStaffID, metric: value.metric)
            case .interval(let boundaries):
                Key(
                    code: value.record.examCode, room: filter.roomID,
                    bucket: max(0, (boundaries.lastIndex { $0 <= value.record.performedAt } ?? 0)),
                    metric: value.metric)
            }
        }
        return groups.compactMap { key, values in
            ProposedReferenceLevel.median(values.map(\.value)).map {
                DoseMedian(
                    examCode: key.code, roomID: key.room, operatorStaffID: key.staff, bucket: key.bucket,
                    metric: key.metric, exams: values.count, median: $0)
            }
        }
    }

    func range(_ filter: DoseStatisticsFilter, metric: DoseMetric) async throws -> (
        count: Int, minimum: Double, maximum: Double
    )? {
        let found = await values(filter, metrics: [metric]).map(\.value)
        guard let low = found.min(), let high = found.max() else { return nil }
        return (found.count, low, high)
    }

    func valuesAtRanks(_ filter: DoseStatisticsFilter, metric: DoseMetric, ranks: [Int]) async throws -> [Int: Double] {
        let sorted = await values(filter, metrics: [metric]).map(\.value).sorted()
        var found: [Int: Double] = [:]
        for rank in ranks where rank >= 1 && rank <= sorted.count { found[rank] = sorted[rank - 1] }
        return found
    }

    func histogram(_ filter: DoseStatisticsFilter, metric: DoseMetric, edges: [Double]) async throws -> [Int] {
        guard edges.count > 1 else { return [] }
        let found = await values(filter, metrics: [metric]).map(\.value)
        let last = edges.count - 2
        return (0...last).map { index in
            found.filter { $0 >= edges[index] && (index == last ? $0 <= edges[index + 1] : $0 < edges[index + 1]) }
                .count
        }
    }

    func exams(_ filter: DoseStatisticsFilter, metric: DoseMetric, above threshold: Double, limit: Int) async throws
        -> [DoseFigure]
    {
        await values(filter, metrics: [metric]).filter { $0.value > threshold }
            .sorted { ($0.value, $1.record.performedAt) > ($1.value, $0.record.performedAt) }
            .prefix(max(1, limit))
            .map {
                DoseFigure(
                    examID: $0.record.examID, performedAt: $0.record.performedAt,
                    operatorStaffID: $0.operatorStaffID, value: $0.value)
            }
    }

    func counts(in period: StatisticsPeriod) async throws -> DoseRegisterCounts {
        await store.read { state in
            let records = state.dose.records.values.filter { $0.source != nil }
            let inPeriod = records.filter { $0.performedAt >= period.from && $0.performedAt < period.before }
            return DoseRegisterCounts(
                examsWithDose: records.count, examsWithDoseInPeriod: inPeriod.count,
                examsAboveReferenceLevelInPeriod: state.dose.records.values.filter {
                    $0.performedAt >= period.from && $0.performedAt < period.before && ($0.highestRatio ?? 0) > 1
                }.count,
                openAlerts: state.dose.alerts.values.filter(\.isOpen).count)
        }
    }
}
