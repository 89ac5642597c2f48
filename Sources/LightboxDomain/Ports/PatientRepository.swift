import Foundation

/// Patients. `insert` of an existing id and `update` of a missing one throw.
public protocol PatientRepository: Sendable {
    func get(_ id: UUID) async throws -> Patient?
    func find(nhsNumber: NHSNumber) async throws -> Patient?
    /// The patient holding this hospital number from this issuing authority.
    func find(hospitalNumber: HospitalNumber) async throws -> Patient?
    func search(_ query: PatientQuery) async throws -> [Patient]
    func insert(_ patient: Patient) async throws
    func update(_ patient: Patient) async throws
    /// The patients with these ids, by id (a missing id has no entry), read together: a list's patients
    /// in one query rather than one query each.
    func get(ids: Set<UUID>) async throws -> [UUID: Patient]
}
