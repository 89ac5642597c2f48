import Foundation
import LightboxDomain

/// The image index rows the in-memory store holds.
struct ArchiveState: Sendable, Equatable {
    var patients: [UUID: ArchivedPatient] = [:]
    var studies: [UUID: ArchivedStudy] = [:]
    var series: [UUID: ArchivedSeries] = [:]
    var instances: [UUID: ArchivedInstance] = [:]
}

/// `ArchiveIndexRepository` in memory, with the same unique keys as the store (duplicate on a taken UID).
struct InMemoryArchiveIndex: ArchiveIndexRepository {
    let store: InMemoryDepartmentStore

    func instance(sopInstanceUID: String) async throws -> ArchivedInstance? {
        await store.read { $0.archive.instances.values.first { $0.sopInstanceUID == sopInstanceUID } }
    }
    func instances(sopInstanceUIDs: [String]) async throws -> [ArchivedInstance] {
        let wanted = Set(sopInstanceUIDs)
        return await store.read { $0.archive.instances.values.filter { wanted.contains($0.sopInstanceUID) } }
    }
    func instances(studyID: UUID, limit: Int) async throws -> [ArchivedInstance] {
        await store.read { state in
            Array(
                state.archive.instances.values.filter { $0.studyID == studyID }.sorted {
                    ($0.instanceNumber ?? .max, $0.sopInstanceUID) < ($1.instanceNumber ?? .max, $1.sopInstanceUID)
                }.prefix(limit))
        }
    }
    func instances(seriesID: UUID, limit: Int) async throws -> [ArchivedInstance] {
        await store.read { state in
            Array(
                state.archive.instances.values.filter { $0.seriesID == seriesID }.sorted {
                    ($0.instanceNumber ?? .max, $0.sopInstanceUID) < ($1.instanceNumber ?? .max, $1.sopInstanceUID)
                }.prefix(limit))
        }
    }
    func insert(_ instance: ArchivedInstance) async throws {
        if try await self.instance(sopInstanceUID: instance.sopInstanceUID) != nil {
            throw DomainError(.duplicate, "instance \(instance.sopInstanceUID)")
        }
        try await store.mutate { try $0.archive.instances.insertNew(instance, key: instance.id, what: "instance") }
    }
    func update(_ instance: ArchivedInstance) async throws {
        try await store.mutate {
            try $0.archive.instances.replaceExisting(instance, key: instance.id, what: "instance")
        }
    }

    func series(seriesInstanceUID: String) async throws -> ArchivedSeries? {
        await store.read { $0.archive.series.values.first { $0.seriesInstanceUID == seriesInstanceUID } }
    }
    func series(studyID: UUID) async throws -> [ArchivedSeries] {
        await store.read { state in
            state.archive.series.values.filter { $0.studyID == studyID }.sorted {
                ($0.seriesNumber ?? .max, $0.seriesInstanceUID) < ($1.seriesNumber ?? .max, $1.seriesInstanceUID)
            }
        }
    }
    func insert(_ series: ArchivedSeries) async throws {
        if try await self.series(seriesInstanceUID: series.seriesInstanceUID) != nil {
            throw DomainError(.duplicate, "series \(series.seriesInstanceUID)")
        }
        try await store.mutate { try $0.archive.series.insertNew(series, key: series.id, what: "series") }
    }
    func update(_ series: ArchivedSeries) async throws {
        try await store.mutate { try $0.archive.series.replaceExisting(series, key: series.id, what: "series") }
    }

