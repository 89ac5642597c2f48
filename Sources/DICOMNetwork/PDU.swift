import NIOCore

/// A DICOM Upper Layer protocol data unit, PS3.8 §9.3.
public enum PDU: Sendable, Equatable {
    /// A-ASSOCIATE-RQ, PS3.8 §9.3.2.
    case associateRQ(AAssociateRQ)
    /// A-ASSOCIATE-AC, PS3.8 §9.3.3.
    case associateAC(AAssociateAC)
    /// A-ASSOCIATE-RJ, PS3.8 §9.3.4.
    case associateRJ(AAssociateRJ)
    /// P-DATA-TF, PS3.8 §9.3.5.
    case dataTF(PDataTF)
    /// A-RELEASE-RQ, PS3.8 §9.3.6.
    case releaseRQ
    /// A-RELEASE-RP, PS3.8 §9.3.7.
    case releaseRP
    /// A-ABORT, PS3.8 §9.3.8.
    case abort(AAbort)

    /// The PDU type byte.
    public var type: PDUType {
        switch self {
        case .associateRQ: .associateRQ
        case .associateAC: .associateAC
        case .associateRJ: .associateRJ
        case .dataTF: .dataTF
        case .releaseRQ: .releaseRQ
        case .releaseRP: .releaseRP
        case .abort: .abort
        }
    }
}
