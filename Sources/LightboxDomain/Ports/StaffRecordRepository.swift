import Foundation

/// Staff records of every kind (`StaffRecord`): training, competencies, supervised practice, CPD, appraisals and
/// notices. Never deleted: a lapse or a sign-off is an update.
public protocol StaffRecordRepository: Sendable {
    func get<R: StaffRecord>(_ type: R.Type, _ id: UUID) async throws -> R?
    /// Records of one kind, of one person or of everyone, newest first, at most `limit`.
    func list<R: StaffRecord>(_ type: R.Type, staffID: UUID?, limit: Int) async throws -> [R]
    /// Records of one kind whose `pendingExpiry` is at or before `moment`, oldest first, at most `limit`.
    func lapsing<R: StaffRecord>(_ type: R.Type, atOrBefore moment: Date, limit: Int) async throws -> [R]
    func insert<R: StaffRecord>(_ record: R) async throws
    func update<R: StaffRecord>(_ record: R) async throws
}
