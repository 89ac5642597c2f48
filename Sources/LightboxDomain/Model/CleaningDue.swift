import Foundation

/// A room that must be cleaned before its next exam starts, because an isolation patient's exam was done there
/// (DOMAIN.md "Infection control": "room cleaning/turnover logged after each patient on isolation").
public struct CleaningDue: Sendable, Codable, Equatable {
    /// The isolation patient's exam.
    public var examID: UUID
    public var accessionNumber: String
    public var precaution: IsolationPrecaution
    public var since: Date

    public init(examID: UUID, accessionNumber: String, precaution: IsolationPrecaution, since: Date) {
        self.examID = examID
        self.accessionNumber = accessionNumber
        self.precaution = precaution
        self.since = since
    }
}
