/// OBX: observation/result (HL7 v2.5.1 §7.4.2).
public struct OBX: Sendable, Hashable {
    public let segment: Segment
    /// OBX-1 set id.
    public var setID: Int?
    /// OBX-2 value type (table 0125): `TX`, `FT`, `ST`, `NM`, `CE`, `ED`, `RP`...
    public var valueType: String?
    /// OBX-3 observation identifier.
    public var observationIdentifier: CE?
    /// OBX-4 observation sub-id.
    public var observationSubID: String?
    /// OBX-5 observation value, one element per repetition (its raw structure depends on OBX-2).
    public var observationValue: [Field]
    /// OBX-6 units.
    public var units: CE?
    /// OBX-7 references range.
    public var referencesRange: String?
    /// OBX-8 abnormal flags (table 0078).
    public var abnormalFlags: [String]
    /// OBX-11 observation result status (table 0085): `F`, `P`, `C`, `X`, `D`, `W`...
    public var observationResultStatus: String?
    /// OBX-14 date/time of the observation.
    public var dateTimeOfObservation: DTM?
    /// OBX-15 producer's id.
    public var producersID: CE?
    /// OBX-16 responsible observer.
    public var responsibleObservers: [XCN]
    /// OBX-19 date/time of the analysis.
    public var dateTimeOfAnalysis: DTM?

    public init(_ segment: Segment, strict: Bool = false) throws(HL7Error) {
        let r = try SegmentReader(segment, expecting: "OBX", strict: strict)
        self.segment = segment
        setID = try r.int(1)
        valueType = r.text(2)
        observationIdentifier = r.one(3, CE.init)
        observationSubID = r.text(4)
        observationValue = segment.field(5).repetitions
        units = r.one(6, CE.init)
        referencesRange = r.text(7)
        abnormalFlags = r.texts(8)
        observationResultStatus = r.text(11)
        dateTimeOfObservation = try r.dtm(14)
        producersID = r.one(15, CE.init)
        responsibleObservers = r.each(16, XCN.init)
        dateTimeOfAnalysis = try r.dtm(19)
    }

    /// OBX-5 as text: for TX/FT/ST/TS/NM the repetitions' values joined by line feeds; for coded and
    /// composite types the first repetition's first component.
    public var valueText: String {
        switch valueType {
        case "TX", "FT", "ST", "NM", "TS", "DT", "TM", "SN", nil:
            return observationValue.map(\.value).joined(separator: "\n")
        default:
            return observationValue.first?.component(1).value ?? ""
        }
    }
}
