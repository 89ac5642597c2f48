import Foundation

/// A projection (radiography) or series (CT) acquired, with how many images.
public struct PerformedProjection: Sendable, Codable, Equatable {
    public var name: String
    public var images: Int

    public init(name: String, images: Int = 1) {
        self.name = name
        self.images = images
    }
}
