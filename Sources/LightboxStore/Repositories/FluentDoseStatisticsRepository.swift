import FluentKit
import Foundation
import LightboxDomain
import SQLKit

/// `DoseStatisticsRepository` in SQL on both engines: each figure is one column of `exam_dose_records` (M0070,
/// M0076); medians and quantiles come from window functions (ROW_NUMBER and COUNT over a partition), histograms
/// from conditional sums, so the database returns a few rows however many exams it holds.
struct FluentDoseStatisticsRepository: DoseStatisticsRepository {
    let context: RepositoryContext

    private var sql: any SQLDatabase {
        get throws { try LightboxDatabase.sql(context.database) }
    }

    /// The column holding a figure (nil: not kept as a column, so not charted).
    static func column(_ metric: DoseMetric) -> String? {
        switch metric {
        case .ctdiVol: "ctdi_vol"
        case .dlp: "dlp"
        case .doseAreaProduct: "dose_area_product"
        case .doseAreaProductPerRadiograph: "dap_per_radiograph"
        case .referencePointDose: "reference_point_dose"
        case .fluoroscopyTime: "fluoroscopy_seconds"
        case .averageGlandularDose: "agd"
        case .administeredActivity: "administered_activity"
        case .peakSkinDose: nil
        }
    }

    /// One row per exam and figure: exam_id, exam_code, room_id, performed_at, metric, value, and the operator
    /// (joined from the exam's statistics columns) or the interval index when asked.
    private func valueRows(
        _ filter: DoseStatisticsFilter, metrics: [DoseMetric], withOperator: Bool = false, boundaries: [Date]? = nil
    ) -> SQLQueryString? {
        let branches: [SQLQueryString] = metrics.compactMap { metric in
            guard let column = Self.column(metric) else { return nil }
            let modalities = Modality.charted(by: metric)
            guard !modalities.isEmpty else { return nil }
            var query: SQLQueryString =
                "SELECT d.id AS exam_id, d.exam_code AS exam_code, d.room_id AS room_id, d.performed_at AS performed_at, "
            query += "'\(unsafeRaw: metric.rawValue)' AS metric, d.\(unsafeRaw: column) AS value"
            if withOperator { query += ", e.operator_staff_id AS operator_id" }
            if let boundaries, boundaries.count > 1 {
                query += ", CASE"
                for (index, boundary) in boundaries.dropFirst().enumerated() {
                    query += " WHEN d.performed_at < \(bind: boundary) THEN \(unsafeRaw: String(index))"
                }
                query += " ELSE \(unsafeRaw: String(boundaries.count - 1)) END AS bucket"
            }
            query += " FROM exam_dose_records d"
            if withOperator { query += " LEFT JOIN exams e ON e.id = d.id" }
            query += " WHERE d.\(unsafeRaw: column) IS NOT NULL"
            query += " AND d.performed_at >= \(bind: filter.period.from) AND d.performed_at < \(bind: filter.period.before)"
            query += " AND d.modality IN ("
            query += modalities.map { "\(bind: $0.rawValue)" as SQLQueryString }.joined(separator: ", ")
            query += ")"
            if let code = filter.examCode { query += " AND d.exam_code = \(bind: code)" }
            if let room = filter.roomID { query += " AND d.room_id = \(bind: room)" }
            return query
        }
        guard !branches.isEmpty else { return nil }
        return branches.joined(separator: " UNION ALL ")
    }

    func medians(_ filter: DoseStatisticsFilter, metrics: [DoseMetric], grouping: DoseStatisticsGrouping)
        async throws -> [DoseMedian]
    {
        let keys: [String]
        var boundaries: [Date]?
        switch grouping {
        case .room: keys = ["exam_code", "room_id"]
        case .operatorStaff: keys = ["exam_code", "operator_id"]
        case .interval(let edges):
            keys = ["exam_code", "room_id", "bucket"]
            boundaries = edges
            guard edges.count > 1 else { return [] }
        }
        guard
            let values = valueRows(
                filter, metrics: metrics, withOperator: grouping == .operatorStaff, boundaries: boundaries)
        else { return [] }
        let partition = (keys + ["metric"]).joined(separator: ", ")
        var query: SQLQueryString = "SELECT \(unsafeRaw: partition), MAX(n) AS exams, AVG(value) AS median FROM ("
        query += "SELECT v.*, ROW_NUMBER() OVER (PARTITION BY \(unsafeRaw: partition) ORDER BY value) AS rn, "
        query += "COUNT(*) OVER (PARTITION BY \(unsafeRaw: partition)) AS n FROM ("
        query += values
        query += ") v) r WHERE rn * 2 IN (n, n + 1, n + 2) GROUP BY \(unsafeRaw: partition)"
        return try await sql.raw(query).all().compactMap { row in
            guard let metric = DoseMetric(rawValue: try row.decode(column: "metric", as: String.self)) else {
                return nil
            }
            let roomID = try keys.contains("room_id") ? Self.uuid(row, "room_id") : nil
            let operatorID = try keys.contains("operator_id") ? Self.uuid(row, "operator_id") : nil
            let bucket = try keys.contains("bucket") ? row.decode(column: "bucket", as: Int.self) : nil
            return DoseMedian(
                examCode: try row.decode(column: "exam_code", as: String.self), roomID: roomID,
                operatorStaffID: operatorID, bucket: bucket, metric: metric, exams: try row.decode(column: "exams", as: Int.self),
                median: try row.decode(column: "median", as: Double.self))
        }
    }

