import Foundation

/// What a referrer may request: everything, or exams covered by any of the rules
/// (a GP: plain radiography; an ED practitioner: DX of the limbs and chest).
public struct ReferralScope: Sendable, Codable, Equatable {
    public var unrestricted: Bool
    public var rules: [ExamScope]

    public init(unrestricted: Bool = false, rules: [ExamScope] = []) {
        self.unrestricted = unrestricted
        self.rules = rules
    }

    public static let everything = ReferralScope(unrestricted: true)

    public func covers(_ entry: CatalogueEntry) -> Bool {
        unrestricted || rules.contains { $0.covers(entry) }
    }
}
