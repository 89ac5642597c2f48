import FluentKit
import Foundation
import LightboxDomain
import SQLKit

/// `ExamRepository` on Fluent: the journey as a document, searched through its indexed columns.
struct FluentExamRepository: ExamRepository {
    let context: RepositoryContext
    private var database: any Database { context.database }

    /// On PostgreSQL the row is locked until the transaction ends (`FOR UPDATE`): a use case reads an exam, checks
    /// its state and writes it back, and a second use case on the same exam (another desk, another node) must wait
    /// and then see the first one's result, never act on the state both read. SQLite has one writer already.
    func get(_ id: UUID) async throws -> Exam? {
        if context.engine == .postgres { return try await lockedRead(SQLQueryString("id = \(bind: id)")) }
        return try await ExamModel.find(id, on: database).map(decode)
    }

    func find(accessionNumber: String) async throws -> Exam? {
        if context.engine == .postgres {
            return try await lockedRead(SQLQueryString("accession_number = \(bind: accessionNumber)"))
        }
        return try await ExamModel.query(on: database).filter(\.$accessionNumber == accessionNumber).first().map(decode)
    }

    func find(studyInstanceUID: String) async throws -> Exam? {
        if context.engine == .postgres {
            return try await lockedRead(SQLQueryString("study_instance_uid = \(bind: studyInstanceUID)"))
        }
        return try await ExamModel.query(on: database).filter(\.$studyInstanceUID == studyInstanceUID).first()
            .map(decode)
    }

    func find(modalityStepUID: String) async throws -> Exam? {
        if context.engine == .postgres {
            return try await lockedRead(SQLQueryString("mpps_instance_uid = \(bind: modalityStepUID)"))
        }
        return try await ExamModel.query(on: database).filter(\.$modalityStepUID == modalityStepUID).first()
            .map(decode)
    }

    private func lockedRead(_ condition: SQLQueryString) async throws -> Exam? {
        let sql = try LightboxDatabase.sql(database)
        // LIMIT 1: the UID columns are indexed, not unique constraints; one exam holds each UID.
        guard let row = try await sql.raw("SELECT document FROM exams WHERE \(condition) LIMIT 1 FOR UPDATE").first()
        else {
            return nil
        }
        let document = try row.decode(column: "document", as: String.self)
        return try context.coder.decode(Exam.self, from: document, table: ExamModel.schema)
    }

    func list(_ query: ExamQuery) async throws -> [Exam] {
        guard let builder = filtered(query, slack: 0.001) else { return [] }
        switch query.order ?? .requested {
        case .requested: builder.sort(\.$requestedAt)
        case .urgency: builder.sort(.custom(SQLRaw(Self.urgencyRank))).sort(\.$requestedAt)
        case .appointment: builder.sort(\.$scheduledAt)
        case .reportingTarget:
            builder.sort(.custom(SQLRaw(Self.reportingTargetRank)))
                .sort(.custom(SQLRaw("COALESCE(performed_at, requested_at)")))
        }
        if let offset = query.offset, offset > 0 { builder.offset(offset) }
        let rows = try await builder.sort(\.$id).limit(RepositoryContext.boundedLimit(query.limit)).all()
        return try rows.map(decode).filter(query.matches)
    }

    /// Counted in SQL with the same filters as `list`, its time bounds exact: no row is left for `matches` to drop,
    /// and a bound and a stored time go through the same conversion on each engine.
    func count(_ query: ExamQuery) async throws -> Int {
        guard let builder = filtered(query, slack: 0) else { return 0 }
        return try await builder.count()
    }

    /// `Priority.waitingListRank` as SQL over the `priority` column (M0110), for `ExamOrder.urgency`.
    static let urgencyRank =
        "CASE priority "
        + Priority.allCases.map { "WHEN '\($0.rawValue)' THEN \($0.waitingListRank) " }.joined()
        + "ELSE \(Priority.allCases.count) END"

    /// `ExamOrder.targetRank` as SQL over the `priority` and `patient_source` columns (M0110).
    static let reportingTargetRank =
        "CASE WHEN patient_source = '\(PatientSource.emergencyDepartment.rawValue)' "
        + "OR priority = '\(Priority.emergency.rawValue)' THEN 0 "
        + "WHEN patient_source = '\(PatientSource.inpatient.rawValue)' OR priority = '\(Priority.inpatient.rawValue)' "
        + "THEN 1 ELSE 2 END"

