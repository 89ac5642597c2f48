/// The final answer of a DIMSE operation.
public struct DIMSEResult: Sendable, Equatable {
    /// The response's status.
    public var status: DIMSEStatus
    /// The whole response command set (error comment, offending elements, counts…).
    public var command: CommandSet
    /// C-MOVE/C-GET sub-operation counts of the final response.
    public var counts: SubOperationCounts { command.subOperationCounts }

    public init(status: DIMSEStatus, command: CommandSet) {
        self.status = status
        self.command = command
    }
}
