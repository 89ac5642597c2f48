/// The states of the DICOM Upper Layer protocol machine, PS3.8 §9.2.1 (Table 9-1).
public enum AssociationState: Int, Sendable, CaseIterable, CustomStringConvertible {
    /// Idle.
    case sta1 = 1
    /// Transport connection open (awaiting A-ASSOCIATE-RQ PDU).
    case sta2
    /// Awaiting local A-ASSOCIATE response primitive.
    case sta3
    /// Awaiting transport connection opening to complete.
    case sta4
    /// Awaiting A-ASSOCIATE-AC or A-ASSOCIATE-RJ PDU.
    case sta5
    /// Association established and ready for data transfer.
    case sta6
    /// Awaiting A-RELEASE-RP PDU.
    case sta7
    /// Awaiting local A-RELEASE response primitive.
    case sta8
    /// Release collision requestor side; awaiting A-RELEASE response primitive.
    case sta9
    /// Release collision acceptor side; awaiting A-RELEASE-RP PDU.
    case sta10
    /// Release collision requestor side; awaiting A-RELEASE-RP PDU.
    case sta11
    /// Release collision acceptor side; awaiting A-RELEASE response primitive.
    case sta12
    /// Awaiting transport connection close indication.
    case sta13

    public var description: String { "Sta\(rawValue)" }
}
