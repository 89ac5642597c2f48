import Foundation

/// A practitioner's written referral/authorisation guideline, by identifier and version (IR(ME)R:
/// an operator authorises under the guideline, the practitioner stays responsible).
public struct GuidelineReference: Sendable, Codable, Equatable {
    public var id: String
    public var version: String

    public init(id: String, version: String) {
        self.id = id
        self.version = version
    }
}
