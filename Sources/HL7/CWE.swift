/// CWE: coded with exceptions (HL7 v2.5.1 §2.A.13). CE (§2.A.8) is its first six components.
public struct CWE: Sendable, Hashable {
    /// .1 identifier (code).
    public var identifier: String?
    /// .2 text.
    public var text: String?
    /// .3 name of coding system (table 0396), e.g. `LN`.
    public var nameOfCodingSystem: String?
    /// .4 alternate identifier.
    public var alternateIdentifier: String?
    /// .5 alternate text.
    public var alternateText: String?
    /// .6 name of alternate coding system.
    public var nameOfAlternateCodingSystem: String?
    /// .7 coding system version id (CWE only).
    public var codingSystemVersionID: String?
    /// .9 original text (CWE only).
    public var originalText: String?

    public init(
        identifier: String?, text: String? = nil, nameOfCodingSystem: String? = nil,
        alternateIdentifier: String? = nil, alternateText: String? = nil, nameOfAlternateCodingSystem: String? = nil,
        codingSystemVersionID: String? = nil, originalText: String? = nil
    ) {
        self.identifier = identifier
        self.text = text
        self.nameOfCodingSystem = nameOfCodingSystem
        self.alternateIdentifier = alternateIdentifier
        self.alternateText = alternateText
        self.nameOfAlternateCodingSystem = nameOfAlternateCodingSystem
        self.codingSystemVersionID = codingSystemVersionID
        self.originalText = originalText
    }

    public init(_ f: Field) {
        self.init(
            identifier: f.t(1), text: f.t(2), nameOfCodingSystem: f.t(3), alternateIdentifier: f.t(4),
            alternateText: f.t(5), nameOfAlternateCodingSystem: f.t(6), codingSystemVersionID: f.t(7),
            originalText: f.t(9))
    }

    /// nil when the field is empty.
    public init?(ifPresent f: Field) {
        guard !f.isEmpty else { return nil }
        self.init(f)
    }

    public func er7(_ w: ER7Writer) -> String {
        w.components([
            identifier, text, nameOfCodingSystem, alternateIdentifier, alternateText, nameOfAlternateCodingSystem,
            codingSystemVersionID, nil, originalText,
        ])
    }
}

/// CE: coded element (HL7 v2.5.1 §2.A.8); read with the same structure as CWE.
public typealias CE = CWE
