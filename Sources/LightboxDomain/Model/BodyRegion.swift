import Foundation

/// Body regions used by the catalogue, entitlements and referral scopes.
public enum BodyRegion: String, Sendable, Codable, CaseIterable {
    case head, neck, chest, abdomen, pelvis, spine, upperLimb, lowerLimb, breast, wholeBody
}
