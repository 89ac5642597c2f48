import FluentKit
import Foundation
import LightboxDomain
import SQLKit

/// `ArchiveQueryRepository` on the archive index's tables (`archive_patients`, `archive_studies`, `archive_series`,
/// `archive_instances`): one SQL statement per query, its conditions made by ``ArchiveMatchSQL`` from indexed
/// columns. Studies rejected on the reconciliation list are never answered.
struct FluentArchiveQueryRepository: ArchiveQueryRepository {
    let context: RepositoryContext
    private var sql: any SQLDatabase {
        get throws { try LightboxDatabase.sql(context.database) }
    }

    /// One attribute of the index: the column answered and how a key on it is matched.
    struct Field: Sendable {
        var tag: UInt32
        var level: ArchiveQueryLevel
        /// The column read for the answer; nil for a sequence, whose items are read apart.
        var select: String?
        var isInteger: Bool
        var match: ArchiveColumn
    }

    static func text(_ tag: UInt32, _ level: ArchiveQueryLevel, _ column: String, _ kind: ArchiveValueKind) -> Field {
        Field(tag: tag, level: level, select: column, isInteger: false, match: .value(column, kind))
    }

    static func integer(_ tag: UInt32, _ level: ArchiveQueryLevel, _ column: String) -> Field {
        Field(tag: tag, level: level, select: column, isInteger: true, match: .integer(column))
    }

    typealias A = ArchiveAttributes

    /// An indexed sequence: its items are rows of `archive_sequence_items` tied to the record by `owner`,
    /// one of which must match every key of the query's item (PS3.4 §C.2.2.2.6).
    static func sequence(_ tag: UInt32, _ level: ArchiveQueryLevel, owner: String) -> Field {
        var items: [UInt32: ArchiveColumn] = [:]
        for attribute in A.sequenceItems[tag] ?? [] {
            guard let column = ArchiveSequenceItemModel.columns[attribute.tag] else { continue }
            items[attribute.tag] = .value("q.\(column)", attribute.kind)
        }
        return Field(
            tag: tag, level: level, select: nil, isInteger: false,
            match: .sequence(from: "archive_sequence_items q WHERE \(owner) AND q.sequence_tag = \(tag)", items: items))
    }

    /// Every attribute the index answers, by tag.
    static let fields: [UInt32: Field] = {
        let list: [Field] = [
            Field(
                tag: A.patientName, level: .patient, select: "p.patient_name", isInteger: false,
                match: .value("p.patient_name_upper", .personName)),
            text(A.patientID, .patient, "p.patient_id", .text),
            text(A.issuerOfPatientID, .patient, "p.issuer_of_patient_id", .text),
            text(A.patientBirthDate, .patient, "p.patient_birth_date", .date),
            text(A.patientSex, .patient, "p.patient_sex", .text),
            integer(A.numberOfPatientRelatedStudies, .patient, "p.number_of_studies"),
            integer(A.numberOfPatientRelatedSeries, .patient, "p.number_of_series"),
            integer(A.numberOfPatientRelatedInstances, .patient, "p.number_of_instances"),
            text(A.studyInstanceUID, .study, "st.study_instance_uid", .uid),
            text(A.studyDate, .study, "st.study_date", .date),
            text(A.studyTime, .study, "st.study_time", .time),
            text(A.accessionNumber, .study, "st.accession_number", .text),
            text(A.studyID, .study, "st.study_id", .text),
            text(A.studyDescription, .study, "st.study_description", .text),
            Field(
                tag: A.referringPhysicianName, level: .study, select: "st.referring_physician_name", isInteger: false,
                match: .value("st.referring_physician_name_upper", .personName)),
            // The aggregates are `\`-joined; a key matches when one of the study's series or instances does.
            Field(
                tag: A.modalitiesInStudy, level: .study, select: "st.modalities_in_study", isInteger: false,
                match: .anyRow(
                    from: "archive_series x WHERE x.archive_study_id = st.id", .value("x.modality", .text))),
            Field(
                tag: A.sopClassesInStudy, level: .study, select: "st.sop_classes_in_study", isInteger: false,
                match: .anyRow(
                    from: "archive_instances y WHERE y.archive_study_id = st.id", .value("y.sop_class_uid", .uid))),
            integer(A.numberOfStudyRelatedSeries, .study, "st.number_of_series"),
            integer(A.numberOfStudyRelatedInstances, .study, "st.number_of_instances"),
            text(A.seriesInstanceUID, .series, "se.series_instance_uid", .uid),
            text(A.modality, .series, "se.modality", .text),
            integer(A.seriesNumber, .series, "se.series_number"),
            text(A.seriesDescription, .series, "se.series_description", .text),
            text(A.seriesDate, .series, "se.series_date", .date),
            text(A.seriesTime, .series, "se.series_time", .time),
            text(A.bodyPartExamined, .series, "se.body_part_examined", .text),
            integer(A.numberOfSeriesRelatedInstances, .series, "se.number_of_instances"),
            text(A.sopInstanceUID, .image, "i.sop_instance_uid", .uid),
            text(A.sopClassUID, .image, "i.sop_class_uid", .uid),
            integer(A.instanceNumber, .image, "i.instance_number"),
            integer(A.rows, .image, "i.rows"),
            integer(A.columns, .image, "i.columns"),
            integer(A.numberOfFrames, .image, "i.number_of_frames"),
            text(A.availableTransferSyntaxUID, .image, "i.transfer_syntax_uid", .uid),
            text(A.contentDate, .image, "i.content_date", .date),
            text(A.contentTime, .image, "i.content_time", .time),
            sequence(
                A.procedureCodeSequence, .study, owner: "q.archive_study_id = st.id AND q.archive_series_id IS NULL"),
            sequence(A.requestAttributesSequence, .series, owner: "q.archive_series_id = se.id"),
        ]
        return Dictionary(uniqueKeysWithValues: list.map { ($0.tag, $0) })
    }()

