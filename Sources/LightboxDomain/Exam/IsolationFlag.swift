import Foundation

/// An exam's patient is on isolation (DOMAIN.md "Infection control"): after their exam the room must be cleaned
/// before its next exam starts.
public struct IsolationFlag: Sendable, Codable, Equatable {
    public var precaution: IsolationPrecaution
    /// What staff need to know ("C. difficile: sporicidal clean").
    public var note: String?
    public var flaggedAt: Date
    public var flaggedBy: String

    public init(precaution: IsolationPrecaution, note: String?, flaggedAt: Date, flaggedBy: String) {
        self.precaution = precaution
        self.note = note
        self.flaggedAt = flaggedAt
        self.flaggedBy = flaggedBy
    }
}
