import Foundation

/// The content address of a stored image file: the SHA-256 of its bytes, 64 lower-case hex
/// digits. The folder store keeps the file at `images/ab/cd/<sha256>`; nothing a sender chose
/// is ever part of a path.
public struct ImageKey: Sendable, Hashable, Codable, CustomStringConvertible {
    public let sha256: String

    /// Refuses anything but 64 lower-case hex digits (so a key read back can never name another path).
    public init?(sha256: String) {
        guard sha256.utf8.count == 64,
            sha256.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        else { return nil }
        self.sha256 = sha256
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let key = ImageKey(sha256: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not a SHA-256 image key"))
        }
        self = key
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(sha256)
    }

    public var description: String { sha256 }
}
