import Foundation

/// A person's name as held on the record.
public struct PersonName: Sendable, Hashable, Codable {
    public var family: String
    public var given: [String]
    public var prefix: String?

    public init(family: String, given: [String], prefix: String? = nil) {
        self.family = family
        self.given = given
        self.prefix = prefix
    }

    public var isEmpty: Bool { family.trimmed.isEmpty }

    /// "SMITH, John Paul" — the form used on worklists and wristbands.
    public var display: String {
        let givenNames = given.joined(separator: " ")
        return givenNames.isEmpty ? family.uppercased() : "\(family.uppercased()), \(givenNames)"
    }

    /// Same person's name, ignoring case, spacing and titles.
    public func matches(_ other: PersonName) -> Bool {
        family.normalisedForMatching == other.family.normalisedForMatching
            && given.map(\.normalisedForMatching).filter({ !$0.isEmpty }).first
                == other.given.map(\.normalisedForMatching).filter({ !$0.isEmpty }).first
    }
}
