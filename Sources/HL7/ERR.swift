/// ERR: error (HL7 v2.5.1 §2.15.5).
public struct ERR: Sendable, Hashable {
    public let segment: Segment
    /// ERR-1 error code and location (ELD, backward compatible; used before v2.5).
    public var errorCodeAndLocation: [String]
    /// ERR-2 error location(s).
    public var errorLocations: [ErrorLocation]
    /// ERR-3 HL7 error code (CWE, table 0357).
    public var hl7ErrorCode: CWE?
    /// ERR-4 severity (table 0516): `E` error, `W` warning, `I` information.
    public var severity: String?
    /// ERR-5 application error code.
    public var applicationErrorCode: CWE?
    /// ERR-7 diagnostic information.
    public var diagnosticInformation: String?
    /// ERR-8 user message.
    public var userMessage: String?

    public init(_ segment: Segment, strict: Bool = false) throws(HL7Error) {
        let r = try SegmentReader(segment, expecting: "ERR", strict: strict)
        self.segment = segment
        errorCodeAndLocation = segment.field(1).repetitions.map(\.raw).filter { !$0.isEmpty }
        errorLocations = r.each(2) { f in
            ErrorLocation(
                segmentID: f.component(1).value, segmentSequence: Int(f.component(2).value) ?? 1,
                field: Int(f.component(3).value), fieldRepetition: Int(f.component(4).value),
                component: Int(f.component(5).value), subcomponent: Int(f.component(6).value))
        }
        hl7ErrorCode = r.one(3, CWE.init)
        severity = r.text(4)
        applicationErrorCode = r.one(5, CWE.init)
        diagnosticInformation = r.text(7)
        userMessage = r.text(8)
    }

    /// ERR-3.1 as a table 0357 code, when it is one.
    public var condition: HL7ErrorCondition? {
        hl7ErrorCode?.identifier.flatMap(Int.init).flatMap(HL7ErrorCondition.init(rawValue:))
    }
}
