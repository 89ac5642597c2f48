/// A view of one ER7 element of a segment: a field, or one of its repetitions, components or
/// sub-components (HL7 v2.5.1 §2.5.3). It holds a slice of the message bytes, so taking it copies nothing;
/// splitting and unescaping happen only when a value is asked for.
public struct Field: Sendable, Hashable, CustomStringConvertible {
    /// How deep this element sits; decides which delimiter splits it next.
    public enum Level: UInt8, Sendable, Hashable {
        case field, repetition, component, subcomponent
    }

    /// The raw ER7 bytes of the element, escapes still in place.
    public let bytes: ArraySlice<UInt8>
    public let encoding: EncodingCharacters
    public let characterSet: HL7CharacterSet
    public let level: Level
    /// MSH-1 and MSH-2 hold delimiters themselves and are never split or unescaped.
    let opaque: Bool

    init(
        bytes: ArraySlice<UInt8>, encoding: EncodingCharacters, characterSet: HL7CharacterSet, level: Level,
        opaque: Bool = false
    ) {
        self.bytes = bytes
        self.encoding = encoding
        self.characterSet = characterSet
        self.level = level
        self.opaque = opaque
    }

    /// An element absent from the message.
    static func absent(_ encoding: EncodingCharacters, _ cs: HL7CharacterSet, _ level: Level) -> Field {
        Field(bytes: [], encoding: encoding, characterSet: cs, level: level)
    }

    /// True when nothing is sent (not even the null value `""`).
    public var isEmpty: Bool { bytes.isEmpty }

    /// True for the HL7 explicit null `""` (§2.5.3: "delete the value").
    public var isNull: Bool {
        bytes.count == 2 && bytes.first == UInt8(ascii: "\"") && bytes.last == UInt8(ascii: "\"")
    }

    /// The raw ER7 text, escapes still in place.
    public var raw: String { characterSet.decode(bytes) }

    /// The value with escapes resolved and bytes decoded per MSH-18. Lenient: malformed escapes stay as text.
    public var value: String {
        if opaque { return raw }
        let unescaped = (try? Escaping.unescape(bytes, encoding: encoding)) ?? Array(bytes)
        return characterSet.decode(unescaped)
    }

    /// `value`, or nil when the element is empty or the explicit null `""`.
    public var text: String? {
        if isEmpty || isNull { return nil }
        let v = value
        return v.isEmpty ? nil : v
    }

    /// The value with escapes checked strictly.
    /// - Throws: `.badEscape` for an unterminated or unknown escape sequence.
    public func strictValue() throws(HL7Error) -> String {
        if opaque { return raw }
        return characterSet.decode(try Escaping.unescape(bytes, encoding: encoding, strict: true))
    }

    public var description: String { raw }

    // MARK: Structure

    /// Repetitions of a field (§2.5.3.2); a lower-level element is its own single repetition.
    public var repetitions: [Field] {
        guard level == .field, !opaque else { return [self] }
        if bytes.isEmpty { return [] }
        return split(encoding.repetition).map { child($0, .repetition) }
    }

    /// 1-based repetition; an absent repetition is an empty element.
    public func repetition(_ index: Int) -> Field {
        guard level == .field, !opaque else { return index == 1 ? self : .absent(encoding, characterSet, .repetition) }
        return child(piece(encoding.repetition, index), .repetition)
    }

    /// Components (§2.5.3.3) of the first repetition of a field, or of this repetition.
    public var components: [Field] {
        switch level {
        case .field: return opaque ? [self] : repetition(1).components
        case .repetition:
            if bytes.isEmpty { return [] }
            return split(encoding.component).map { child($0, .component) }
        case .component, .subcomponent: return [self]
        }
    }

    /// 1-based component of the first repetition (HL7's convention when no repetition is named).
    public func component(_ index: Int) -> Field {
        switch level {
        case .field:
            if opaque { return index == 1 ? self : .absent(encoding, characterSet, .component) }
            return repetition(1).component(index)
        case .repetition: return child(piece(encoding.component, index), .component)
        case .component, .subcomponent:
            return index == 1 ? self : .absent(encoding, characterSet, .component)
        }
    }

    /// Sub-components (§2.5.3.4) of the first component, or of this component.
    public var subcomponents: [Field] {
        switch level {
        case .field, .repetition: return component(1).subcomponents
        case .component:
            if bytes.isEmpty { return [] }
            return split(encoding.subcomponent).map { child($0, .subcomponent) }
        case .subcomponent: return [self]
        }
    }

    /// 1-based sub-component.
    public func subcomponent(_ index: Int) -> Field {
        switch level {
        case .field, .repetition: return component(1).subcomponent(index)
        case .component: return child(piece(encoding.subcomponent, index), .subcomponent)
        case .subcomponent: return index == 1 ? self : .absent(encoding, characterSet, .subcomponent)
        }
    }

    private func child(_ slice: ArraySlice<UInt8>, _ level: Level) -> Field {
        Field(bytes: slice, encoding: encoding, characterSet: characterSet, level: level)
    }

    private func split(_ separator: UInt8) -> [ArraySlice<UInt8>] {
        var parts: [ArraySlice<UInt8>] = []
        var start = bytes.startIndex
        var i = start
        while i < bytes.endIndex {
            if bytes[i] == separator {
                parts.append(bytes[start..<i])
                start = i + 1
            }
            i += 1
        }
        parts.append(bytes[start..<bytes.endIndex])
        return parts
    }

    private func piece(_ separator: UInt8, _ index: Int) -> ArraySlice<UInt8> {
        guard index >= 1 else { return bytes[bytes.startIndex..<bytes.startIndex] }
        var n = 1
        var start = bytes.startIndex
        var i = start
        while i < bytes.endIndex {
            if bytes[i] == separator {
                if n == index { return bytes[start..<i] }
                n += 1
                start = i + 1
            }
            i += 1
        }
        return n == index ? bytes[start..<bytes.endIndex] : bytes[bytes.endIndex..<bytes.endIndex]
    }

    public static func == (a: Field, b: Field) -> Bool { a.bytes.elementsEqual(b.bytes) && a.encoding == b.encoding }
    public func hash(into h: inout Hasher) {
        for b in bytes { h.combine(b) }
    }
}

extension Field {
    /// Part `index` of a composite value: components of a field, sub-components of a component.
    /// Lets a data type such as HD be read both as a field (MSH-3) and as a component (CX.4).
    public func part(_ index: Int) -> Field {
        switch level {
        case .field, .repetition: return component(index)
        case .component: return subcomponent(index)
        case .subcomponent: return index == 1 ? self : .absent(encoding, characterSet, .subcomponent)
        }
    }

    /// The part's text (unescaped; nil when empty or `""`).
    func t(_ index: Int) -> String? { part(index).text }
}
