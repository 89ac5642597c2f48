/// A location written the way interface engineers write it: `PID-3`, `PID-3[2].4.1`, `OBX[2]-5`,
/// `MSH-9.2` (segment, optional 1-based occurrence, field, optional repetition, component, sub-component;
/// HL7 v2.5.1 §2.5 numbering, MSH-1 being the field separator).
public struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    public var segmentID: String
    public var occurrence: Int
    public var field: Int
    public var repetition: Int?
    public var component: Int?
    public var subcomponent: Int?

    public init(
        segmentID: String, occurrence: Int = 1, field: Int, repetition: Int? = nil, component: Int? = nil,
        subcomponent: Int? = nil
    ) {
        self.segmentID = segmentID
        self.occurrence = occurrence
        self.field = field
        self.repetition = repetition
        self.component = component
        self.subcomponent = subcomponent
    }

    /// Parses a path expression.
    /// - Throws: `.badPath` naming what is wrong.
    public init(_ text: String) throws(HL7Error) {
        var s = Substring(text)
        func fail(_ why: String) -> HL7Error { HL7Error(.badPath, "path '\(text)': \(why)") }
        func number(_ s: inout Substring) -> Int? {
            let digits = s.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, digits.count < 6, let n = Int(digits), n >= 1 else { return nil }
            s = s.dropFirst(digits.count)
            return n
        }
        func bracket(_ s: inout Substring) throws(HL7Error) -> Int? {
            guard let open = s.first, open == "[" || open == "(" else { return nil }
            s = s.dropFirst()
            guard let n = number(&s) else { throw fail("expected a number after '\(open)'") }
            guard let close = s.first, close == (open == "[" ? "]" : ")") else { throw fail("missing closing bracket") }
            s = s.dropFirst()
            return n
        }
        let id = s.prefix(3)
        guard id.count == 3, id.allSatisfy({ ($0.isASCII && $0.isUppercase) || ($0.isASCII && $0.isNumber) }) else {
            throw fail("must start with a 3-character segment id")
        }
        s = s.dropFirst(3)
        let occurrence = try bracket(&s) ?? 1
        guard let dash = s.first, dash == "-" || dash == "." else { throw fail("expected '-' and a field number") }
        s = s.dropFirst()
        guard let field = number(&s) else { throw fail("expected a field number") }
        let repetition = try bracket(&s)
        var component: Int?
        var subcomponent: Int?
        if let dot = s.first, dot == "." || dot == "-" {
            s = s.dropFirst()
            guard let c = number(&s) else { throw fail("expected a component number") }
            component = c
            if let dot2 = s.first, dot2 == "." || dot2 == "-" {
                s = s.dropFirst()
                guard let sc = number(&s) else { throw fail("expected a sub-component number") }
                subcomponent = sc
            }
        }
        guard s.isEmpty else { throw fail("unexpected '\(s)'") }
        self.init(
            segmentID: String(id), occurrence: occurrence, field: field, repetition: repetition,
            component: component, subcomponent: subcomponent)
    }

    public var description: String {
        var s = segmentID
        if occurrence != 1 { s += "[\(occurrence)]" }
        s += "-\(field)"
        if let repetition { s += "[\(repetition)]" }
        if let component { s += ".\(component)" }
        if let subcomponent { s += ".\(subcomponent)" }
        return s
    }
}

extension Message {
    /// The element at `path`, or nil when its segment is absent.
    public func element(at path: FieldPath) -> Field? {
        guard let segment = segment(path.segmentID, occurrence: path.occurrence) else { return nil }
        var f = segment.field(path.field)
        if let r = path.repetition { f = f.repetition(r) }
        if let c = path.component { f = f.component(c) }
        if let sc = path.subcomponent { f = f.subcomponent(sc) }
        return f
    }

    /// The unescaped value at a path such as `PID-3[2].4.1`; nil when absent, empty, `""` or the path is
    /// malformed (use `element(at:)` with a `FieldPath` to see path errors).
    public subscript(path: String) -> String? {
        guard let p = try? FieldPath(path) else { return nil }
        return element(at: p)?.text
    }
}
