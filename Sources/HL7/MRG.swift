/// MRG: merge patient information (HL7 v2.5.1 §3.4.9), the identifiers being merged away.
public struct MRG: Sendable, Hashable {
    public let segment: Segment
    /// MRG-1 prior patient identifier list.
    public var priorPatientIdentifierList: [CX]
    /// MRG-2 prior alternate patient id.
    public var priorAlternatePatientIDs: [CX]
    /// MRG-3 prior patient account number.
    public var priorPatientAccountNumber: CX?
    /// MRG-4 prior patient id (backward compatible).
    public var priorPatientID: CX?
    /// MRG-5 prior visit number.
    public var priorVisitNumber: CX?
    /// MRG-6 prior alternate visit id.
    public var priorAlternateVisitID: CX?
    /// MRG-7 prior patient name.
    public var priorPatientNames: [XPN]

    public init(_ segment: Segment, strict: Bool = false) throws(HL7Error) {
        let r = try SegmentReader(segment, expecting: "MRG", strict: strict)
        self.segment = segment
        priorPatientIdentifierList = r.each(1, CX.init)
        priorAlternatePatientIDs = r.each(2, CX.init)
        priorPatientAccountNumber = r.one(3, CX.init)
        priorPatientID = r.one(4, CX.init)
        priorVisitNumber = r.one(5, CX.init)
        priorAlternateVisitID = r.one(6, CX.init)
        priorPatientNames = r.each(7, XPN.init)
    }
}
