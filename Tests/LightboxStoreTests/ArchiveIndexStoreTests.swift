import Foundation
import LightboxDomain
import Testing

@testable import LightboxStore

/// The archive index's repositories on each engine: rows written (patient, study with its Procedure
/// Code Sequence, series with their Request Attributes Sequence, instances), aggregates refreshed,
/// and the index read back by C-FIND's and the retrieves' queries, sequence matching included.
@Suite("Archive index on the store")
struct ArchiveIndexStoreTests {
    static let study = "1.2.826.0.1.3680043.10.80.1"

    @Test("index rows, aggregates, queries and sequence matching", arguments: TestEngine.allCases)
    func index(engine: TestEngine) async throws {
        try await TestDatabase.with(engine) { test async throws in
            let store = FluentDepartmentStore(database: test.database)
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            let patient = ArchivedPatient(
                id: UUID(), patientID: "IDX-1", issuerOfPatientID: "", patientName: "Smith^Jane",
                patientBirthDate: "19700101", patientSex: "F", createdAt: now, updatedAt: now)
            var studyRow = ArchivedStudy(
                id: UUID(), archivedPatientID: patient.id, studyInstanceUID: Self.study, studyDate: "20261201",
                studyTime: "101500", accessionNumber: "ACC-IDX", studyID: "1", studyDescription: "Chest",
                referringPhysicianName: "Who^Doctor", examID: nil, patientRecordID: nil, matchStatus: .unmatched,
                matchDetail: "no exam", createdAt: now, updatedAt: now)
            studyRow.sequences = [
                ArchiveAttributes.procedureCodeSequence: [
                    [ArchiveAttributes.codeValue: "XCHEST", ArchiveAttributes.codingSchemeDesignator: "99LIGHTBOX"]
                ]
            ]
            let study = studyRow
            var seriesRows: [ArchivedSeries] = []
            for (number, modality) in [(1, "DX"), (2, "OT")] {
                var row = ArchivedSeries(
                    id: UUID(), studyID: study.id, seriesInstanceUID: "\(Self.study).\(number)", modality: modality,
                    seriesNumber: number, seriesDescription: nil, seriesDate: nil, seriesTime: nil,
                    bodyPartExamined: nil, createdAt: now)
                row.sequences = [
                    ArchiveAttributes.requestAttributesSequence: [
                        [ArchiveAttributes.requestedProcedureID: "RP\(number)"]
                    ]
                ]
                seriesRows.append(row)
            }
            let series = seriesRows
            let key = try #require(ImageKey(sha256: String(repeating: "ab", count: 32)))
            try await store.transaction { unit async throws in
                try await unit.archive.insert(patient)
                try await unit.archive.insert(study)
                for row in series {
                    try await unit.archive.insert(row)
                    try await unit.archive.insert(
                        ArchivedInstance(
                            id: UUID(), seriesID: row.id, studyID: study.id,
                            sopInstanceUID: row.seriesInstanceUID + ".1",
                            sopClassUID: "1.2.840.10008.5.1.4.1.1.7", instanceNumber: 1, contentDate: nil,
                            contentTime: nil, rows: 8, columns: 8, numberOfFrames: nil,
                            transferSyntaxUID: "1.2.840.10008.1.2.1", specificCharacterSet: nil, imageKey: key,
                            sizeBytes: 100, source: "TEST", storedAt: now))
                }
                try await unit.archive.refreshAggregates(studyID: study.id)
            }
            let (studies, chosen, none, files) = try await store.transaction { unit async throws in
                let studies = try await unit.archiveQueries.find(
                    ArchiveQuery(
                        level: .study,
                        keys: [
                            try ArchiveQueryKey(
                                tag: ArchiveAttributes.patientName, kind: .personName, value: "smith*",
                                attribute: "PatientName"),
                            ArchiveQueryKey(tag: ArchiveAttributes.procedureCodeSequence, match: .universal),
                        ], limit: 10))
                let chosen = try await unit.archiveQueries.find(
                    ArchiveQuery(
                        level: .series,
                        keys: [
                            ArchiveQueryKey(
                                tag: ArchiveAttributes.requestAttributesSequence,
                                match: .sequence([
                                    ArchiveQueryKey(tag: ArchiveAttributes.requestedProcedureID, match: .single("RP2"))
                                ]))
                        ], limit: 10))
                let none = try await unit.archiveQueries.find(
                    ArchiveQuery(
                        level: .study,
                        keys: [
                            ArchiveQueryKey(
                                tag: ArchiveAttributes.procedureCodeSequence,
                                match: .sequence([
                                    ArchiveQueryKey(tag: ArchiveAttributes.codeValue, match: .single("CHEADN"))
                                ]))
                        ], limit: 10))
                let files = try await unit.archiveQueries.instanceFiles(
                    ArchiveQuery(
                        level: .image,
                        keys: [ArchiveQueryKey(tag: ArchiveAttributes.studyInstanceUID, match: .single(Self.study))],
                        limit: 10))
                return (studies, chosen, none, files)
            }
            #expect(studies.count == 1)
            #expect(studies.first?[ArchiveAttributes.numberOfStudyRelatedSeries] == "2")
            #expect(studies.first?[ArchiveAttributes.numberOfStudyRelatedInstances] == "2")
            #expect(studies.first?[ArchiveAttributes.modalitiesInStudy] == "DX\\OT")
            #expect(
                studies.first?.sequences[ArchiveAttributes.procedureCodeSequence]?.first?[ArchiveAttributes.codeValue]
                    == "XCHEST")
            #expect(chosen.map { $0[ArchiveAttributes.seriesInstanceUID] } == ["\(Self.study).2"])
            #expect(
                chosen.first?.sequences[ArchiveAttributes.requestAttributesSequence] == [
                    [ArchiveAttributes.requestedProcedureID: "RP2"]
                ])
            #expect(none.isEmpty)
            #expect(files.map(\.sopInstanceUID) == ["\(Self.study).1.1", "\(Self.study).2.1"])
            // A second study with the same Study Instance UID is refused, the first kept.
            await #expect(throws: (any Error).self) {
                try await store.transaction { unit async throws in try await unit.archive.insert(study) }
            }
        }
    }
}
