import Foundation
import LightboxDomain

/// What the in-memory store keeps of staff dosimetry.
struct StaffDosimetryState: Sendable, Equatable {
    var readings: [UUID: DosemeterReading] = [:]
    var investigations: [UUID: StaffDoseInvestigation] = [:]
    var classifications: [ClassifiedWorker] = []
}

struct InMemoryStaffDosimetry: StaffDosimetryRepository {
    let store: InMemoryDepartmentStore
    func readings(staffID: UUID?, limit: Int) async throws -> [DosemeterReading] {
        await store.read { state in
            Array(
                state.staffDosimetry.readings.values.filter { staffID == nil || $0.staffID == staffID }
                    .sorted { ($0.periodEnd, $0.recordedAt) > ($1.periodEnd, $1.recordedAt) }.prefix(limit))
        }
    }
    func insert(_ reading: DosemeterReading) async throws {
        try await store.mutate {
            try $0.staffDosimetry.readings.insertNew(reading, key: reading.id, what: "dosemeter reading")
        }
    }
    func investigation(_ id: UUID) async throws -> StaffDoseInvestigation? {
        await store.read { $0.staffDosimetry.investigations[id] }
    }
    func investigations(openOnly: Bool, limit: Int) async throws -> [StaffDoseInvestigation] {
        await store.read { state in
            Array(
                state.staffDosimetry.investigations.values.filter { !openOnly || $0.isOpen }
                    .sorted { ($0.openedAt, $0.id.uuidString) < ($1.openedAt, $1.id.uuidString) }.prefix(limit))
        }
    }
    func insert(_ investigation: StaffDoseInvestigation) async throws {
        try await store.mutate {
            try $0.staffDosimetry.investigations.insertNew(
                investigation, key: investigation.id, what: "staff dose investigation")
        }
    }
    func update(_ investigation: StaffDoseInvestigation) async throws {
        try await store.mutate {
            try $0.staffDosimetry.investigations.replaceExisting(
                investigation, key: investigation.id, what: "staff dose investigation")
        }
    }
    func classifications() async throws -> [ClassifiedWorker] {
        await store.read { state in
            var latest: [UUID: ClassifiedWorker] = [:]
            for change in state.staffDosimetry.classifications { latest[change.staffID] = change }
            return latest.values.sorted { $0.staffName < $1.staffName }
        }
    }
    func insert(_ classification: ClassifiedWorker) async throws {
        await store.mutate { $0.staffDosimetry.classifications.append(classification) }
    }
}
