import Foundation
import LightboxDomain
import Testing

/// The archive's query and retrieve use cases on the in-memory store: matching through the one query struct,
/// permissions, bounds, and the audit entry naming who asked and which patients and studies were answered.
@Suite("Archive queries and retrieves")
struct QueryArchiveTests {
    typealias A = ArchiveAttributes

    static func stored() async throws -> ArchiveTests.Setup {
        let s = try await ArchiveTests.Setup()
        _ = try await s.store(
            s.attributes(
                nil, accession: "A1", study: "1.2.3.1", series: "1.2.3.1.1", instance: "1.2.3.1.1.1", modality: "CT",
                name: "SMITH^John"))
        var jones = s.attributes(
            nil, accession: "A2", study: "1.2.3.2", series: "1.2.3.2.1", instance: "1.2.3.2.1.1", modality: "MR",
            name: "JONES^Ann")
        jones.patientID = "JONES-1"
        _ = try await s.store(jones)
        return s
    }

    static func key(_ tag: UInt32, _ value: String) throws -> ArchiveQueryKey {
        let attribute = try #require(A.attribute(tag))
        return try ArchiveQueryKey(tag: tag, kind: attribute.kind, value: value, attribute: attribute.keyword)
    }

    @Test("A study query matches by its keys and is audited with the studies answered")
    func studyQuery() async throws {
        let s = try await Self.stored()
        let reader = s.f.radiographer
        let smith = try await s.archive.queryArchive(
            ArchiveQuery(level: .study, keys: [try Self.key(A.patientName, "smith*")], limit: 10), purpose: "C-FIND",
            by: reader)
        #expect(smith.map { $0[A.studyInstanceUID] } == ["1.2.3.1"])
        #expect(smith.first?[A.modalitiesInStudy] == "CT")
        let mr = try await s.archive.queryArchive(
            ArchiveQuery(level: .study, keys: [try Self.key(A.modalitiesInStudy, "MR")], limit: 10), purpose: "QIDO-RS",
            by: reader)
        #expect(mr.map { $0[A.studyInstanceUID] } == ["1.2.3.2"])
        let entries = await s.f.store.read { $0.audit.filter { $0.action == "archive.query" } }
        #expect(entries.count == 2)
        #expect(entries.first?.actorUsername == reader.username)
        #expect(entries.first?.detail.contains("PatientName like smith*") == true)
        #expect(entries.first?.detail.contains("studies 1.2.3.1") == true)
    }

    @Test("Without the right to view images, or beyond the bounds, nothing is answered and nothing audited")
    func refusals() async throws {
        let s = try await Self.stored()
        await #expect(throws: DomainError.self) {
            _ = try await s.archive.queryArchive(
                ArchiveQuery(level: .study, limit: 10), purpose: "QIDO-RS", by: s.f.referrerActor)
        }
        await #expect(throws: DomainError.self) {
            _ = try await s.archive.queryArchive(
                ArchiveQuery(level: .study, limit: 0), purpose: "QIDO-RS", by: s.f.radiographer)
        }
        await #expect(throws: DomainError.self) {
            _ = try await s.archive.retrieveInstances(
                ArchiveQuery(level: .study, keys: [try Self.key(A.modalitiesInStudy, "CT")], limit: 10),
                purpose: "C-MOVE", by: s.f.radiographer)
        }
        let audited = await s.f.store.read { $0.audit.filter { $0.action.hasPrefix("archive.") } }
        #expect(audited.isEmpty)
    }

    @Test("A retrieve names its instances with where they are, audited with patients and studies")
    func retrieve() async throws {
        let s = try await Self.stored()
        let files = try await s.archive.retrieveInstances(
            ArchiveQuery(level: .study, keys: [try Self.key(A.studyInstanceUID, "1.2.3.2")], limit: 10),
            purpose: "C-MOVE by X to Y", by: s.f.radiographer)
        #expect(files.map(\.sopInstanceUID) == ["1.2.3.2.1.1"])
        #expect(files.first?.studyInstanceUID == "1.2.3.2")
        let entry = await s.f.store.read { $0.audit.last }
        #expect(entry?.action == "archive.retrieve")
        #expect(entry?.detail.hasPrefix("C-MOVE by X to Y: 1 instance; patients ") == true)
        #expect(entry?.detail.contains("studies 1.2.3.2") == true)
    }
}
