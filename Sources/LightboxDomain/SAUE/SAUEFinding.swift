import Foundation

/// One criterion the classifier weighed: whether it is met, and the arithmetic that decided it, in words a physicist
/// checks by hand ("total 3.2 mSv ≥ 3 mSv (adult): met").
public struct SAUEFinding: Sendable, Codable, Equatable {
    public var criterion: SAUECriterion
    public var met: Bool
    public var arithmetic: String

    public init(criterion: SAUECriterion, met: Bool, arithmetic: String) {
        self.criterion = criterion
        self.met = met
        self.arithmetic = arithmetic
    }
}
