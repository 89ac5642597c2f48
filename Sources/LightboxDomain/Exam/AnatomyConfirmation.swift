import Foundation

/// Correct anatomy and side, confirmed against the request.
public struct AnatomyConfirmation: Sendable, Codable, Equatable {
    public var bodyPartConfirmed: Bool
    /// The side confirmed with the patient; must equal the requested side when the exam has one.
    public var side: Laterality?

    public init(bodyPartConfirmed: Bool, side: Laterality? = nil) {
        self.bodyPartConfirmed = bodyPartConfirmed
        self.side = side
    }
}
