import Foundation

/// A research exposure: allowed only with the ethics approval reference and the protocol's dose constraint.
public struct ResearchDetails: Sendable, Codable, Equatable {
    public var ethicsReference: String?
    public var doseConstraintMilliSievert: Double?
    public var protocolName: String?

    public init(ethicsReference: String?, doseConstraintMilliSievert: Double?, protocolName: String? = nil) {
        self.ethicsReference = ethicsReference
        self.doseConstraintMilliSievert = doseConstraintMilliSievert
        self.protocolName = protocolName
    }
}
