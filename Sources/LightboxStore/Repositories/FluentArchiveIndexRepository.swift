import FluentKit
import Foundation
import LightboxDomain

/// `ArchiveIndexRepository` on Fluent: one row per patient, study, series and instance, every query
/// key in its own indexed column. The unique keys (SOP Instance, Series Instance and Study Instance
/// UIDs; Patient ID with issuer) settle two writers racing for the same row: the loser gets
/// `duplicate` and the archive runs its transaction again.
struct FluentArchiveIndexRepository: ArchiveIndexRepository {
    let context: RepositoryContext
    private var database: any Database { context.database }

    // MARK: Instances

    func instance(sopInstanceUID: String) async throws -> ArchivedInstance? {
        try await ArchiveInstanceModel.query(on: database).filter(\.$sopInstanceUID == sopInstanceUID).first()
            .map(decode)
    }

    func instances(sopInstanceUIDs: [String]) async throws -> [ArchivedInstance] {
        guard !sopInstanceUIDs.isEmpty else { return [] }
        return try await ArchiveInstanceModel.query(on: database).filter(\.$sopInstanceUID ~~ sopInstanceUIDs).all()
            .map(decode)
    }

    func instances(studyID: UUID, limit: Int) async throws -> [ArchivedInstance] {
        let series = try await self.series(studyID: studyID)
        let order = Dictionary(uniqueKeysWithValues: series.enumerated().map { ($1.id, $0) })
        let rows = try await ArchiveInstanceModel.query(on: database).filter(\.$archiveStudyID == studyID)
            .limit(RepositoryContext.boundedLimit(limit, maximum: 100_000)).all().map(decode)
        return rows.sorted {
            (order[$0.seriesID] ?? 0, $0.instanceNumber ?? Int.max, $0.sopInstanceUID)
                < (order[$1.seriesID] ?? 0, $1.instanceNumber ?? Int.max, $1.sopInstanceUID)
        }
    }

    func instances(seriesID: UUID, limit: Int) async throws -> [ArchivedInstance] {
        try await ArchiveInstanceModel.query(on: database).filter(\.$archiveSeriesID == seriesID)
            .sort(\.$instanceNumber).sort(\.$sopInstanceUID)
            .limit(RepositoryContext.boundedLimit(limit, maximum: 100_000)).all().map(decode)
    }

    func insert(_ instance: ArchivedInstance) async throws {
        let model = ArchiveInstanceModel()
        model.id = instance.id
        fill(model, from: instance)
        try await create(model, "archived instance", "SOP Instance UID \(instance.sopInstanceUID)")
    }

    func update(_ instance: ArchivedInstance) async throws {
        guard let model = try await ArchiveInstanceModel.find(instance.id, on: database) else {
            throw context.missing("archived instance", "id \(instance.id)")
        }
        fill(model, from: instance)
        try await model.update(on: database)
    }

    // MARK: Series

    func series(seriesInstanceUID: String) async throws -> ArchivedSeries? {
        try await ArchiveSeriesModel.query(on: database).filter(\.$seriesInstanceUID == seriesInstanceUID).first()
            .map(decode)
    }

    func series(studyID: UUID) async throws -> [ArchivedSeries] {
        try await ArchiveSeriesModel.query(on: database).filter(\.$archiveStudyID == studyID).all().map(decode)
            .sorted {
                ($0.seriesNumber ?? Int.max, $0.seriesInstanceUID) < ($1.seriesNumber ?? Int.max, $1.seriesInstanceUID)
            }
    }

    func insert(_ series: ArchivedSeries) async throws {
        let model = ArchiveSeriesModel()
        model.id = series.id
        fill(model, from: series)
        try await create(model, "archived series", "Series Instance UID \(series.seriesInstanceUID)")
        try await insertItems(series.sequences, studyID: series.studyID, seriesID: series.id)
    }

    func update(_ series: ArchivedSeries) async throws {
        guard let model = try await ArchiveSeriesModel.find(series.id, on: database) else {
            throw context.missing("archived series", "id \(series.id)")
        }
        fill(model, from: series)
        try await model.update(on: database)
    }

    // MARK: Studies

    func study(id: UUID) async throws -> ArchivedStudy? {
        try await ArchiveStudyModel.find(id, on: database).map(decode)
    }

