/// Presentation context item of an A-ASSOCIATE-RQ, PS3.8 §9.3.2.2.
public struct PresentationContextRQ: Sendable, Equatable {
    /// Odd integer between 1 and 255.
    public var id: UInt8
    /// Abstract syntax (SOP class UID), PS3.8 §9.3.2.2.1.
    public var abstractSyntax: String
    /// Proposed transfer syntaxes, PS3.8 §9.3.2.2.2.
    public var transferSyntaxes: [String]

    public init(id: UInt8, abstractSyntax: String, transferSyntaxes: [String]) {
        self.id = id
        self.abstractSyntax = abstractSyntax
        self.transferSyntaxes = transferSyntaxes
    }
}
