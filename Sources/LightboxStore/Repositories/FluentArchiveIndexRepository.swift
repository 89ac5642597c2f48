import FluentKit
import Foundation
import LightboxDomain
import SQLKit

/// `ArchiveIndexRepository` in SQL: one row per patient, study, series and instance, every query
/// key in its own indexed column. The unique keys (SOP Instance, Series Instance and Study Instance
/// UIDs; Patient ID with issuer) settle two writers racing for the same row: the loser's insert
/// returns no row, it gets `duplicate` and the archive runs its transaction again.
///
/// Plain statements rather than Fluent models: the store path runs these for every instance a
/// modality sends, and building a model costs more CPU (its property reflection) than the query.
struct FluentArchiveIndexRepository: ArchiveIndexRepository {
    let context: RepositoryContext
    private var database: any Database { context.database }
    private var sql: any SQLDatabase { get throws { try LightboxDatabase.sql(database) } }

    // MARK: Instances

    private static let instanceColumns = SQLRaw(
        """
        id, archive_series_id, archive_study_id, sop_instance_uid, sop_class_uid, instance_number, content_date, \
        content_time, "rows", "columns", number_of_frames, transfer_syntax_uid, specific_character_set, image_key, \
        size_bytes, source, stored_at
        """)

    func instance(sopInstanceUID: String) async throws -> ArchivedInstance? {
        try await sql.raw(
            "SELECT \(Self.instanceColumns) FROM archive_instances WHERE sop_instance_uid = \(bind: sopInstanceUID)"
        ).first().map(decodeInstance)
    }

    func instances(sopInstanceUIDs: [String]) async throws -> [ArchivedInstance] {
        guard !sopInstanceUIDs.isEmpty else { return [] }
        return try await sql.raw(
            """
            SELECT \(Self.instanceColumns) FROM archive_instances \
            WHERE sop_instance_uid IN (\(binds: sopInstanceUIDs))
            """
        ).all().map(decodeInstance)
    }

    func instances(studyID: UUID, limit: Int) async throws -> [ArchivedInstance] {
        let series = try await self.series(studyID: studyID)
        let order = Dictionary(uniqueKeysWithValues: series.enumerated().map { ($1.id, $0) })
        let rows = try await sql.raw(
            """
            SELECT \(Self.instanceColumns) FROM archive_instances WHERE archive_study_id = \(bind: studyID) \
            LIMIT \(literal: RepositoryContext.boundedLimit(limit, maximum: 100_000))
            """
        ).all().map(decodeInstance)
        return rows.sorted {
            (order[$0.seriesID] ?? 0, $0.instanceNumber ?? Int.max, $0.sopInstanceUID)
                < (order[$1.seriesID] ?? 0, $1.instanceNumber ?? Int.max, $1.sopInstanceUID)
        }
    }

    func instances(seriesID: UUID, limit: Int) async throws -> [ArchivedInstance] {
        // Instances without a number last, on both engines (PostgreSQL sorts NULL last, SQLite first).
        try await sql.raw(
            """
            SELECT \(Self.instanceColumns) FROM archive_instances WHERE archive_series_id = \(bind: seriesID) \
            ORDER BY CASE WHEN instance_number IS NULL THEN 1 ELSE 0 END, instance_number, sop_instance_uid \
            LIMIT \(literal: RepositoryContext.boundedLimit(limit, maximum: 100_000))
            """
        ).all().map(decodeInstance)
    }

    func insert(_ instance: ArchivedInstance) async throws {
        let i = instance
        let inserted = try await sql.raw(
            """
            INSERT INTO archive_instances (\(Self.instanceColumns)) VALUES (\(bind: i.id), \(bind: i.seriesID), \
            \(bind: i.studyID), \(bind: i.sopInstanceUID), \(bind: i.sopClassUID), \(bind: i.instanceNumber), \
            \(bind: i.contentDate), \(bind: i.contentTime), \(bind: i.rows), \(bind: i.columns), \
            \(bind: i.numberOfFrames), \(bind: i.transferSyntaxUID), \(bind: i.specificCharacterSet), \
            \(bind: i.imageKey.sha256), \(bind: i.sizeBytes), \(bind: i.source), \(bind: i.storedAt)) \
            ON CONFLICT DO NOTHING RETURNING id
            """
        ).first()
        guard inserted != nil else {
            throw context.duplicate("archived instance", "SOP Instance UID \(instance.sopInstanceUID)")
        }
    }

