/// Presentation context item of an A-ASSOCIATE-AC, PS3.8 §9.3.3.2 (Table 9-18).
public struct PresentationContextAC: Sendable, Equatable {
    /// Result/reason field.
    public enum Result: UInt8, Sendable {
        case acceptance = 0
        case userRejection = 1
        /// No reason (provider rejection).
        case noReason = 2
        case abstractSyntaxNotSupported = 3
        case transferSyntaxesNotSupported = 4
    }

    public var id: UInt8
    public var result: Result
    /// The accepted transfer syntax; PS3.8 says it is not significant when rejected.
    public var transferSyntax: String?

    public init(id: UInt8, result: Result, transferSyntax: String?) {
        self.id = id
        self.result = result
        self.transferSyntax = transferSyntax
    }
}
