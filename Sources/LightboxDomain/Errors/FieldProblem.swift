import Foundation

/// One missing or wrong item of a command: the field path (`identifiers.nhsNumber`,
/// `pauseAndCheck.pregnancy.override`) and what is wrong, in words a radiographer understands.
public struct FieldProblem: Sendable, Codable, Equatable, Hashable {
    public var field: String
    public var problem: String
    /// The error code this item belongs to, when it is more specific than the error's own code.
    public var code: DomainError.Code?

    public init(_ field: String, _ problem: String, code: DomainError.Code? = nil) {
        self.field = field
        self.problem = problem
        self.code = code
    }
}