    func update(_ instance: ArchivedInstance) async throws {
        let i = instance
        let updated = try await sql.raw(
            """
            UPDATE archive_instances SET archive_series_id = \(bind: i.seriesID), \
            archive_study_id = \(bind: i.studyID), sop_instance_uid = \(bind: i.sopInstanceUID), \
            sop_class_uid = \(bind: i.sopClassUID), instance_number = \(bind: i.instanceNumber), \
            content_date = \(bind: i.contentDate), content_time = \(bind: i.contentTime), "rows" = \(bind: i.rows), \
            "columns" = \(bind: i.columns), number_of_frames = \(bind: i.numberOfFrames), \
            transfer_syntax_uid = \(bind: i.transferSyntaxUID), \
            specific_character_set = \(bind: i.specificCharacterSet), image_key = \(bind: i.imageKey.sha256), \
            size_bytes = \(bind: i.sizeBytes), source = \(bind: i.source), stored_at = \(bind: i.storedAt) \
            WHERE id = \(bind: i.id) RETURNING id
            """
        ).first()
        guard updated != nil else { throw context.missing("archived instance", "id \(instance.id)") }
    }

    // MARK: Series

    private static let seriesColumns = SQLRaw(
        """
        id, archive_study_id, series_instance_uid, modality, series_number, series_description, series_date, \
        series_time, body_part_examined, number_of_instances, created_at
        """)

    func series(seriesInstanceUID: String) async throws -> ArchivedSeries? {
        try await sql.raw(
            "SELECT \(Self.seriesColumns) FROM archive_series WHERE series_instance_uid = \(bind: seriesInstanceUID)"
        ).first().map(decodeSeries)
    }

    func series(studyID: UUID) async throws -> [ArchivedSeries] {
        try await sql.raw("SELECT \(Self.seriesColumns) FROM archive_series WHERE archive_study_id = \(bind: studyID)")
            .all().map(decodeSeries)
            .sorted {
                ($0.seriesNumber ?? Int.max, $0.seriesInstanceUID) < ($1.seriesNumber ?? Int.max, $1.seriesInstanceUID)
            }
    }

    func insert(_ series: ArchivedSeries) async throws {
        let s = series
        let inserted = try await sql.raw(
            """
            INSERT INTO archive_series (\(Self.seriesColumns)) VALUES (\(bind: s.id), \(bind: s.studyID), \
            \(bind: s.seriesInstanceUID), \(bind: s.modality), \(bind: s.seriesNumber), \(bind: s.seriesDescription), \
            \(bind: s.seriesDate), \(bind: s.seriesTime), \(bind: s.bodyPartExamined), \(bind: s.numberOfInstances), \
            \(bind: s.createdAt)) ON CONFLICT DO NOTHING RETURNING id
            """
        ).first()
        guard inserted != nil else {
            throw context.duplicate("archived series", "Series Instance UID \(series.seriesInstanceUID)")
        }
        try await insertItems(series.sequences, studyID: series.studyID, seriesID: series.id)
    }

    func update(_ series: ArchivedSeries) async throws {
        let s = series
        let updated = try await sql.raw(
            """
            UPDATE archive_series SET archive_study_id = \(bind: s.studyID), \
            series_instance_uid = \(bind: s.seriesInstanceUID), modality = \(bind: s.modality), \
            series_number = \(bind: s.seriesNumber), series_description = \(bind: s.seriesDescription), \
            series_date = \(bind: s.seriesDate), series_time = \(bind: s.seriesTime), \
            body_part_examined = \(bind: s.bodyPartExamined), number_of_instances = \(bind: s.numberOfInstances), \
            created_at = \(bind: s.createdAt) WHERE id = \(bind: s.id) RETURNING id
            """
        ).first()
        guard updated != nil else { throw context.missing("archived series", "id \(series.id)") }
    }

    // MARK: Studies

    private static let studyColumns = SQLRaw(
        """
        id, archive_patient_id, study_instance_uid, study_date, study_time, accession_number, study_id, \
        study_description, referring_physician_name, referring_physician_name_upper, modalities_in_study, \
        sop_classes_in_study, number_of_series, number_of_instances, exam_id, patient_record_id, match_status, \
        match_detail, created_at, updated_at
        """)

    func study(id: UUID) async throws -> ArchivedStudy? {
        try await sql.raw("SELECT \(Self.studyColumns) FROM archive_studies WHERE id = \(bind: id)").first()
            .map(decodeStudy)
    }

