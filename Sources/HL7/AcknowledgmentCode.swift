/// Table 0008 acknowledgment codes (HL7 v2.5.1 §2.15.8.1, §2.9 original and enhanced modes).
public enum AcknowledgmentCode: String, Sendable, Hashable, CaseIterable {
    /// Original mode: application accept.
    case AA
    /// Original mode: application error.
    case AE
    /// Original mode: application reject.
    case AR
    /// Enhanced mode: commit accept.
    case CA
    /// Enhanced mode: commit error.
    case CE
    /// Enhanced mode: commit reject.
    case CR

    /// True for AA and CA.
    public var isAccept: Bool { self == .AA || self == .CA }
}
