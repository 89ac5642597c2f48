/// The answer to a DIMSE-N request, PS3.7 §10.
public struct NServiceResponse: Sendable, Equatable {
    public var status: DIMSEStatus
    /// Affected SOP Instance UID (N-CREATE: the one the SCP assigned).
    public var sopInstanceUID: String?
    /// Attribute list / event or action reply, if any.
    public var dataSet: EncodedDataSet?
    /// The response command set as received (empty when built locally).
    public var command: CommandSet

    public init(
        status: DIMSEStatus, sopInstanceUID: String? = nil, dataSet: EncodedDataSet? = nil,
        command: CommandSet = CommandSet()
    ) {
        self.status = status
        self.sopInstanceUID = sopInstanceUID
        self.dataSet = dataSet
        self.command = command
    }
}
