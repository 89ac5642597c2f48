import Foundation

/// A possible urgent or unexpected finding seen by the operator or the image checker, flagged for
/// the reporter (DOMAIN.md "Urgent and unexpected findings").
public struct FindingFlag: Sendable, Codable, Equatable, Identifiable {
    public var id: UUID
    /// What was seen, in words ("? pneumothorax left apex").
    public var note: String
    /// The category the flagger suggests, if any; the reporter decides the report's category.
    public var suggestedCategory: FindingAlert?
    public var flaggedBy: UUID
    public var at: Date

    public init(id: UUID, note: String, suggestedCategory: FindingAlert?, flaggedBy: UUID, at: Date) {
        self.id = id
        self.note = note
        self.suggestedCategory = suggestedCategory
        self.flaggedBy = flaggedBy
        self.at = at
    }
}