    /// The query's filters on the indexed columns, time bounds widened by `slack`; nil when it can match nothing.
    private func filtered(_ query: ExamQuery, slack: TimeInterval) -> QueryBuilder<ExamModel>? {
        let builder = ExamModel.query(on: database)
        if let patientID = query.patientID { builder.filter(\.$patientID == patientID) }
        if let states = query.states {
            guard !states.isEmpty else { return nil }
            builder.filter(\.$state ~~ states.map(\.rawValue))
        }
        if let roomID = query.roomID { builder.filter(\.$roomID == roomID) }
        if let roomIDs = query.roomIDs {
            guard !roomIDs.isEmpty else { return nil }
            builder.filter(\.$roomID ~~ roomIDs)
        }
        if let open = query.outsidePathwayUnresolved {
            if open {
                builder.filter(\.$outsidePathwayOpen == true)
            } else {
                builder.group(.or) { $0.filter(\.$outsidePathwayOpen == nil).filter(\.$outsidePathwayOpen == false) }
            }
        }
        if let open = query.openAlert {
            if open {
                builder.filter(\.$alertOpen == true)
            } else {
                builder.group(.or) { $0.filter(\.$alertOpen == nil).filter(\.$alertOpen == false) }
            }
        }
        if let modality = query.modality { builder.filter(\.$modality == modality.rawValue) }
        if query.scheduledFrom != nil || query.scheduledBefore != nil { builder.filter(\.$scheduledAt != nil) }
        // PostgreSQL keeps microseconds and SQLite a Double, so a list's SQL bounds are widened by a millisecond and
        // the domain's exact definition (`matches`) decides at the edges on both engines.
        if let from = query.scheduledFrom { builder.filter(\.$scheduledAt >= from.addingTimeInterval(-slack)) }
        if let before = query.scheduledBefore { builder.filter(\.$scheduledAt < before.addingTimeInterval(slack)) }
        if let from = query.requestedFrom { builder.filter(\.$requestedAt >= from.addingTimeInterval(-slack)) }
        if let before = query.requestedBefore { builder.filter(\.$requestedAt < before.addingTimeInterval(slack)) }
        return builder
    }

    func insert(_ exam: Exam) async throws {
        guard try await ExamModel.find(exam.id, on: database) == nil else {
            throw context.duplicate("exam", "id \(exam.id)")
        }
        guard try await find(accessionNumber: exam.accessionNumber) == nil else {
            throw context.duplicate("exam", "accession number \(exam.accessionNumber)")
        }
        let model = ExamModel()
        model.id = exam.id
        try fill(model, from: exam)
        try await model.create(on: database)
        context.changes?.record(exam)
    }

    func update(_ exam: Exam) async throws {
        guard let model = try await ExamModel.find(exam.id, on: database) else {
            throw context.missing("exam", "id \(exam.id)")
        }
        if model.accessionNumber != exam.accessionNumber,
            try await find(accessionNumber: exam.accessionNumber) != nil
        {
            throw context.duplicate("exam", "accession number \(exam.accessionNumber)")
        }
        try fill(model, from: exam)
        try await model.update(on: database)
        context.changes?.record(exam)
    }

    private func fill(_ model: ExamModel, from exam: Exam) throws {
        model.accessionNumber = exam.accessionNumber
        model.patientID = exam.patientID
        model.referrerID = exam.referrerID
        model.examCode = exam.examCode
        model.modality = exam.modality.rawValue
        model.state = exam.state.rawValue
        model.roomID = exam.booking?.roomID
        model.scheduledAt = exam.booking?.scheduledAt
        model.requestedAt = exam.requestedAt
        model.document = try context.coder.encode(exam)
        model.studyInstanceUID = exam.studyInstanceUID
        model.modalityStepUID = exam.modalityStep?.sopInstanceUID
        model.outsidePathwayOpen = exam.outsidePathway.map { !$0.isResolved } ?? false
        let facts = ExamFacts(exam)
        model.priority = facts.priority.rawValue
        model.patientSource = facts.patientSource?.rawValue
        model.waitingEndedAt = facts.waitingEndedAt
        model.performedAt = facts.performedAt
        model.performedRoomID = facts.performedRoomID
        model.operatorStaffID = facts.operatorStaffID
        model.imagesAcquired = facts.imagesAcquired
        model.imagesRejected = facts.imagesRejected
        model.reportIssuedAt = facts.reportIssuedAt
        model.pregnancyRecorded = facts.pregnancyStatusRecorded
        model.alertOpen = exam.hasOpenAlert
    }

    private func decode(_ model: ExamModel) throws -> Exam {
        try context.coder.decode(Exam.self, from: model.document, table: ExamModel.schema)
    }
}
