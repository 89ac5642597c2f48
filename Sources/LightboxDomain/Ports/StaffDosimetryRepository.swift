import Foundation

/// Personal dosemeter readings, the investigations they open and workers' classifications.
public protocol StaffDosimetryRepository: Sendable {
    /// Readings, newest period first, of one wearer when given, at most `limit`.
    func readings(staffID: UUID?, limit: Int) async throws -> [DosemeterReading]
    func insert(_ reading: DosemeterReading) async throws
    func investigation(_ id: UUID) async throws -> StaffDoseInvestigation?
    /// Investigations, oldest first; only open ones when `openOnly`; at most `limit`.
    func investigations(openOnly: Bool, limit: Int) async throws -> [StaffDoseInvestigation]
    func insert(_ investigation: StaffDoseInvestigation) async throws
    func update(_ investigation: StaffDoseInvestigation) async throws
    /// The classification in force for each member of staff who has one.
    func classifications() async throws -> [ClassifiedWorker]
    /// Records a change of classification (the latest per member of staff is in force).
    func insert(_ classification: ClassifiedWorker) async throws
}
