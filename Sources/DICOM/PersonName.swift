/// A person name (PN): up to three component groups, each with five components. PS3.5 §6.2.1.
public struct PersonName: Sendable, Hashable, CustomStringConvertible {
    /// One component group: family, given, middle, prefix, suffix. PS3.5 §6.2.1.1.
    public struct Components: Sendable, Hashable {
        public var familyName: String
        public var givenName: String
        public var middleName: String
        public var namePrefix: String
        public var nameSuffix: String

        /// Creates a component group.
        public init(
            familyName: String = "", givenName: String = "", middleName: String = "", namePrefix: String = "",
            nameSuffix: String = ""
        ) {
            self.familyName = familyName
            self.givenName = givenName
            self.middleName = middleName
            self.namePrefix = namePrefix
            self.nameSuffix = nameSuffix
        }

        /// Parses `Family^Given^Middle^Prefix^Suffix`.
        public init(_ text: String) {
            let parts = text.split(separator: "^", omittingEmptySubsequences: false).map(String.init)
            func part(_ index: Int) -> String { index < parts.count ? parts[index] : "" }
            self.init(
                familyName: part(0), givenName: part(1), middleName: part(2), namePrefix: part(3),
                nameSuffix: part(4))
        }

        /// `Family^Given^Middle^Prefix^Suffix` without trailing empty components.
        public var formatted: String {
            var parts = [familyName, givenName, middleName, namePrefix, nameSuffix]
            while let last = parts.last, last.isEmpty { parts.removeLast() }
            return parts.joined(separator: "^")
        }

        /// True when every component is empty.
        public var isEmpty: Bool { formatted.isEmpty }
    }

    /// Alphabetic representation (single-byte characters).
    public var alphabetic: Components
    /// Ideographic representation (e.g. Kanji, Hanja).
    public var ideographic: Components
    /// Phonetic representation (e.g. Hiragana, Hangul).
    public var phonetic: Components

    /// Creates a person name from its groups.
    public init(alphabetic: Components = .init(), ideographic: Components = .init(), phonetic: Components = .init()) {
        self.alphabetic = alphabetic
        self.ideographic = ideographic
        self.phonetic = phonetic
    }

    /// Parses a decoded PN value: `Yamada^Tarou=山田^太郎=やまだ^たろう`.
    public init(_ text: String) {
        let groups = text.split(separator: "=", omittingEmptySubsequences: false).map(String.init)
        self.init(
            alphabetic: Components(groups.first ?? ""),
            ideographic: Components(groups.count > 1 ? groups[1] : ""),
            phonetic: Components(groups.count > 2 ? groups[2] : ""))
    }

    /// The value as written in DICOM, without trailing empty groups.
    public var description: String {
        var groups = [alphabetic.formatted, ideographic.formatted, phonetic.formatted]
        while let last = groups.last, last.isEmpty { groups.removeLast() }
        return groups.joined(separator: "=")
    }
}
