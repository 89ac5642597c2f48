import FluentKit
import Foundation
import LightboxDomain

/// `DoseRegisterRepository` on Fluent: documents with their keys as indexed columns.
struct FluentDoseRegisterRepository: DoseRegisterRepository {
    let context: RepositoryContext
    private var database: any Database { context.database }
    /// Local DRLs ever set, read at once (a department sets a few hundred at most).
    static let maximumLocalLevels = 10_000

    // MARK: Reports

    func save(_ report: DoseReport) async throws {
        let model =
            try await DoseReportModel.query(on: database).filter(\.$source == report.source.rawValue)
            .filter(\.$sourceUID == report.sourceUID).first() ?? DoseReportModel()
        if model.id == nil { model.id = UUID() }
        model.source = report.source.rawValue
        model.sourceUID = report.sourceUID
        model.examID = report.examID
        model.studyInstanceUID = report.studyInstanceUID
        model.receivedAt = report.receivedAt
        model.document = try context.coder.encode(report)
        do {
            try await model.save(on: database)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw context.duplicate("dose report", "\(report.source.rawValue) \(report.sourceUID)")
        }
    }

    func report(source: DoseSource, sourceUID: String) async throws -> DoseReport? {
        try await DoseReportModel.query(on: database).filter(\.$source == source.rawValue)
            .filter(\.$sourceUID == sourceUID).first().map(decode)
    }

    func reports(examID: UUID) async throws -> [DoseReport] {
        try await DoseReportModel.query(on: database).filter(\.$examID == examID).sort(\.$receivedAt)
            .limit(RepositoryContext.boundedLimit(5_000)).all().map(decode)
    }

    func unlinkedReports(studyInstanceUID: String) async throws -> [DoseReport] {
        try await DoseReportModel.query(on: database).filter(\.$studyInstanceUID == studyInstanceUID)
            .filter(\.$examID == nil).sort(\.$receivedAt).limit(RepositoryContext.boundedLimit(5_000)).all()
            .map(decode)
    }

    private func decode(_ model: DoseReportModel) throws -> DoseReport {
        try context.coder.decode(DoseReport.self, from: model.document, table: DoseReportModel.schema)
    }

    // MARK: Records

    func save(_ record: ExamDoseRecord) async throws {
        let model = try await ExamDoseRecordModel.find(record.examID, on: database) ?? ExamDoseRecordModel()
        model.id = record.examID
        model.patientID = record.patientID
        model.examCode = record.examCode
        model.modality = record.modality.rawValue
        model.roomID = record.roomID
        model.operatorStaffID = record.operatorStaffID
        model.performedAt = record.performedAt
        model.source = record.source?.rawValue
        model.doseAreaProduct = record.totals.doseAreaProductGyCm2
        model.referencePointDose = record.totals.referencePointDoseMilligray
        model.fluoroscopySeconds = record.totals.fluoroscopySeconds
        model.ctdiVol = record.totals.ctdiVolMilligray
        model.dlp = record.totals.dlpMilligrayCm
        model.highestRatio = record.highestRatio
        model.doseAreaProductPerRadiograph = DoseMetric.doseAreaProductPerRadiograph.value(in: record.totals)
        model.averageGlandularDose = DoseMetric.averageGlandularDose.value(in: record.totals)
        model.administeredActivity = DoseMetric.administeredActivity.value(in: record.totals)
        model.document = try context.coder.encode(record)
        model.updatedAt = record.updatedAt
        try await model.save(on: database)
    }

    func record(examID: UUID) async throws -> ExamDoseRecord? {
        try await ExamDoseRecordModel.find(examID, on: database).map(decode)
    }

    func records(patientID: UUID, since: Date?, limit: Int) async throws -> [ExamDoseRecord] {
        var query = ExamDoseRecordModel.query(on: database).filter(\.$patientID == patientID)
        if let since { query = query.filter(\.$performedAt >= since) }
        return try await query.sort(\.$performedAt).limit(RepositoryContext.boundedLimit(limit)).all().map(decode)
    }