    /// The tables joined for a level, the deepest first.
    static func from(_ level: ArchiveQueryLevel) -> String {
        let patients = "archive_patients p"
        let studies = "archive_studies st"
        switch level {
        case .patient: return patients
        case .study: return "\(studies) JOIN \(patients) ON p.id = st.archive_patient_id"
        case .series:
            return "archive_series se JOIN \(studies) ON st.id = se.archive_study_id "
                + "JOIN \(patients) ON p.id = st.archive_patient_id"
        case .image:
            return "archive_instances i JOIN archive_series se ON se.id = i.archive_series_id "
                + "JOIN \(studies) ON st.id = se.archive_study_id JOIN \(patients) ON p.id = st.archive_patient_id"
        }
    }

    /// A stable order: by the unique keys (and numbers) of each level down to `level`.
    static func orderBy(_ level: ArchiveQueryLevel) -> String {
        var terms = ["p.patient_id", "p.issuer_of_patient_id"]
        if level >= .study {
            terms += ["COALESCE(st.study_date, '')", "COALESCE(st.study_time, '')", "st.study_instance_uid"]
        }
        if level >= .series { terms += ["COALESCE(se.series_number, 0)", "se.series_instance_uid"] }
        if level >= .image { terms += ["COALESCE(i.instance_number, 0)", "i.sop_instance_uid"] }
        return terms.joined(separator: ", ")
    }

    /// The WHERE clause: every key of `level` and above the index holds, and no rejected study.
    func conditions(_ query: ArchiveQuery, level: ArchiveQueryLevel) -> SQLQueryString {
        var conditions: [SQLQueryString] = []
        if level >= .study {
            conditions.append("st.match_status <> \(bind: StudyMatchStatus.rejected.rawValue)")
        } else {
            conditions.append(
                """
                EXISTS (SELECT 1 FROM archive_studies z WHERE z.archive_patient_id = p.id \
                AND z.match_status <> \(bind: StudyMatchStatus.rejected.rawValue))
                """)
        }
        for key in query.keys {
            guard let field = Self.fields[key.tag], field.level <= level,
                let condition = ArchiveMatchSQL.condition(key.match, on: field.match, engine: context.engine)
            else { continue }
            conditions.append(condition)
        }
        return conditions.joined(separator: " AND ")
    }

