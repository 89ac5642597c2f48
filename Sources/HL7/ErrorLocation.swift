/// ERL data type: where an error is (HL7 v2.5.1 §2.A.26), used in ERR-2.
public struct ErrorLocation: Sendable, Hashable, CustomStringConvertible {
    /// ERL.1 segment id, e.g. `PID`.
    public var segmentID: String
    /// ERL.2 segment sequence: 1-based occurrence of the segment in the message.
    public var segmentSequence: Int
    /// ERL.3 field position (1-based); nil when the whole segment is meant.
    public var field: Int?
    /// ERL.4 field repetition (1-based).
    public var fieldRepetition: Int?
    /// ERL.5 component number (1-based).
    public var component: Int?
    /// ERL.6 sub-component number (1-based).
    public var subcomponent: Int?

    public init(
        segmentID: String, segmentSequence: Int = 1, field: Int? = nil, fieldRepetition: Int? = nil,
        component: Int? = nil, subcomponent: Int? = nil
    ) {
        self.segmentID = segmentID
        self.segmentSequence = segmentSequence
        self.field = field
        self.fieldRepetition = fieldRepetition
        self.component = component
        self.subcomponent = subcomponent
    }

    public var description: String {
        var s = segmentID
        if segmentSequence != 1 { s += "[\(segmentSequence)]" }
        if let field {
            s += "-\(field)"
            if let fieldRepetition, fieldRepetition != 1 { s += "[\(fieldRepetition)]" }
            if let component { s += ".\(component)" }
            if let subcomponent { s += ".\(subcomponent)" }
        }
        return s
    }
}
