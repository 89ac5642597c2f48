import Foundation

/// A postal address with its postcode (kept apart: the Diagnostic Imaging Dataset reports it).
public struct PostalAddress: Sendable, Hashable, Codable {
    public var lines: [String]
    public var postcode: String?

    public init(lines: [String], postcode: String? = nil) {
        self.lines = lines
        self.postcode = postcode
    }

    public var isEmpty: Bool {
        lines.allSatisfy { $0.trimmed.isEmpty } && (postcode?.trimmed.isEmpty ?? true)
    }

    /// Same address when the postcodes agree (ignoring spacing) and the first lines agree.
    public func matches(_ other: PostalAddress) -> Bool {
        let postcodesAgree = (postcode?.normalisedForMatching ?? "") == (other.postcode?.normalisedForMatching ?? "")
        let firstLine = lines.first?.normalisedForMatching ?? ""
        let otherFirstLine = other.lines.first?.normalisedForMatching ?? ""
        return postcodesAgree && firstLine == otherFirstLine
    }
}