    func study(studyInstanceUID: String) async throws -> ArchivedStudy? {
        try await sql.raw(
            "SELECT \(Self.studyColumns) FROM archive_studies WHERE study_instance_uid = \(bind: studyInstanceUID)"
        ).first().map(decodeStudy)
    }

    func studies(examID: UUID) async throws -> [ArchivedStudy] {
        try await sql.raw(
            "SELECT \(Self.studyColumns) FROM archive_studies WHERE exam_id = \(bind: examID) ORDER BY created_at"
        ).all().map(decodeStudy)
    }

    func studies(matchStatuses: Set<StudyMatchStatus>, limit: Int) async throws -> [ArchivedStudy] {
        guard !matchStatuses.isEmpty else { return [] }
        return try await sql.raw(
            """
            SELECT \(Self.studyColumns) FROM archive_studies \
            WHERE match_status IN (\(binds: matchStatuses.map(\.rawValue).sorted())) \
            ORDER BY created_at LIMIT \(literal: RepositoryContext.boundedLimit(limit))
            """
        ).all().map(decodeStudy)
    }

    func insert(_ study: ArchivedStudy) async throws {
        let s = study
        let inserted = try await sql.raw(
            """
            INSERT INTO archive_studies (\(Self.studyColumns)) VALUES (\(bind: s.id), \(bind: s.archivedPatientID), \
            \(bind: s.studyInstanceUID), \(bind: s.studyDate), \(bind: s.studyTime), \(bind: s.accessionNumber), \
            \(bind: s.studyID), \(bind: s.studyDescription), \(bind: s.referringPhysicianName), \
            \(bind: s.referringPhysicianName?.uppercased()), \(bind: s.modalitiesInStudy.joined(separator: "\\")), \
            \(bind: s.sopClassesInStudy.joined(separator: "\\")), \(bind: s.numberOfSeries), \
            \(bind: s.numberOfInstances), \(bind: s.examID), \(bind: s.patientRecordID), \
            \(bind: s.matchStatus.rawValue), \(bind: s.matchDetail), \(bind: s.createdAt), \(bind: s.updatedAt)) \
            ON CONFLICT DO NOTHING RETURNING id
            """
        ).first()
        guard inserted != nil else {
            throw context.duplicate("archived study", "Study Instance UID \(study.studyInstanceUID)")
        }
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
        let s = study
        let updated = try await sql.raw(
            """
            UPDATE archive_studies SET archive_patient_id = \(bind: s.archivedPatientID), \
            study_instance_uid = \(bind: s.studyInstanceUID), study_date = \(bind: s.studyDate), \
            study_time = \(bind: s.studyTime), accession_number = \(bind: s.accessionNumber), \
            study_id = \(bind: s.studyID), study_description = \(bind: s.studyDescription), \
            referring_physician_name = \(bind: s.referringPhysicianName), \
            referring_physician_name_upper = \(bind: s.referringPhysicianName?.uppercased()), \
            modalities_in_study = \(bind: s.modalitiesInStudy.joined(separator: "\\")), \
            sop_classes_in_study = \(bind: s.sopClassesInStudy.joined(separator: "\\")), \
            number_of_series = \(bind: s.numberOfSeries), number_of_instances = \(bind: s.numberOfInstances), \
            exam_id = \(bind: s.examID), patient_record_id = \(bind: s.patientRecordID), \
            match_status = \(bind: s.matchStatus.rawValue), match_detail = \(bind: s.matchDetail), \
            created_at = \(bind: s.createdAt), updated_at = \(bind: s.updatedAt) WHERE id = \(bind: s.id) RETURNING id
            """
        ).first()
        guard updated != nil else { throw context.missing("archived study", "id \(study.id)") }
    }

    // MARK: Patients

    private static let patientColumns = SQLRaw(
        """
        id, patient_id, issuer_of_patient_id, patient_name, patient_name_upper, patient_birth_date, patient_sex, \
        number_of_studies, number_of_series, number_of_instances, created_at, updated_at
        """)

    func patient(id: UUID) async throws -> ArchivedPatient? {
        try await sql.raw("SELECT \(Self.patientColumns) FROM archive_patients WHERE id = \(bind: id)").first()
            .map(decodePatient)
    }

    func patient(patientID: String, issuerOfPatientID: String) async throws -> ArchivedPatient? {
        try await sql.raw(
            """
            SELECT \(Self.patientColumns) FROM archive_patients \
            WHERE patient_id = \(bind: patientID) AND issuer_of_patient_id = \(bind: issuerOfPatientID)
            """
        ).first().map(decodePatient)
    }

