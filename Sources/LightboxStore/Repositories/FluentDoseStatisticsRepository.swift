import FluentKit
import Foundation
import LightboxDomain
import SQLKit

/// `DoseStatisticsRepository` in SQL on both engines: each figure is one column of `exam_dose_records` (M0070,
/// M0076) with partial covering indexes (exam type, room or operator, figure, date, modality; M0076, M0077), so
/// counts are index-only GROUP BYs, medians and quantiles read one or two values at an offset in the index's order,
/// and histograms are conditional sums: the database returns a few rows however many exams it holds, nothing is
/// sorted, and no exam row is joined (the operator is the record's own column).
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

    /// The figure's column, the modalities it charts, and the WHERE clause of the exams that count: the figure
    /// present, performed in `from..<before`, of the exam type and room when named.
    private struct Figure {
        var column: String
        var modalities: [Modality]

        init?(_ metric: DoseMetric) {
            guard let column = FluentDoseStatisticsRepository.column(metric) else { return nil }
            let modalities = Modality.charted(by: metric)
            guard !modalities.isEmpty else { return nil }
            self.column = column
            self.modalities = modalities
        }

        func filter(_ filter: DoseStatisticsFilter, from: Date? = nil, before: Date? = nil) -> SQLQueryString {
            var query: SQLQueryString = " WHERE d.\(unsafeRaw: column) IS NOT NULL"
            // COALESCE keeps the planner off the performed_at index: a year is most of the table, and reading it
            // through that index costs a row lookup per exam where the figure's covering index (M0076) answers alone.
            query += " AND COALESCE(d.performed_at, d.performed_at) >= \(bind: from ?? filter.period.from)"
            query += " AND COALESCE(d.performed_at, d.performed_at) < \(bind: before ?? filter.period.before)"
            query += " AND d.modality IN ("
            query += modalities.map { "\(bind: $0.rawValue)" as SQLQueryString }.joined(separator: ", ")
            query += ")"
            if let code = filter.examCode { query += " AND d.exam_code = \(bind: code)" }
            if let room = filter.roomID { query += " AND d.room_id = \(bind: room)" }
            return query
        }
    }

    /// One group of a median: its keys, and how many exams it holds.
    private struct Group {
        var examCode: String
        var roomID: UUID?
        var operatorStaffID: UUID?
        var bucket: Int?
        var count: Int
    }

    /// Medians without sorting every exam: each group is counted (an index-only GROUP BY), then its middle one or
    /// two values are read in the figure's index order (ORDER BY … LIMIT 1 or 2 OFFSET (n − 1) / 2).
    func medians(_ filter: DoseStatisticsFilter, metrics: [DoseMetric], grouping: DoseStatisticsGrouping)
        async throws -> [DoseMedian]
    {
        var result: [DoseMedian] = []
        for metric in metrics {
            guard let figure = Figure(metric) else { continue }
            for group in try await groups(filter, figure: figure, grouping: grouping) where group.count > 0 {
                var query: SQLQueryString = "SELECT d.\(unsafeRaw: figure.column) AS value FROM exam_dose_records d"
                var from: Date?
                var before: Date?
                if case .interval(let boundaries) = grouping, let bucket = group.bucket {
                    from = boundaries[bucket]
                    before = boundaries[bucket + 1]
                }
                query += figure.filter(filter, from: from, before: before)
                query += " AND d.exam_code = \(bind: group.examCode)"
                switch grouping {
                case .operatorStaff:
                    if let id = group.operatorStaffID {
                        query += " AND d.operator_staff_id = \(bind: id)"
                    } else {
                        query += " AND d.operator_staff_id IS NULL"
                    }
                case .room:
                    if let room = group.roomID {
                        query += " AND d.room_id = \(bind: room)"
                    } else {
                        query += " AND d.room_id IS NULL"
                    }
                case .interval:
                    // The months of one exam type in the filter's room (or every room): no room of its own.
                    break
                }
                query += " ORDER BY d.\(unsafeRaw: figure.column)"
                query += " LIMIT \(bind: group.count % 2 == 1 ? 1 : 2) OFFSET \(bind: (group.count - 1) / 2)"
                let values = try await sql.raw(query).all().map { try $0.decode(column: "value", as: Double.self) }
                guard !values.isEmpty else { continue }
                result.append(
                    DoseMedian(
                        examCode: group.examCode, roomID: group.roomID, operatorStaffID: group.operatorStaffID,
                        bucket: group.bucket, metric: metric, exams: group.count,
                        median: values.reduce(0, +) / Double(values.count)))
            }
        }
        return result
    }

    private func groups(_ filter: DoseStatisticsFilter, figure: Figure, grouping: DoseStatisticsGrouping)
        async throws -> [Group]
    {
        var query: SQLQueryString
        switch grouping {
        case .room:
            query = "SELECT d.exam_code AS exam_code, d.room_id AS room_id, COUNT(*) AS n FROM exam_dose_records d"
            query += figure.filter(filter)
            query += " GROUP BY d.exam_code, d.room_id"
        case .operatorStaff:
            query = "SELECT d.exam_code AS exam_code, d.operator_staff_id AS operator_id, COUNT(*) AS n"
            query += " FROM exam_dose_records d"
            query += figure.filter(filter)
            query += " GROUP BY d.exam_code, d.operator_staff_id"
        case .interval(let boundaries):
            guard boundaries.count > 1 else { return [] }
            query = "SELECT d.exam_code AS exam_code, CASE"
            for (index, boundary) in boundaries.dropFirst().enumerated() {
                query += " WHEN d.performed_at < \(bind: boundary) THEN \(unsafeRaw: String(index))"
            }
            query += " ELSE \(unsafeRaw: String(boundaries.count - 2)) END AS bucket, COUNT(*) AS n"
            query += " FROM exam_dose_records d"
            query += figure.filter(filter, from: boundaries[0], before: boundaries[boundaries.count - 1])
            query += " GROUP BY d.exam_code, bucket"
        }
        return try await sql.raw(query).all().map { row in
            var roomID: UUID?
            var operatorID: UUID?
            var bucket: Int?
            switch grouping {
            case .room: roomID = try Self.uuid(row, "room_id")
            case .operatorStaff: operatorID = try Self.uuid(row, "operator_id")
            case .interval:
                roomID = filter.roomID
                bucket = try row.decode(column: "bucket", as: Int.self)
            }
            return Group(
                examCode: try row.decode(column: "exam_code", as: String.self), roomID: roomID,
                operatorStaffID: operatorID, bucket: bucket, count: try row.decode(column: "n", as: Int.self))
        }
    }

    func range(_ filter: DoseStatisticsFilter, metric: DoseMetric) async throws -> (
        count: Int, minimum: Double, maximum: Double
    )? {
        guard let figure = Figure(metric) else { return nil }
        var query: SQLQueryString = "SELECT COUNT(*) AS n, MIN(d.\(unsafeRaw: figure.column)) AS lo, "
        query += "MAX(d.\(unsafeRaw: figure.column)) AS hi FROM exam_dose_records d"
        query += figure.filter(filter)
        guard let row = try await sql.raw(query).first() else { return nil }
        let count = try row.decode(column: "n", as: Int.self)
        guard count > 0 else { return nil }
        return (
            count, try row.decode(column: "lo", as: Double.self), try row.decode(column: "hi", as: Double.self)
        )
    }

    func valuesAtRanks(_ filter: DoseStatisticsFilter, metric: DoseMetric, ranks: [Int]) async throws -> [Int: Double] {
        guard let figure = Figure(metric) else { return [:] }
        var found: [Int: Double] = [:]
        for rank in Set(ranks) where rank >= 1 {
            var query: SQLQueryString = "SELECT d.\(unsafeRaw: figure.column) AS value FROM exam_dose_records d"
            query += figure.filter(filter)
            query += " ORDER BY d.\(unsafeRaw: figure.column) LIMIT 1 OFFSET \(bind: rank - 1)"
            if let row = try await sql.raw(query).first() {
                found[rank] = try row.decode(column: "value", as: Double.self)
            }
        }
        return found
    }

    func histogram(_ filter: DoseStatisticsFilter, metric: DoseMetric, edges: [Double]) async throws -> [Int] {
        guard edges.count > 1, let figure = Figure(metric) else { return [] }
        let value = "d.\(figure.column)"
        var query: SQLQueryString = "SELECT "
        let last = edges.count - 2
        query += (0...last).map { index -> SQLQueryString in
            let upper: SQLQueryString =
                index == last
                ? "\(unsafeRaw: value) <= \(bind: edges[index + 1])" : "\(unsafeRaw: value) < \(bind: edges[index + 1])"
            return
                "CAST(COALESCE(SUM(CASE WHEN \(unsafeRaw: value) >= \(bind: edges[index]) AND \(upper) THEN 1 ELSE 0 END), 0) "
                + "AS BIGINT) AS b\(unsafeRaw: String(index))"
        }.joined(separator: ", ")
        query += " FROM exam_dose_records d"
        query += figure.filter(filter)
        guard let row = try await sql.raw(query).first() else { return [] }
        return try (0...last).map { try row.decode(column: "b\($0)", as: Int.self) }
    }

    func exams(_ filter: DoseStatisticsFilter, metric: DoseMetric, above threshold: Double, limit: Int) async throws
        -> [DoseFigure]
    {
        guard let figure = Figure(metric) else { return [] }
        var query: SQLQueryString = "SELECT d.id AS exam_id, d.performed_at AS performed_at, "
        query += "d.operator_staff_id AS operator_id, d.\(unsafeRaw: figure.column) AS value"
        query += " FROM exam_dose_records d"
        query += figure.filter(filter)
        query += " AND d.\(unsafeRaw: figure.column) > \(bind: threshold)"
        query += " ORDER BY d.\(unsafeRaw: figure.column) DESC, d.performed_at LIMIT \(bind: max(1, limit))"
        return try await sql.raw(query).all().map { row in
            DoseFigure(
                examID: try row.decode(column: "exam_id", as: UUID.self),
                performedAt: try row.decode(column: "performed_at", as: Date.self),
                operatorStaffID: try Self.uuid(row, "operator_id"),
                value: try row.decode(column: "value", as: Double.self))
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
