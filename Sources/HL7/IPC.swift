/// IPC: imaging procedure control (HL7 v2.5.1 §4.5.6), the DICOM identifiers of a scheduled procedure step.
public struct IPC: Sendable, Hashable {
    public let segment: Segment
    /// IPC-1 accession identifier.
    public var accessionIdentifier: EI?
    /// IPC-2 requested procedure id.
    public var requestedProcedureID: EI?
    /// IPC-3 study instance UID.
    public var studyInstanceUID: EI?
    /// IPC-4 scheduled procedure step id.
    public var scheduledProcedureStepID: EI?
    /// IPC-5 modality (DICOM CID 29, coding system `DCM`).
    public var modality: CE?
    /// IPC-6 protocol code.
    public var protocolCodes: [CE]
    /// IPC-7 scheduled station name.
    public var scheduledStationName: EI?
    /// IPC-8 scheduled procedure step location.
    public var scheduledProcedureStepLocations: [CE]
    /// IPC-9 scheduled station AE title.
    public var scheduledStationAETitle: String?

    public init(_ segment: Segment, strict: Bool = false) throws(HL7Error) {
        let r = try SegmentReader(segment, expecting: "IPC", strict: strict)
        self.segment = segment
        accessionIdentifier = r.one(1, EI.init)
        requestedProcedureID = r.one(2, EI.init)
        studyInstanceUID = r.one(3, EI.init)
        scheduledProcedureStepID = r.one(4, EI.init)
        modality = r.one(5, CE.init)
        protocolCodes = r.each(6, CE.init)
        scheduledStationName = r.one(7, EI.init)
        scheduledProcedureStepLocations = r.each(8, CE.init)
        scheduledStationAETitle = r.text(9)
    }
}
