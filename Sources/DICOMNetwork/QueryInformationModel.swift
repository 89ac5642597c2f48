/// The query information models of PS3.4 Annex C (Q/R) and K (Modality Worklist), with the SOP
/// classes of their FIND, MOVE and GET services.
public enum QueryInformationModel: String, Sendable, CaseIterable {
    case patientRoot
    case studyRoot
    case worklist

    /// C-FIND SOP class, PS3.4 C.6 / K.6.
    public var findSOPClassUID: String {
        switch self {
        case .patientRoot: "1.2.840.10008.5.1.4.1.2.1.1"
        case .studyRoot: "1.2.840.10008.5.1.4.1.2.2.1"
        case .worklist: "1.2.840.10008.5.1.4.31"
        }
    }

    /// C-MOVE SOP class (none for the worklist).
    public var moveSOPClassUID: String? {
        switch self {
        case .patientRoot: "1.2.840.10008.5.1.4.1.2.1.2"
        case .studyRoot: "1.2.840.10008.5.1.4.1.2.2.2"
        case .worklist: nil
        }
    }

    /// C-GET SOP class (none for the worklist).
    public var getSOPClassUID: String? {
        switch self {
        case .patientRoot: "1.2.840.10008.5.1.4.1.2.1.3"
        case .studyRoot: "1.2.840.10008.5.1.4.1.2.2.3"
        case .worklist: nil
        }
    }
}