    func find(_ query: ArchiveQuery) async throws -> [ArchiveRecord] {
        let level = query.level
        let limit = RepositoryContext.boundedLimit(query.limit, maximum: QueryArchive.maximumLimit)
        let answered = Self.fields.values.filter { $0.level <= level && $0.select != nil }.sorted { $0.tag < $1.tag }
        var select = answered.enumerated().map { "\($0.element.select ?? "NULL") AS v\($0.offset)" }
            .joined(separator: ", ")
        // The sequences asked for are answered with their items, read for the page's rows.
        let sequences = Set(query.keys.map(\.tag)).compactMap { tag in
            Self.fields[tag].flatMap { $0.select == nil && $0.level <= level ? $0 : nil }
        }
        if !sequences.isEmpty {
            select += ", st.id AS study_row" + (level >= .series ? ", se.id AS series_row" : "")
        }
        let statement: SQLQueryString =
            "SELECT \(unsafeRaw: select) FROM \(unsafeRaw: Self.from(level)) WHERE " + conditions(query, level: level)
            + " ORDER BY \(unsafeRaw: Self.orderBy(level)) LIMIT \(literal: limit) OFFSET \(literal: max(query.offset, 0))"
        let rows = try await sql.raw(statement).all()
        var records = try rows.map { row in
            var values: [UInt32: String] = [:]
            for (index, field) in answered.enumerated() {
                let column = "v\(index)"
                if field.isInteger {
                    if let number = try row.decode(column: column, as: Int?.self) { values[field.tag] = String(number) }
                } else if let text = try row.decode(column: column, as: String?.self) {
                    values[field.tag] = text
                }
            }
            return ArchiveRecord(level: level, values: values)
        }
        guard !sequences.isEmpty else { return records }
        let studyRows = try rows.map { try $0.decode(column: "study_row", as: UUID.self) }
        let seriesRows = level >= .series ? try rows.map { try $0.decode(column: "series_row", as: UUID?.self) } : []
        let items = try await ArchiveSequenceItemModel.query(on: context.database)
            .filter(\.$archiveStudyID ~~ Array(Set(studyRows)))
            .filter(\.$sequenceTag ~~ sequences.map { Int($0.tag) })
            .sort(\.$itemNumber).all()
        for index in records.indices {
            for field in sequences {
                let owned = items.filter {
                    $0.sequenceTag == Int(field.tag) && $0.archiveStudyID == studyRows[index]
                        && (field.level == .study
                            ? $0.archiveSeriesID == nil : $0.archiveSeriesID == seriesRows[index])
                }
                records[index].sequences[field.tag] = owned.map(\.values)
            }
        }
        return records
    }

    func instanceFiles(_ query: ArchiveQuery) async throws -> [ArchivedInstanceFile] {
        let limit = RepositoryContext.boundedLimit(query.limit, maximum: RetrieveInstances.maximumInstances + 1)
        let statement: SQLQueryString =
            """
            SELECT i.sop_class_uid AS sop_class_uid, i.sop_instance_uid AS sop_instance_uid, \
            i.transfer_syntax_uid AS transfer_syntax_uid, i.image_key AS image_key, i.size_bytes AS size_bytes, \
            st.study_instance_uid AS study_instance_uid, se.series_instance_uid AS series_instance_uid, \
            p.patient_id AS patient_id FROM \(unsafeRaw: Self.from(.image)) WHERE 
            """ + conditions(query, level: .image)
            + " ORDER BY \(unsafeRaw: Self.orderBy(.image)) LIMIT \(literal: limit) OFFSET \(literal: max(query.offset, 0))"
        return try await sql.raw(statement).all().map { row in
            let keyText = try row.decode(column: "image_key", as: String.self)
            guard let key = ImageKey(sha256: keyText) else {
                throw LightboxStoreError(
                    code: "store.corrupt-row", message: "An archive_instances row holds the image key '\(keyText)'.")
            }
            return ArchivedInstanceFile(
                sopClassUID: try row.decode(column: "sop_class_uid", as: String.self),
                sopInstanceUID: try row.decode(column: "sop_instance_uid", as: String.self),
                transferSyntaxUID: try row.decode(column: "transfer_syntax_uid", as: String.self), imageKey: key,
                studyInstanceUID: try row.decode(column: "study_instance_uid", as: String.self),
                seriesInstanceUID: try row.decode(column: "series_instance_uid", as: String.self),
                patientID: try row.decode(column: "patient_id", as: String.self),
                sizeBytes: try row.decode(column: "size_bytes", as: Int64.self))
        }
    }
}
