import Foundation

/// The pregnancy enquiry: the question asked, the answer, who asked, and (for high-dose exams) the
/// first day of the last menstrual period.
public struct PregnancyEnquiry: Sendable, Codable, Equatable {
    public static let standardQuestion = "Are you, or might you be, pregnant?"

    public var question: String
    /// How the question was asked (required whenever the enquiry is).
    public var method: PregnancyEnquiryMethod?
    public var answer: PregnancyAnswer?
    /// Staff member who asked; the person recording when not given.
    public var askedBy: UUID?
    public var lastMenstrualPeriod: CalendarDate?
    /// Asked for nuclear medicine, where a radiopharmaceutical reaches breast milk.
    public var breastfeeding: Bool?
    public var override: PregnancyOverride?

    public init(
        question: String = PregnancyEnquiry.standardQuestion, method: PregnancyEnquiryMethod?,
        answer: PregnancyAnswer?, askedBy: UUID? = nil, lastMenstrualPeriod: CalendarDate? = nil,
        breastfeeding: Bool? = nil, override: PregnancyOverride? = nil
    ) {
        self.method = method
        self.question = question
        self.answer = answer
        self.askedBy = askedBy
        self.lastMenstrualPeriod = lastMenstrualPeriod
        self.breastfeeding = breastfeeding
        self.override = override
    }
}
