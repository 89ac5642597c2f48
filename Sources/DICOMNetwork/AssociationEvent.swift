/// The events of the DICOM Upper Layer protocol machine, PS3.8 §9.2.2 (Table 9-2).
public enum AssociationEvent: Int, Sendable, CaseIterable, CustomStringConvertible {
    /// A-ASSOCIATE request (local user).
    case evt1 = 1
    /// Transport connect confirmation (local transport service).
    case evt2
    /// A-ASSOCIATE-AC PDU received.
    case evt3
    /// A-ASSOCIATE-RJ PDU received.
    case evt4
    /// Transport connection indication.
    case evt5
    /// A-ASSOCIATE-RQ PDU received.
    case evt6
    /// A-ASSOCIATE response primitive (accept).
    case evt7
    /// A-ASSOCIATE response primitive (reject).
    case evt8
    /// P-DATA request primitive.
    case evt9
    /// P-DATA-TF PDU received.
    case evt10
    /// A-RELEASE request primitive.
    case evt11
    /// A-RELEASE-RQ PDU received.
    case evt12
    /// A-RELEASE-RP PDU received.
    case evt13
    /// A-RELEASE response primitive.
    case evt14
    /// A-ABORT request primitive.
    case evt15
    /// A-ABORT PDU received.
    case evt16
    /// Transport connection closed indication.
    case evt17
    /// ARTIM timer expired.
    case evt18
    /// Unrecognized or invalid PDU received.
    case evt19

    public var description: String { "Evt\(rawValue)" }

    /// The event a received PDU raises.
    public static func received(_ pdu: PDU) -> AssociationEvent {
        switch pdu {
        case .associateAC: .evt3
        case .associateRJ: .evt4
        case .associateRQ: .evt6
        case .dataTF: .evt10
        case .releaseRQ: .evt12
        case .releaseRP: .evt13
        case .abort: .evt16
        }
    }

    /// The event a local request to send this PDU raises.
    public static func sending(_ pdu: PDU) -> AssociationEvent {
        switch pdu {
        case .associateRQ: .evt2
        case .associateAC: .evt7
        case .associateRJ: .evt8
        case .dataTF: .evt9
        case .releaseRQ: .evt11
        case .releaseRP: .evt14
        case .abort: .evt15
        }
    }
}
