/// The answer to a DIMSE-N request, PS3.7 §10.
public struct NServiceResponse: Sendable, Equatable {
    public var status: DIMSEStatus
    /// Affected SOP Instance UID (N-CREATE: the one the SCP assigned).
    public var sopInstanceUID: String?
    /// Attribute list / event or action reply, if any.
    public var dataSet: EncodedDataSet?
    /// The response command set as received (empty when built locally).
    public var command: CommandSet
    /// Error Comment (0000,0902) of a failure, at most 64 characters (PS3.7 §C.4).
    public var errorComment: String?
    /// Error ID (0000,0903) of a failure, where the service defines one (e.g. A710H, PS3.4 §F.7.2.2).
    public var errorID: UInt16?

    public init(
        status: DIMSEStatus, sopInstanceUID: String? = nil, dataSet: EncodedDataSet? = nil,
        command: CommandSet = CommandSet(), errorComment: String? = nil, errorID: UInt16? = nil
    ) {
        self.status = status
        self.sopInstanceUID = sopInstanceUID
        self.dataSet = dataSet
        self.command = command
        self.errorComment = errorComment
        self.errorID = errorID
    }
}
