import Foundation

/// One rejected image, its reason and whether it was repeated.
public struct ImageReject: Sendable, Codable, Equatable {
    public var projection: String
    public var reason: RejectReason
    public var repeated: Bool
    public var note: String?

    public init(projection: String, reason: RejectReason, repeated: Bool, note: String? = nil) {
        self.projection = projection
        self.reason = reason
        self.repeated = repeated
        self.note = note
    }
}