    func records(examCode: String?, roomID: UUID?, from: Date?, to: Date?, limit: Int) async throws
        -> [ExamDoseRecord]
    {
        var query = ExamDoseRecordModel.query(on: database)
        if let examCode { query = query.filter(\.$examCode == examCode) }
        if let roomID { query = query.filter(\.$roomID == roomID) }
        if let from { query = query.filter(\.$performedAt >= from) }
        if let to { query = query.filter(\.$performedAt < to) }
        return try await query.sort(\.$performedAt, .descending).limit(RepositoryContext.boundedLimit(limit))
            .all().map(decode)
    }

    func records(matching filter: DoseRegisterFilter, offset: Int, limit: Int) async throws -> [ExamDoseRecord] {
        var query = ExamDoseRecordModel.query(on: database).filter(\.$performedAt >= filter.from)
            .filter(\.$performedAt < filter.to)
        if let modality = filter.modality { query = query.filter(\.$modality == modality.rawValue) }
        if let roomID = filter.roomID { query = query.filter(\.$roomID == roomID) }
        return try await query.sort(\.$performedAt).sort(\.$id).offset(max(0, offset))
            .limit(RepositoryContext.boundedLimit(limit)).all().map(decode)
    }

    private func decode(_ model: ExamDoseRecordModel) throws -> ExamDoseRecord {
        try context.coder.decode(ExamDoseRecord.self, from: model.document, table: ExamDoseRecordModel.schema)
    }

    // MARK: Alerts

    func save(_ alert: DoseAlert) async throws {
        let model = try await DoseAlertModel.find(alert.id, on: database) ?? DoseAlertModel()
        model.id = alert.id
        model.examID = alert.examID
        model.patientID = alert.patientID
        model.kind = alert.kind.rawValue
        model.isOpen = alert.isOpen
        model.raisedAt = alert.raisedAt
        model.document = try context.coder.encode(alert)
        try await model.save(on: database)
    }

    func alert(id: UUID) async throws -> DoseAlert? {
        try await DoseAlertModel.find(id, on: database).map(decode)
    }

    func alerts(examID: UUID) async throws -> [DoseAlert] {
        try await DoseAlertModel.query(on: database).filter(\.$examID == examID).sort(\.$raisedAt)
            .limit(RepositoryContext.boundedLimit(5_000)).all().map(decode)
    }

    func alerts(patientID: UUID, since: Date) async throws -> [DoseAlert] {
        try await DoseAlertModel.query(on: database).filter(\.$patientID == patientID)
            .filter(\.$raisedAt >= since).sort(\.$raisedAt).limit(RepositoryContext.boundedLimit(5_000)).all()
            .map(decode)
    }

    func alerts(openOnly: Bool, limit: Int) async throws -> [DoseAlert] {
        var query = DoseAlertModel.query(on: database)
        if openOnly { query = query.filter(\.$isOpen == true) }
        return try await query.sort(\.$raisedAt, .descending).limit(RepositoryContext.boundedLimit(limit)).all()
            .map(decode)
    }

    private func decode(_ model: DoseAlertModel) throws -> DoseAlert {
        try context.coder.decode(DoseAlert.self, from: model.document, table: DoseAlertModel.schema)
    }

    // MARK: Local DRLs

    func insert(_ level: LocalReferenceLevel) async throws {
        let model = LocalReferenceLevelModel()
        model.id = level.id
        model.examCode = level.examCode
        model.roomID = level.roomID
        model.effectiveFrom = level.effectiveFrom
        model.recordedAt = level.recordedAt
        model.document = try context.coder.encode(level)
        do {
            try await model.create(on: database)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw context.duplicate("local reference level", "id \(level.id)")
        }
    }

    func localReferenceLevels() async throws -> [LocalReferenceLevel] {
        try await LocalReferenceLevelModel.query(on: database).sort(\.$effectiveFrom).sort(\.$recordedAt)
            .limit(Self.maximumLocalLevels).all().map {
                try context.coder.decode(
                    LocalReferenceLevel.self, from: $0.document, table: LocalReferenceLevelModel.schema)
            }
    }
}
