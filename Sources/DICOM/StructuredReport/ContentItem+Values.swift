extension ContentItem {
    /// The measured value of a NUM item.
    public var measuredValue: MeasuredValue? {
        if case .num(let measured, _) = value { return measured }
        return nil
    }

    /// The number of a NUM item (nil when absent or unreadable).
    public var numericValue: Double? { measuredValue?.value }

    /// The measurement units of a NUM item.
    public var units: CodedEntry? { measuredValue?.units }

    /// The Numeric Value Qualifier (0040,A301) of a NUM item, e.g. "Not a number".
    public var numericQualifier: CodedEntry? {
        if case .num(_, let qualifier) = value { return qualifier }
        return nil
    }

    /// The concept code of a CODE item.
    public var code: CodedEntry? {
        if case .code(let code) = value { return code }
        return nil
    }

    /// The value as text: TEXT, DATETIME, DATE, TIME, UIDREF and PNAME as stored, the meaning of
    /// a CODE, the number of a NUM; nil for the others.
    public var textValue: String? {
        switch value {
        case .text(let text), .dateTime(let text), .date(let text), .time(let text), .uidRef(let text): return text
        case .personName(let name): return name.description
        case .code(let code): return code.meaning
        case .num(let measured, _): return measured?.numericText ?? measured?.value.map { String($0) }
        default: return nil
        }
    }

    /// The referenced object of a COMPOSITE, IMAGE or WAVEFORM item.
    public var referencedSOP: ReferencedSOP? {
        switch value {
        case .composite(let sop), .image(let sop), .waveform(let sop): return sop
        default: return nil
        }
    }

    /// True for a CONTAINER item.
    public var isContainer: Bool {
        if case .container = value { return true }
        return false
    }
}
