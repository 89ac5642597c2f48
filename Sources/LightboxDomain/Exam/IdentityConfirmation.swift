import Foundation

/// The identity part of Pause and Check: which identifiers were confirmed, how, by whom and with whom.
public struct IdentityConfirmation: Sendable, Codable, Equatable {
    public var identifiers: [PatientIdentifierKind]
    public var methods: [IdentityMethod]
    /// Staff member who confirmed; the person recording when not given.
    public var confirmedBy: UUID?
    /// Who answered: "patient", "parent", "carer", "interpreter"...
    public var confirmedWith: String?

    public init(
        identifiers: [PatientIdentifierKind], methods: [IdentityMethod], confirmedBy: UUID? = nil,
        confirmedWith: String? = nil
    ) {
        self.identifiers = identifiers
        self.methods = methods
        self.confirmedBy = confirmedBy
        self.confirmedWith = confirmedWith
    }
}
