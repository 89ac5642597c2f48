/// An accepted presentation context: what may travel under its ID, PS3.8 §9.3.3.2.
public struct PresentationContext: Sendable, Equatable, Hashable {
    public var id: UInt8
    public var abstractSyntax: String
    public var transferSyntax: String

    public init(id: UInt8, abstractSyntax: String, transferSyntax: String) {
        self.id = id
        self.abstractSyntax = abstractSyntax
        self.transferSyntax = transferSyntax
    }
}
