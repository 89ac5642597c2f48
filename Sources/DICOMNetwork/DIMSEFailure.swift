/// A handler's failure with the status and Error Comment (0000,0902) to answer, PS3.7 §9.1.1.1.9: the
/// C-FIND dispatcher sends them as the final response (after the pending responses already sent)
/// instead of the 0xC000 (unable to process) any other thrown error gets.
public struct DIMSEFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public var status: DIMSEStatus
    /// At most 64 characters are sent.
    public var errorComment: String

    public init(status: DIMSEStatus, errorComment: String) {
        self.status = status
        self.errorComment = errorComment
    }

    public var description: String { errorComment }
}
