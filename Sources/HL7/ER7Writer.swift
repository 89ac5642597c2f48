/// Assembles raw ER7 values from unescaped parts (HL7 v2.5.1 §2.5.3): escapes each part, joins them
/// with a delimiter and drops trailing empty parts, as §2.5.3 recommends.
public struct ER7Writer: Sendable {
    public let encoding: EncodingCharacters
    public let characterSet: HL7CharacterSet

    public init(encoding: EncodingCharacters = .standard, characterSet: HL7CharacterSet = .utf8) {
        self.encoding = encoding
        self.characterSet = characterSet
    }

    /// One escaped value.
    public func escape(_ value: String?) -> String {
        guard let value, !value.isEmpty else { return "" }
        return Escaping.escape(value, encoding: encoding, characterSet: characterSet)
    }

    /// Escaped parts joined with the component separator.
    public func components(_ parts: [String?]) -> String { join(parts.map { escape($0) }, encoding.component) }

    /// Escaped parts joined with the sub-component separator.
    public func subcomponents(_ parts: [String?]) -> String { join(parts.map { escape($0) }, encoding.subcomponent) }

    /// Already-raw values joined with the repetition separator.
    public func repetitions(_ raws: [String]) -> String { join(raws, encoding.repetition) }

    /// Already-raw values joined with the component separator.
    public func joinComponents(_ raws: [String]) -> String { join(raws, encoding.component) }

    /// Already-raw values joined with the sub-component separator.
    public func joinSubcomponents(_ raws: [String]) -> String { join(raws, encoding.subcomponent) }

    private func join(_ raws: [String], _ separator: UInt8) -> String {
        var parts = raws
        while let last = parts.last, last.isEmpty { parts.removeLast() }
        return parts.joined(separator: String(decoding: [separator], as: UTF8.self))
    }
}
