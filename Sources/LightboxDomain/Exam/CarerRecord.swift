import Foundation

/// A carer or comforter who knowingly held or supported the patient during the exposure (IR(ME)R):
/// named, consenting, told the risks, with an estimated dose checked against the department's
/// dose constraint.
public struct CarerRecord: Sendable, Codable, Equatable {
    public var name: String
    public var consentGiven: Bool
    public var informedOfRisks: Bool
    public var estimatedDoseMilliSievert: Double?

    public init(name: String, consentGiven: Bool, informedOfRisks: Bool, estimatedDoseMilliSievert: Double?) {
        self.name = name
        self.consentGiven = consentGiven
        self.informedOfRisks = informedOfRisks
        self.estimatedDoseMilliSievert = estimatedDoseMilliSievert
    }
}