    func range(_ filter: DoseStatisticsFilter, metric: DoseMetric) async throws -> (
        count: Int, minimum: Double, maximum: Double
    )? {
        guard let values = valueRows(filter, metrics: [metric]) else { return nil }
        var query: SQLQueryString = "SELECT COUNT(*) AS n, MIN(value) AS lo, MAX(value) AS hi FROM ("
        query += values
        query += ") v"
        guard let row = try await sql.raw(query).first() else { return nil }
        let count = try row.decode(column: "n", as: Int.self)
        guard count > 0 else { return nil }
        return (
            count, try row.decode(column: "lo", as: Double.self), try row.decode(column: "hi", as: Double.self)
        )
    }

    func valuesAtRanks(_ filter: DoseStatisticsFilter, metric: DoseMetric, ranks: [Int]) async throws -> [Int: Double]
    {
        guard !ranks.isEmpty, let values = valueRows(filter, metrics: [metric]) else { return [:] }
        var query: SQLQueryString = "SELECT rn, value FROM (SELECT value, ROW_NUMBER() OVER (ORDER BY value) AS rn FROM ("
        query += values
        query += ") v) r WHERE rn IN ("
        query += ranks.map { "\(bind: $0)" as SQLQueryString }.joined(separator: ", ")
        query += ")"
        var found: [Int: Double] = [:]
        for row in try await sql.raw(query).all() {
            found[try row.decode(column: "rn", as: Int.self)] = try row.decode(column: "value", as: Double.self)
        }
        return found
    }

    func histogram(_ filter: DoseStatisticsFilter, metric: DoseMetric, edges: [Double]) async throws -> [Int] {
        guard edges.count > 1, let values = valueRows(filter, metrics: [metric]) else { return [] }
        var query: SQLQueryString = "SELECT "
        let last = edges.count - 2
        query += (0...last).map { index -> SQLQueryString in
            let upper: SQLQueryString =
                index == last ? "value <= \(bind: edges[index + 1])" : "value < \(bind: edges[index + 1])"
            return "CAST(COALESCE(SUM(CASE WHEN value >= \(bind: edges[index]) AND \(upper) THEN 1 ELSE 0 END), 0) "
                + "AS BIGINT) AS b\(unsafeRaw: String(index))"
        }.joined(separator: ", ")
        query += " FROM ("
        query += values
        query += ") v"
        guard let row = try await sql.raw(query).first() else { return [] }
        return try (0...last).map { try row.decode(column: "b\($0)", as: Int.self) }
    }

    func exams(_ filter: DoseStatisticsFilter, metric: DoseMetric, above threshold: Double, limit: Int) async throws
        -> [DoseFigure]
    {
        guard let values = valueRows(filter, metrics: [metric], withOperator: true) else { return [] }
        var query: SQLQueryString = "SELECT exam_id, performed_at, operator_id, value FROM ("
        query += values
        query += ") v WHERE value > \(bind: threshold) ORDER BY value DESC, performed_at LIMIT \(bind: max(1, limit))"
        return try await sql.raw(query).all().map { row in
            DoseFigure(
                examID: try row.decode(column: "exam_id", as: UUID.self),
                performedAt: try row.decode(column: "performed_at", as: Date.self),
                operatorStaffID: try Self.uuid(row, "operator_id"), value: try row.decode(column: "value", as: Double.self))
        }
    }

    func counts(in period: StatisticsPeriod) async throws -> DoseRegisterCounts {
        let row = try await sql.raw(
            """
            SELECT (SELECT COUNT(*) FROM exam_dose_records WHERE source IS NOT NULL) AS total,
            (SELECT COUNT(*) FROM exam_dose_records WHERE source IS NOT NULL
             AND performed_at >= \(bind: period.from) AND performed_at < \(bind: period.before)) AS in_period,
            (SELECT COUNT(*) FROM exam_dose_records WHERE highest_ratio > 1
             AND performed_at >= \(bind: period.from) AND performed_at < \(bind: period.before)) AS above,
            (SELECT COUNT(*) FROM dose_alerts WHERE is_open = \(bind: true)) AS open_alerts
            """
        ).first()
        guard let row else {
            return DoseRegisterCounts(
                examsWithDose: 0, examsWithDoseInPeriod: 0, examsAboveReferenceLevelInPeriod: 0, openAlerts: 0)
        }
        return DoseRegisterCounts(
            examsWithDose: try row.decode(column: "total", as: Int.self),
            examsWithDoseInPeriod: try row.decode(column: "in_period", as: Int.self),
            examsAboveReferenceLevelInPeriod: try row.decode(column: "above", as: Int.self),
            openAlerts: try row.decode(column: "open_alerts", as: Int.self))
    }

    private static func uuid(_ row: any SQLRow, _ column: String) throws -> UUID? {
        try row.decodeNil(column: column) ? nil : try row.decode(column: column, as: UUID.self)
    }
}
