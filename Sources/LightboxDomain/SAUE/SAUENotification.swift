import Foundation

/// What is sent to the enforcing authority (CQC's IR(ME)R notification form): the incident, its doses, the category
/// with its arithmetic and the physicist's decision, and nothing that identifies the patient. The patient is an age
/// band (adult or child), never a name, number, date of birth or address; the exam is its type and modality.
public struct SAUENotification: Sendable, Codable, Equatable {
    public var reference: String
    public var occurredOn: CalendarDate
    public var reportedOn: CalendarDate
    public var modality: Modality?
    public var examType: String?
    public var kind: SAUEIncidentKind
    public var kindLabel: String
    /// "adult", "child" or nil when the kind does not depend on it.
    public var ageBand: String?
    public var intendedEffectiveDoseMilliSievert: Double?
    public var totalEffectiveDoseMilliSievert: Double?
    public var interventionalDose: Double?
    public var localDRL: Double?
    public var drlQuantity: String?
    public var tissueEffectsBeyondTransientErythema: Bool
    public var foetalDoseMilliGray: Double?
    /// CQC's notification code and its words.
    public var notificationCode: String
    public var category: SAUECriterion
    public var categoryLabel: String
    /// The classifier's arithmetic, one criterion a line.
    public var arithmetic: [String]
    public var decision: SAUEReview.Decision
    /// The physicist's reason or comment.
    public var reason: String?
    /// The clinical scientist who decided (staff, not the patient).
    public var decidedBy: String
    public var decidedOn: CalendarDate
    public var summary: String

    public init(
        reference: String, occurredOn: CalendarDate, reportedOn: CalendarDate, modality: Modality?, examType: String?,
        kind: SAUEIncidentKind, kindLabel: String, ageBand: String?, intendedEffectiveDoseMilliSievert: Double?,
        totalEffectiveDoseMilliSievert: Double?, interventionalDose: Double?, localDRL: Double?, drlQuantity: String?,
        tissueEffectsBeyondTransientErythema: Bool, foetalDoseMilliGray: Double?, notificationCode: String,
        category: SAUECriterion, categoryLabel: String, arithmetic: [String], decision: SAUEReview.Decision,
        reason: String?, decidedBy: String, decidedOn: CalendarDate, summary: String
    ) {
        self.reference = reference
        self.occurredOn = occurredOn
        self.reportedOn = reportedOn
        self.modality = modality
        self.examType = examType
        self.kind = kind
        self.kindLabel = kindLabel
        self.ageBand = ageBand
        self.intendedEffectiveDoseMilliSievert = intendedEffectiveDoseMilliSievert
        self.totalEffectiveDoseMilliSievert = totalEffectiveDoseMilliSievert
        self.interventionalDose = interventionalDose
        self.localDRL = localDRL
        self.drlQuantity = drlQuantity
        self.tissueEffectsBeyondTransientErythema = tissueEffectsBeyondTransientErythema
        self.foetalDoseMilliGray = foetalDoseMilliGray
        self.notificationCode = notificationCode
        self.category = category
        self.categoryLabel = categoryLabel
        self.arithmetic = arithmetic
        self.decision = decision
        self.reason = reason
        self.decidedBy = decidedBy
        self.decidedOn = decidedOn
        self.summary = summary
    }
}
