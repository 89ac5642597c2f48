import Foundation

/// The department's mandatory training (DOMAIN.md, Department operations: Staff), each renewed before its expiry.
public enum MandatoryTraining: String, Sendable, Codable, CaseIterable {
    case manualHandling = "manual-handling"
    case basicLifeSupport = "basic-life-support"
    case infectionControl = "infection-control"
    case safeguarding
    case informationGovernance = "information-governance"
    /// IR(ME)R 2017 reg. 17: practitioners and operators must be adequately trained.
    case irmer

    /// Words for pages and messages.
    public var label: String {
        switch self {
        case .manualHandling: "Manual handling"
        case .basicLifeSupport: "Basic life support"
        case .infectionControl: "Infection control"
        case .safeguarding: "Safeguarding"
        case .informationGovernance: "Information governance"
        case .irmer: "IR(ME)R"
        }
    }

    /// The duties this training underpins: when it lapses, the holder's entitlements to them are removed.
    /// IR(ME)R 2017 reg. 17 requires IR(ME)R training for every practitioner and operator duty; an operator
    /// gives contrast and must be able to respond to a reaction, so basic life support underpins performing.
    /// The other courses are conditions of employment followed up by the manager, not of an entitlement.
    public var underpinnedDuties: Set<Duty> {
        switch self {
        case .irmer: [.justify, .authorise, .operate, .checkImages, .report]
        case .basicLifeSupport: [.operate]
        case .manualHandling, .infectionControl, .safeguarding, .informationGovernance: []
        }
    }
}
