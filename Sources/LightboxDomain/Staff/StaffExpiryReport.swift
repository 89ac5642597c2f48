import Foundation

/// What one run of the staff expiry job did.
public struct StaffExpiryReport: Sendable, Codable, Equatable {
    /// Training records, competencies and registrations whose lapse was applied.
    public var lapses: [String]
    /// Entitlements removed because what they rested on lapsed.
    public var revokedEntitlements: [UUID]
    /// Notices written (to the person and to the managers).
    public var notices: Int

    public init(lapses: [String] = [], revokedEntitlements: [UUID] = [], notices: Int = 0) {
        self.lapses = lapses
        self.revokedEntitlements = revokedEntitlements
        self.notices = notices
    }
}
