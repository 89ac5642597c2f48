import FluentKit
import Foundation
import LightboxDomain
import SQLKit

/// `StatisticsRepository` on Fluent: counts and sums over the exams' statistics columns (`ExamFacts`, M0110) in
/// SQL, so that a census or a year's rates read grouped totals rather than every journey.
struct FluentStatisticsRepository: StatisticsRepository {
    let context: RepositoryContext

    private var sql: any SQLDatabase {
        get throws { try LightboxDatabase.sql(context.database) }
    }

    func waiting(at census: Date, requestedBefore boundaries: [Date]) async throws -> [WaitingTally] {
        var query: SQLQueryString = "SELECT modality, COUNT(*) AS waiting"
        for (index, boundary) in boundaries.enumerated() {
            query +=
                ", COALESCE(SUM(CASE WHEN requested_at < \(bind: boundary) THEN 1 ELSE 0 END), 0) AS b\(unsafeRaw: String(index))"
        }
        query += """
             FROM exams WHERE requested_at <= \(bind: census) \
            AND (waiting_ended_at IS NULL OR waiting_ended_at > \(bind: census)) GROUP BY modality
            """
        return try await sql.raw(query).all().compactMap { row in
            guard let modality = Modality(rawValue: try row.decode(column: "modality", as: String.self)) else {
                return nil
            }
            return WaitingTally(
                modality: modality, waiting: try row.decode(column: "waiting", as: Int.self),
                requestedBefore: try boundaries.indices.map { try row.decode(column: "b\($0)", as: Int.self) })
        }
    }

    func performed(in period: StatisticsPeriod) async throws -> [PerformedTally] {
        let rows = try await sql.raw(
            """
            SELECT performed_room_id, operator_staff_id, modality, COUNT(*) AS exams,
            CAST(COALESCE(SUM(images_acquired), 0) AS BIGINT) AS acquired,
            CAST(COALESCE(SUM(images_rejected), 0) AS BIGINT) AS rejected
            FROM exams WHERE performed_at >= \(bind: period.from) AND performed_at < \(bind: period.before)
            GROUP BY performed_room_id, operator_staff_id, modality
            """
        ).all()
        // PostgreSQL sums a BIGINT column as NUMERIC: the casts keep both engines' sums whole numbers.
        return try rows.compactMap { row in
            guard let modality = Modality(rawValue: try row.decode(column: "modality", as: String.self)) else {
                return nil
            }
            return PerformedTally(
                roomID: try row.decodeNil(column: "performed_room_id")
                    ? nil : try row.decode(column: "performed_room_id", as: UUID.self),
                operatorStaffID: try row.decodeNil(column: "operator_staff_id")
                    ? nil : try row.decode(column: "operator_staff_id", as: UUID.self),
                modality: modality, exams: try row.decode(column: "exams", as: Int.self),
                imagesAcquired: try row.decode(column: "acquired", as: Int.self),
                imagesRejected: try row.decode(column: "rejected", as: Int.self))
        }
    }

    func turnaround(in period: StatisticsPeriod, limit: Int) async throws -> [TurnaroundRow] {
        let rows = try await sql.raw(
            """
            SELECT modality, priority, patient_source, performed_at, report_issued_at FROM exams
            WHERE performed_at >= \(bind: period.from) AND performed_at < \(bind: period.before)
            AND state <> \(bind: ExamState.discontinued.rawValue)
            ORDER BY performed_at LIMIT \(bind: max(limit, 1))
            """
        ).all()
        return try rows.compactMap { row in
            guard let modality = Modality(rawValue: try row.decode(column: "modality", as: String.self)),
                let priority = Priority(rawValue: try row.decode(column: "priority", as: String?.self) ?? "")
            else { return nil }
            return TurnaroundRow(
                modality: modality, priority: priority,
                patientSource: try row.decode(column: "patient_source", as: String?.self).flatMap(
                    PatientSource.init(rawValue:)),
                performedAt: try row.decode(column: "performed_at", as: Date.self),
                reportIssuedAt: try row.decode(column: "report_issued_at", as: Date?.self))
        }
    }

    func unreported(performedBefore: Date, at census: Date) async throws -> [Modality: Int] {
        let rows = try await sql.raw(
            """
            SELECT modality, COUNT(*) AS unreported FROM exams
            WHERE performed_at < \(bind: performedBefore)
            AND state NOT IN (\(bind: ExamState.discontinued.rawValue), \(bind: ExamState.cancelled.rawValue))
            AND (report_issued_at IS NULL OR report_issued_at > \(bind: census))
            GROUP BY modality
            """
        ).all()
        var counts: [Modality: Int] = [:]
        for row in rows {
            guard let modality = Modality(rawValue: try row.decode(column: "modality", as: String.self)) else {
                continue
            }
            counts[modality, default: 0] += try row.decode(column: "unreported", as: Int.self)
        }
        return counts
    }

    func pregnancy(in period: StatisticsPeriod, examCodes: [String], limit: Int) async throws -> [PregnancyRow] {
        guard !examCodes.isEmpty else { return [] }
        let codes = examCodes.map { "\(bind: $0)" as SQLQueryString }.joined(separator: ", ")
        let rows = try await sql.raw(
            """
            SELECT e.exam_code, e.performed_at, e.pregnancy_recorded, p.document FROM exams e
            JOIN patients p ON p.id = e.patient_id
            WHERE e.performed_at >= \(bind: period.from) AND e.performed_at < \(bind: period.before)
            AND e.exam_code IN (\(codes)) ORDER BY e.performed_at LIMIT \(bind: max(limit, 1))
            """
        ).all()
        return try rows.map { row in
            PregnancyRow(
                examCode: try row.decode(column: "exam_code", as: String.self),
                performedAt: try row.decode(column: "performed_at", as: Date.self),
                recorded: try row.decode(column: "pregnancy_recorded", as: Bool?.self) ?? false,
                patient: try context.coder.decode(
                    Patient.self, from: try row.decode(column: "document", as: String.self), table: "patients"))
        }
    }

    func performedExams(in period: StatisticsPeriod, limit: Int) async throws -> [Exam] {
        let rows = try await sql.raw(
            """
            SELECT document FROM exams
            WHERE performed_at >= \(bind: period.from) AND performed_at < \(bind: period.before)
            AND state <> \(bind: ExamState.discontinued.rawValue)
            ORDER BY performed_at, id LIMIT \(bind: max(limit, 1))
            """
        ).all()
        return try rows.map { row in
            try context.coder.decode(
                Exam.self, from: try row.decode(column: "document", as: String.self), table: ExamModel.schema)
        }
    }
}
