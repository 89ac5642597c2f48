import Foundation
import LightboxDomain

/// `ArchiveQueryRepository` over the in-memory index, matching by the domain's reference meaning of each key
/// (``AttributeMatch/matches(_:kind:)``), which the store's SQL is tested against.
struct InMemoryArchiveQueries: ArchiveQueryRepository {
    let store: InMemoryDepartmentStore
    typealias A = ArchiveAttributes

    /// One record of the deepest level asked, with its ancestors.
    struct Row {
        var values: [UInt32: String]
        var instance: ArchivedInstance?
        var order: [String]
    }

    static func rows(_ state: ArchiveState, level: ArchiveQueryLevel) -> [Row] {
        func patient(_ p: ArchivedPatient) -> [UInt32: String] {
            var values: [UInt32: String] = [
                A.patientName: p.patientName, A.patientID: p.patientID, A.issuerOfPatientID: p.issuerOfPatientID,
                A.numberOfPatientRelatedStudies: "\(p.numberOfStudies)",
                A.numberOfPatientRelatedSeries: "\(p.numberOfSeries)",
                A.numberOfPatientRelatedInstances: "\(p.numberOfInstances)",
            ]
            values[A.patientBirthDate] = p.patientBirthDate
            values[A.patientSex] = p.patientSex
            return values
        }
        func study(_ s: ArchivedStudy) -> [UInt32: String] {
            var values: [UInt32: String] = [
                A.studyInstanceUID: s.studyInstanceUID,
                A.modalitiesInStudy: s.modalitiesInStudy.joined(separator: "\\"),
                A.sopClassesInStudy: s.sopClassesInStudy.joined(separator: "\\"),
                A.numberOfStudyRelatedSeries: "\(s.numberOfSeries)",
                A.numberOfStudyRelatedInstances: "\(s.numberOfInstances)",
            ]
            values[A.studyDate] = s.studyDate
            values[A.studyTime] = s.studyTime
            values[A.accessionNumber] = s.accessionNumber
            values[A.studyID] = s.studyID
            values[A.studyDescription] = s.studyDescription
            values[A.referringPhysicianName] = s.referringPhysicianName
            return values
        }
        func series(_ s: ArchivedSeries) -> [UInt32: String] {
            var values: [UInt32: String] = [
                A.seriesInstanceUID: s.seriesInstanceUID, A.numberOfSeriesRelatedInstances: "\(s.numberOfInstances)",
            ]
            values[A.modality] = s.modality
            values[A.seriesNumber] = s.seriesNumber.map(String.init)
            values[A.seriesDescription] = s.seriesDescription
            values[A.seriesDate] = s.seriesDate
            values[A.seriesTime] = s.seriesTime
            values[A.bodyPartExamined] = s.bodyPartExamined
            return values
        }
        func instance(_ i: ArchivedInstance) -> [UInt32: String] {
            var values: [UInt32: String] = [
                A.sopInstanceUID: i.sopInstanceUID, A.sopClassUID: i.sopClassUID,
                A.availableTransferSyntaxUID: i.transferSyntaxUID,
            ]
            values[A.instanceNumber] = i.instanceNumber.map(String.init)
            values[A.rows] = i.rows.map(String.init)
            values[A.columns] = i.columns.map(String.init)
            values[A.numberOfFrames] = i.numberOfFrames.map(String.init)
            values[A.contentDate] = i.contentDate
            values[A.contentTime] = i.contentTime
            return values
        }
        let shown = state.studies.values.filter { $0.matchStatus != .rejected }
        switch level {
        case .patient:
            let withStudies = Set(shown.map(\.archivedPatientID))
            return state.patients.values.filter { withStudies.contains($0.id) }.map {
                Row(values: patient($0), instance: nil, order: [$0.patientID, $0.issuerOfPatientID])
            }
        default:
            var rows: [Row] = []
            for s in shown {
                guard let p = state.patients[s.archivedPatientID] else { continue }
                let base = patient(p).merging(study(s)) { $1 }
                let studyOrder = [
                    p.patientID, p.issuerOfPatientID, s.studyDate ?? "", s.studyTime ?? "", s.studyInstanceUID,
                ]
                if level == .study {
                    rows.append(Row(values: base, instance: nil, order: studyOrder))
                    continue
                }
                for se in state.series.values where se.studyID == s.id {
                    let seriesValues = base.merging(series(se)) { $1 }
                    let seriesOrder =
                        studyOrder + [String(format: "%012d", se.seriesNumber ?? 0), se.seriesInstanceUID]
                    if level == .series {
                        rows.append(Row(values: seriesValues, instance: nil, order: seriesOrder))
                        continue
                    }
                    for i in state.instances.values where i.seriesID == se.id {
                        rows.append(
                            Row(
                                values: seriesValues.merging(instance(i)) { $1 }, instance: i,
                                order: seriesOrder + [String(format: "%012d", i.instanceNumber ?? 0), i.sopInstanceUID])
                        )
                    }
                }
            }
            return rows
        }
    }

    static func matching(_ query: ArchiveQuery, level: ArchiveQueryLevel, state: ArchiveState) -> [Row] {
        rows(state, level: level).filter { row in
            query.keys.allSatisfy { key in
                guard let attribute = A.attribute(key.tag), attribute.level <= level, attribute.kind != .sequence else {
                    return true
                }
                return key.match.matches(row.values[key.tag], kind: attribute.kind)
            }
        }.sorted { $0.order.lexicographicallyPrecedes($1.order) }
    }

    func find(_ query: ArchiveQuery) async throws -> [ArchiveRecord] {
        await store.read { state in
            Self.matching(query, level: query.level, state: state.archive).dropFirst(query.offset).prefix(query.limit)
                .map { ArchiveRecord(level: query.level, values: $0.values.filter { !$0.value.isEmpty }) }
        }
    }

    func instanceFiles(_ query: ArchiveQuery) async throws -> [ArchivedInstanceFile] {
        await store.read { state in
            Self.matching(query, level: .image, state: state.archive).dropFirst(query.offset).prefix(query.limit)
                .compactMap { row in
                    guard let i = row.instance else { return nil }
                    return ArchivedInstanceFile(
                        sopClassUID: i.sopClassUID, sopInstanceUID: i.sopInstanceUID,
                        transferSyntaxUID: i.transferSyntaxUID, imageKey: i.imageKey,
                        studyInstanceUID: row.values[A.studyInstanceUID] ?? "",
                        seriesInstanceUID: row.values[A.seriesInstanceUID] ?? "",
                        patientID: row.values[A.patientID] ?? "", sizeBytes: i.sizeBytes)
                }
        }
    }
}