    func study(studyInstanceUID: String) async throws -> ArchivedStudy? {
        try await ArchiveStudyModel.query(on: database).filter(\.$studyInstanceUID == studyInstanceUID).first()
            .map(decode)
    }

    func studies(examID: UUID) async throws -> [ArchivedStudy] {
        try await ArchiveStudyModel.query(on: database).filter(\.$examID == examID).sort(\.$createdAt).all()
            .map(decode)
    }

    func studies(matchStatuses: Set<StudyMatchStatus>, limit: Int) async throws -> [ArchivedStudy] {
        guard !matchStatuses.isEmpty else { return [] }
        return try await ArchiveStudyModel.query(on: database)
            .filter(\.$matchStatus ~~ matchStatuses.map(\.rawValue).sorted()).sort(\.$createdAt)
            .limit(RepositoryContext.boundedLimit(limit)).all().map(decode)
    }

    func insert(_ study: ArchivedStudy) async throws {
        let model = ArchiveStudyModel()
        model.id = study.id
        fill(model, from: study)
        try await create(model, "archived study", "Study Instance UID \(study.studyInstanceUID)")
        try await insertItems(study.sequences, studyID: study.id, seriesID: nil)
    }

    /// The rows of a new study's or series' indexed sequence items.
    private func insertItems(_ sequences: [UInt32: [[UInt32: String]]], studyID: UUID, seriesID: UUID?) async throws {
        for (tag, items) in sequences.sorted(by: { $0.key < $1.key }) {
            for (number, values) in items.enumerated() {
                try await ArchiveSequenceItemModel(
                    id: UUID(), studyID: studyID, seriesID: seriesID, sequenceTag: tag, number: number + 1,
                    values: values
                ).create(on: database)
            }
        }
    }

    func update(_ study: ArchivedStudy) async throws {
        guard let model = try await ArchiveStudyModel.find(study.id, on: database) else {
            throw context.missing("archived study", "id \(study.id)")
        }
        fill(model, from: study)
        try await model.update(on: database)
    }

    // MARK: Patients

    func patient(id: UUID) async throws -> ArchivedPatient? {
        try await ArchivePatientModel.find(id, on: database).map(decode)
    }

    func patient(patientID: String, issuerOfPatientID: String) async throws -> ArchivedPatient? {
        try await ArchivePatientModel.query(on: database).filter(\.$patientID == patientID)
            .filter(\.$issuerOfPatientID == issuerOfPatientID).first().map(decode)
    }

    func insert(_ patient: ArchivedPatient) async throws {
        let model = ArchivePatientModel()
        model.id = patient.id
        fill(model, from: patient)
        try await create(model, "archived patient", "Patient ID \(patient.patientID)")
    }

    func update(_ patient: ArchivedPatient) async throws {
        guard let model = try await ArchivePatientModel.find(patient.id, on: database) else {
            throw context.missing("archived patient", "id \(patient.id)")
        }
        fill(model, from: patient)
        try await model.update(on: database)
    }

    // MARK: Aggregates

    // The store path runs this once per instance: a few statements that count in the database, rather
    // than loading every series and study row as models (that cost more than the rest of the store).
    func refreshAggregates(studyID: UUID) async throws {
        let sql = try LightboxDatabase.sql(database)
        guard
            let row = try await sql.raw("SELECT archive_patient_id FROM archive_studies WHERE id = \(bind: studyID)")
                .first()
        else {
            throw context.missing("archived study", "id \(studyID)")
        }
        let patientID = try row.decode(column: "archive_patient_id", as: UUID.self)
        try await sql.raw(
            """
            UPDATE archive_series SET number_of_instances =
                (SELECT COUNT(*) FROM archive_instances i WHERE i.archive_series_id = archive_series.id)
            WHERE archive_study_id = \(bind: studyID)
            """
        ).run()
        let modalities = try await distinct("modality", in: "archive_series", studyID: studyID)
        let sopClasses = try await distinct("sop_class_uid", in: "archive_instances", studyID: studyID)
        try await sql.raw(
            """
            UPDATE archive_studies SET
                number_of_series = (SELECT COUNT(*) FROM archive_series WHERE archive_study_id = \(bind: studyID)),
                number_of_instances =
                    (SELECT COUNT(*) FROM archive_instances WHERE archive_study_id = \(bind: studyID)),
                modalities_in_study = \(bind: modalities.joined(separator: "\\")),
                sop_classes_in_study = \(bind: sopClasses.joined(separator: "\\"))
            WHERE id = \(bind: studyID)
            """
        ).run()
        try await refreshAggregates(archivedPatientID: patientID)
    }