    func insert(_ patient: ArchivedPatient) async throws {
        let p = patient
        let inserted = try await sql.raw(
            """
            INSERT INTO archive_patients (\(Self.patientColumns)) VALUES (\(bind: p.id), \(bind: p.patientID), \
            \(bind: p.issuerOfPatientID), \(bind: p.patientName), \(bind: p.patientName.uppercased()), \
            \(bind: p.patientBirthDate), \(bind: p.patientSex), \(bind: p.numberOfStudies), \(bind: p.numberOfSeries), \
            \(bind: p.numberOfInstances), \(bind: p.createdAt), \(bind: p.updatedAt)) ON CONFLICT DO NOTHING RETURNING id
            """
        ).first()
        guard inserted != nil else { throw context.duplicate("archived patient", "Patient ID \(patient.patientID)") }
    }

    func update(_ patient: ArchivedPatient) async throws {
        let p = patient
        let updated = try await sql.raw(
            """
            UPDATE archive_patients SET patient_id = \(bind: p.patientID), \
            issuer_of_patient_id = \(bind: p.issuerOfPatientID), patient_name = \(bind: p.patientName), \
            patient_name_upper = \(bind: p.patientName.uppercased()), patient_birth_date = \(bind: p.patientBirthDate), \
            patient_sex = \(bind: p.patientSex), number_of_studies = \(bind: p.numberOfStudies), \
            number_of_series = \(bind: p.numberOfSeries), number_of_instances = \(bind: p.numberOfInstances), \
            created_at = \(bind: p.createdAt), updated_at = \(bind: p.updatedAt) WHERE id = \(bind: p.id) RETURNING id
            """
        ).first()
        guard updated != nil else { throw context.missing("archived patient", "id \(patient.id)") }
    }

    // MARK: Aggregates

    // The store path runs this once per instance: a few statements that count in the database, rather
    // than loading every series and study row as models (that cost more than the rest of the store).
    func refreshAggregates(studyID: UUID) async throws {
        let sql = try sql
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
        // The UPDATE names the row it changed: no row, no such patient (no look-up before it).
        let updated = try await sql.raw(
            """
            UPDATE archive_patients SET
                number_of_studies =
                    (SELECT COUNT(*) FROM archive_studies WHERE archive_patient_id = \(bind: archivedPatientID)),
                number_of_series = (SELECT COALESCE(SUM(number_of_series), 0) FROM archive_studies
                    WHERE archive_patient_id = \(bind: archivedPatientID)),
                number_of_instances = (SELECT COALESCE(SUM(number_of_instances), 0) FROM archive_studies
                    WHERE archive_patient_id = \(bind: archivedPatientID))
            WHERE id = \(bind: archivedPatientID) RETURNING id
            """
        ).first()
        guard updated != nil else { throw context.missing("archived patient", "id \(archivedPatientID)") }
    }

    /// The distinct non-empty values of a column over a study's rows, sorted (ModalitiesInStudy and
    /// SOPClassesInStudy are multi-valued in DICOM order-free, sorted here so the row is stable).
    private func distinct(_ column: String, in table: String, studyID: UUID) async throws -> [String] {
        let sql = try sql
        let rows = try await sql.raw(
            "SELECT DISTINCT \(ident: column) AS value FROM \(ident: table) WHERE archive_study_id = \(bind: studyID)"
        ).all()
        return try rows.compactMap { try $0.decode(column: "value", as: String?.self) }.filter { !$0.isEmpty }.sorted()
    }

    // MARK: Rows

    private func decodeInstance(_ row: any SQLRow) throws -> ArchivedInstance {
        let sopInstanceUID = try row.decode(column: "sop_instance_uid", as: String.self)
        guard let key = ImageKey(sha256: try row.decode(column: "image_key", as: String.self)) else {
            throw LightboxStoreError(
                code: "store.corrupt-row", message: "The archived instance \(sopInstanceUID) has no valid image key.")
        }
        return ArchivedInstance(
            id: try row.decode(column: "id", as: UUID.self),
            seriesID: try row.decode(column: "archive_series_id", as: UUID.self),
            studyID: try row.decode(column: "archive_study_id", as: UUID.self), sopInstanceUID: sopInstanceUID,
            sopClassUID: try row.decode(column: "sop_class_uid", as: String.self),
            instanceNumber: try row.decode(column: "instance_number", as: Int?.self),
            contentDate: try row.decode(column: "content_date", as: String?.self),
            contentTime: try row.decode(column: "content_time", as: String?.self),
            rows: try row.decode(column: "rows", as: Int?.self),
            columns: try row.decode(column: "columns", as: Int?.self),
            numberOfFrames: try row.decode(column: "number_of_frames", as: Int?.self),
            transferSyntaxUID: try row.decode(column: "transfer_syntax_uid", as: String.self),
            specificCharacterSet: try row.decode(column: "specific_character_set", as: String?.self), imageKey: key,
            sizeBytes: try row.decode(column: "size_bytes", as: Int64.self),
            source: try row.decode(column: "source", as: String.self),
            storedAt: try row.decode(column: "stored_at", as: Date.self))
    }

