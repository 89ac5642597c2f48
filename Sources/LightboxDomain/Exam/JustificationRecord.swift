import Foundation

/// Who justified (or authorised) the exposure, how and when.
public struct JustificationRecord: Sendable, Codable, Equatable {
    public var decision: JustificationDecision
    public var staffID: UUID
    public var entitlementID: UUID
    /// Set when an operator authorised under a guideline rather than a practitioner justifying.
    public var guideline: GuidelineReference?
    public var note: String?
    /// The exam requested before the practitioner changed it.
    public var originalExamCode: String?
    public var at: Date

    public init(
        decision: JustificationDecision, staffID: UUID, entitlementID: UUID, guideline: GuidelineReference?,
        note: String?, originalExamCode: String?, at: Date
    ) {
        self.decision = decision
        self.staffID = staffID
        self.entitlementID = entitlementID
        self.guideline = guideline
        self.note = note
        self.originalExamCode = originalExamCode
        self.at = at
    }
}