    func refreshAggregates(archivedPatientID: UUID) async throws {
        let sql = try LightboxDatabase.sql(database)
        guard
            try await sql.raw("SELECT id FROM archive_patients WHERE id = \(bind: archivedPatientID)").first() != nil
        else {
            throw context.missing("archived patient", "id \(archivedPatientID)")
        }
        try await sql.raw(
            """
            UPDATE archive_patients SET
                number_of_studies =
                    (SELECT COUNT(*) FROM archive_studies WHERE archive_patient_id = \(bind: archivedPatientID)),
                number_of_series = (SELECT COALESCE(SUM(number_of_series), 0) FROM archive_studies
                    WHERE archive_patient_id = \(bind: archivedPatientID)),
                number_of_instances = (SELECT COALESCE(SUM(number_of_instances), 0) FROM archive_studies
                    WHERE archive_patient_id = \(bind: archivedPatientID))
            WHERE id = \(bind: archivedPatientID)
            """
        ).run()
    }

    /// The distinct non-empty values of a column over a study's rows, sorted (ModalitiesInStudy and
    /// SOPClassesInStudy are multi-valued in DICOM order-free, sorted here so the row is stable).
    private func distinct(_ column: String, in table: String, studyID: UUID) async throws -> [String] {
        let sql = try LightboxDatabase.sql(database)
        let rows = try await sql.raw(
            "SELECT DISTINCT \(ident: column) AS value FROM \(ident: table) WHERE archive_study_id = \(bind: studyID)"
        ).all()
        return try rows.compactMap { try $0.decode(column: "value", as: String?.self) }.filter { !$0.isEmpty }.sorted()
    }

    // MARK: Mapping

    /// Creates the row; a unique key taken meanwhile by another transaction is `duplicate`.
    private func create(_ model: some Model, _ what: String, _ key: String) async throws {
        do {
            try await model.create(on: database)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw context.duplicate(what, key)
        }
    }

    private func fill(_ model: ArchiveInstanceModel, from instance: ArchivedInstance) {
        model.archiveSeriesID = instance.seriesID
        model.archiveStudyID = instance.studyID
        model.sopInstanceUID = instance.sopInstanceUID
        model.sopClassUID = instance.sopClassUID
        model.instanceNumber = instance.instanceNumber
        model.contentDate = instance.contentDate
        model.contentTime = instance.contentTime
        model.rows = instance.rows
        model.columns = instance.columns
        model.numberOfFrames = instance.numberOfFrames
        model.transferSyntaxUID = instance.transferSyntaxUID
        model.specificCharacterSet = instance.specificCharacterSet
        model.imageKey = instance.imageKey.sha256
        model.sizeBytes = instance.sizeBytes
        model.source = instance.source
        model.storedAt = instance.storedAt
    }

    private func decode(_ model: ArchiveInstanceModel) throws -> ArchivedInstance {
        guard let key = ImageKey(sha256: model.imageKey) else {
            throw LightboxStoreError(
                code: "store.corrupt-row",
                message: "The archived instance \(model.sopInstanceUID) has no valid image key.")
        }
        return ArchivedInstance(
            id: try model.requireID(), seriesID: model.archiveSeriesID, studyID: model.archiveStudyID,
            sopInstanceUID: model.sopInstanceUID, sopClassUID: model.sopClassUID, instanceNumber: model.instanceNumber,
            contentDate: model.contentDate, contentTime: model.contentTime, rows: model.rows, columns: model.columns,
            numberOfFrames: model.numberOfFrames, transferSyntaxUID: model.transferSyntaxUID,
            specificCharacterSet: model.specificCharacterSet, imageKey: key, sizeBytes: model.sizeBytes,
            source: model.source, storedAt: model.storedAt)
    }

    private func fill(_ model: ArchiveSeriesModel, from series: ArchivedSeries) {
        model.archiveStudyID = series.studyID
        model.seriesInstanceUID = series.seriesInstanceUID
        model.modality = series.modality
        model.seriesNumber = series.seriesNumber
        model.seriesDescription = series.seriesDescription
        model.seriesDate = series.seriesDate
        model.seriesTime = series.seriesTime
        model.bodyPartExamined = series.bodyPartExamined
        model.numberOfInstances = series.numberOfInstances
        model.createdAt = series.createdAt
    }