    private func decodeSeries(_ row: any SQLRow) throws -> ArchivedSeries {
        ArchivedSeries(
            id: try row.decode(column: "id", as: UUID.self),
            studyID: try row.decode(column: "archive_study_id", as: UUID.self),
            seriesInstanceUID: try row.decode(column: "series_instance_uid", as: String.self),
            modality: try row.decode(column: "modality", as: String?.self),
            seriesNumber: try row.decode(column: "series_number", as: Int?.self),
            seriesDescription: try row.decode(column: "series_description", as: String?.self),
            seriesDate: try row.decode(column: "series_date", as: String?.self),
            seriesTime: try row.decode(column: "series_time", as: String?.self),
            bodyPartExamined: try row.decode(column: "body_part_examined", as: String?.self),
            numberOfInstances: try row.decode(column: "number_of_instances", as: Int.self),
            createdAt: try row.decode(column: "created_at", as: Date.self))
    }

    private func decodeStudy(_ row: any SQLRow) throws -> ArchivedStudy {
        let studyInstanceUID = try row.decode(column: "study_instance_uid", as: String.self)
        let matchStatus = try row.decode(column: "match_status", as: String.self)
        guard let status = StudyMatchStatus(rawValue: matchStatus) else {
            throw LightboxStoreError(
                code: "store.corrupt-row",
                message: "The archived study \(studyInstanceUID) has an unknown match status \(matchStatus).")
        }
        return ArchivedStudy(
            id: try row.decode(column: "id", as: UUID.self),
            archivedPatientID: try row.decode(column: "archive_patient_id", as: UUID.self),
            studyInstanceUID: studyInstanceUID, studyDate: try row.decode(column: "study_date", as: String?.self),
            studyTime: try row.decode(column: "study_time", as: String?.self),
            accessionNumber: try row.decode(column: "accession_number", as: String?.self),
            studyID: try row.decode(column: "study_id", as: String?.self),
            studyDescription: try row.decode(column: "study_description", as: String?.self),
            referringPhysicianName: try row.decode(column: "referring_physician_name", as: String?.self),
            modalitiesInStudy: Self.values(try row.decode(column: "modalities_in_study", as: String.self)),
            sopClassesInStudy: Self.values(try row.decode(column: "sop_classes_in_study", as: String.self)),
            numberOfSeries: try row.decode(column: "number_of_series", as: Int.self),
            numberOfInstances: try row.decode(column: "number_of_instances", as: Int.self),
            examID: try row.decode(column: "exam_id", as: UUID?.self),
            patientRecordID: try row.decode(column: "patient_record_id", as: UUID?.self), matchStatus: status,
            matchDetail: try row.decode(column: "match_detail", as: String.self),
            createdAt: try row.decode(column: "created_at", as: Date.self),
            updatedAt: try row.decode(column: "updated_at", as: Date.self))
    }

    private func decodePatient(_ row: any SQLRow) throws -> ArchivedPatient {
        ArchivedPatient(
            id: try row.decode(column: "id", as: UUID.self),
            patientID: try row.decode(column: "patient_id", as: String.self),
            issuerOfPatientID: try row.decode(column: "issuer_of_patient_id", as: String.self),
            patientName: try row.decode(column: "patient_name", as: String.self),
            patientBirthDate: try row.decode(column: "patient_birth_date", as: String?.self),
            patientSex: try row.decode(column: "patient_sex", as: String?.self),
            numberOfStudies: try row.decode(column: "number_of_studies", as: Int.self),
            numberOfSeries: try row.decode(column: "number_of_series", as: Int.self),
            numberOfInstances: try row.decode(column: "number_of_instances", as: Int.self),
            createdAt: try row.decode(column: "created_at", as: Date.self),
            updatedAt: try row.decode(column: "updated_at", as: Date.self))
    }

    private static func values(_ joined: String) -> [String] {
        joined.isEmpty ? [] : joined.split(separator: "\\").map(String.init)
    }
}
