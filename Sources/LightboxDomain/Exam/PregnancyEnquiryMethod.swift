import Foundation

/// How the pregnancy question was put (IR(ME)R employer's procedure; RCR/SoR pregnancy enquiry
/// guidance): recorded so an auditor can tell a direct, private question from one asked through
/// someone else.
public enum PregnancyEnquiryMethod: String, Sendable, Codable, CaseIterable {
    /// Asked the patient directly and in private.
    case direct
    /// Asked through a professional interpreter.
    case interpreter
    /// Asked through a parent or guardian (a child), with the child asked privately where appropriate.
    case parentOrGuardian
    /// The patient answered a written questionnaire that the operator then confirmed.
    case writtenQuestionnaire
}