    func study(id: UUID) async throws -> ArchivedStudy? { await store.read { $0.archive.studies[id] } }
    func study(studyInstanceUID: String) async throws -> ArchivedStudy? {
        await store.read { $0.archive.studies.values.first { $0.studyInstanceUID == studyInstanceUID } }
    }
    func studies(examID: UUID) async throws -> [ArchivedStudy] {
        await store.read {
            $0.archive.studies.values.filter { $0.examID == examID }.sorted { $0.createdAt < $1.createdAt }
        }
    }
    func studies(matchStatuses: Set<StudyMatchStatus>, limit: Int) async throws -> [ArchivedStudy] {
        await store.read { state in
            Array(
                state.archive.studies.values.filter { matchStatuses.contains($0.matchStatus) }.sorted {
                    $0.createdAt < $1.createdAt
                }.prefix(limit))
        }
    }
    func insert(_ study: ArchivedStudy) async throws {
        if try await self.study(studyInstanceUID: study.studyInstanceUID) != nil {
            throw DomainError(.duplicate, "study \(study.studyInstanceUID)")
        }
        try await store.mutate { try $0.archive.studies.insertNew(study, key: study.id, what: "study") }
    }
    func update(_ study: ArchivedStudy) async throws {
        try await store.mutate { try $0.archive.studies.replaceExisting(study, key: study.id, what: "study") }
    }

    func patient(id: UUID) async throws -> ArchivedPatient? { await store.read { $0.archive.patients[id] } }
    func patient(patientID: String, issuerOfPatientID: String) async throws -> ArchivedPatient? {
        await store.read {
            $0.archive.patients.values.first {
                $0.patientID == patientID && $0.issuerOfPatientID == issuerOfPatientID
            }
        }
    }
    func insert(_ patient: ArchivedPatient) async throws {
        try await store.mutate { try $0.archive.patients.insertNew(patient, key: patient.id, what: "patient") }
    }
    func update(_ patient: ArchivedPatient) async throws {
        try await store.mutate { try $0.archive.patients.replaceExisting(patient, key: patient.id, what: "patient") }
    }

    func refreshAggregates(studyID: UUID) async throws {
        let patientID: UUID? = await store.mutate { state in
            guard var study = state.archive.studies[studyID] else { return nil }
            let series = state.archive.series.values.filter { $0.studyID == studyID }
            let instances = state.archive.instances.values.filter { $0.studyID == studyID }
            for row in series {
                state.archive.series[row.id]?.numberOfInstances = instances.filter { $0.seriesID == row.id }.count
            }
            study.numberOfSeries = series.count
            study.numberOfInstances = instances.count
            study.modalitiesInStudy = Set(series.compactMap(\.modality)).sorted()
            study.sopClassesInStudy = Set(instances.map(\.sopClassUID)).sorted()
            state.archive.studies[studyID] = study
            return study.archivedPatientID
        }
        if let patientID { try await refreshAggregates(archivedPatientID: patientID) }
    }
    func refreshAggregates(archivedPatientID: UUID) async throws {
        await store.mutate { state in
            let studies = state.archive.studies.values.filter { $0.archivedPatientID == archivedPatientID }
            state.archive.patients[archivedPatientID]?.numberOfStudies = studies.count
            state.archive.patients[archivedPatientID]?.numberOfSeries = studies.reduce(0) { $0 + $1.numberOfSeries }
            state.archive.patients[archivedPatientID]?.numberOfInstances = studies.reduce(0) {
                $0 + $1.numberOfInstances
            }
        }
    }
}

/// `DICOMPeerRepository` in memory.
struct InMemoryDICOMPeers: DICOMPeerRepository {
    let store: InMemoryDepartmentStore
    func get(aeTitle: String) async throws -> DICOMPeer? { await store.read { $0.dicomPeers[aeTitle] } }
    func list() async throws -> [DICOMPeer] {
        await store.read { $0.dicomPeers.values.sorted { $0.aeTitle < $1.aeTitle } }
    }
    func insert(_ peer: DICOMPeer) async throws {
        try await store.mutate { try $0.dicomPeers.insertNew(peer, key: peer.aeTitle, what: "peer") }
    }
    func update(_ peer: DICOMPeer) async throws {
        try await store.mutate { try $0.dicomPeers.replaceExisting(peer, key: peer.aeTitle, what: "peer") }
    }
    func remove(aeTitle: String) async throws -> Bool {
        await store.mutate { $0.dicomPeers.removeValue(forKey: aeTitle) != nil }
    }
}