    private func decode(_ model: ArchiveSeriesModel) throws -> ArchivedSeries {
        ArchivedSeries(
            id: try model.requireID(), studyID: model.archiveStudyID, seriesInstanceUID: model.seriesInstanceUID,
            modality: model.modality, seriesNumber: model.seriesNumber, seriesDescription: model.seriesDescription,
            seriesDate: model.seriesDate, seriesTime: model.seriesTime, bodyPartExamined: model.bodyPartExamined,
            numberOfInstances: model.numberOfInstances, createdAt: model.createdAt)
    }

    private func fill(_ model: ArchiveStudyModel, from study: ArchivedStudy) {
        model.archivePatientID = study.archivedPatientID
        model.studyInstanceUID = study.studyInstanceUID
        model.studyDate = study.studyDate
        model.studyTime = study.studyTime
        model.accessionNumber = study.accessionNumber
        model.studyID = study.studyID
        model.studyDescription = study.studyDescription
        model.referringPhysicianName = study.referringPhysicianName
        model.referringPhysicianNameUpper = study.referringPhysicianName?.uppercased()
        model.modalitiesInStudy = study.modalitiesInStudy.joined(separator: "\\")
        model.sopClassesInStudy = study.sopClassesInStudy.joined(separator: "\\")
        model.numberOfSeries = study.numberOfSeries
        model.numberOfInstances = study.numberOfInstances
        model.examID = study.examID
        model.patientRecordID = study.patientRecordID
        model.matchStatus = study.matchStatus.rawValue
        model.matchDetail = study.matchDetail
        model.createdAt = study.createdAt
        model.updatedAt = study.updatedAt
    }

    private func decode(_ model: ArchiveStudyModel) throws -> ArchivedStudy {
        guard let status = StudyMatchStatus(rawValue: model.matchStatus) else {
            throw LightboxStoreError(
                code: "store.corrupt-row",
                message:
                    "The archived study \(model.studyInstanceUID) has an unknown match status \(model.matchStatus).")
        }
        return ArchivedStudy(
            id: try model.requireID(), archivedPatientID: model.archivePatientID,
            studyInstanceUID: model.studyInstanceUID, studyDate: model.studyDate, studyTime: model.studyTime,
            accessionNumber: model.accessionNumber, studyID: model.studyID, studyDescription: model.studyDescription,
            referringPhysicianName: model.referringPhysicianName,
            modalitiesInStudy: Self.values(model.modalitiesInStudy),
            sopClassesInStudy: Self.values(model.sopClassesInStudy), numberOfSeries: model.numberOfSeries,
            numberOfInstances: model.numberOfInstances, examID: model.examID, patientRecordID: model.patientRecordID,
            matchStatus: status, matchDetail: model.matchDetail, createdAt: model.createdAt,
            updatedAt: model.updatedAt)
    }

    private func fill(_ model: ArchivePatientModel, from patient: ArchivedPatient) {
        model.patientID = patient.patientID
        model.issuerOfPatientID = patient.issuerOfPatientID
        model.patientName = patient.patientName
        model.patientNameUpper = patient.patientName.uppercased()
        model.patientBirthDate = patient.patientBirthDate
        model.patientSex = patient.patientSex
        model.numberOfStudies = patient.numberOfStudies
        model.numberOfSeries = patient.numberOfSeries
        model.numberOfInstances = patient.numberOfInstances
        model.createdAt = patient.createdAt
        model.updatedAt = patient.updatedAt
    }

    private func decode(_ model: ArchivePatientModel) throws -> ArchivedPatient {
        ArchivedPatient(
            id: try model.requireID(), patientID: model.patientID, issuerOfPatientID: model.issuerOfPatientID,
            patientName: model.patientName, patientBirthDate: model.patientBirthDate, patientSex: model.patientSex,
            numberOfStudies: model.numberOfStudies, numberOfSeries: model.numberOfSeries,
            numberOfInstances: model.numberOfInstances, createdAt: model.createdAt, updatedAt: model.updatedAt)
    }

    private static func values(_ joined: String) -> [String] {
        joined.isEmpty ? [] : joined.split(separator: "\\").map(String.init)
    }
}
