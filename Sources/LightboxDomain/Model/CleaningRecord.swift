import Foundation

/// One entry of a room's cleaning log: a turnover clean after a patient, or the clean an isolation patient's exam
/// made due.
public struct CleaningRecord: Sendable, Codable, Equatable, Identifiable {
    public var id: UUID
    public var roomID: UUID
    /// The isolation exam whose clean this was, when the room was waiting for one.
    public var afterExamID: UUID?
    public var precaution: IsolationPrecaution?
    /// What was done ("Chlorine 1,000 ppm, all surfaces, curtains changed").
    public var method: String
    public var cleanedAt: Date
    public var cleanedBy: String
    public var cleanedByStaffID: UUID?

    public init(
        id: UUID, roomID: UUID, afterExamID: UUID?, precaution: IsolationPrecaution?, method: String, cleanedAt: Date,
        cleanedBy: String, cleanedByStaffID: UUID?
    ) {
        self.id = id
        self.roomID = roomID
        self.afterExamID = afterExamID
        self.precaution = precaution
        self.method = method
        self.cleanedAt = cleanedAt
        self.cleanedBy = cleanedBy
        self.cleanedByStaffID = cleanedByStaffID
    }
}
