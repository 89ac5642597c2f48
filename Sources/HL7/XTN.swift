/// XTN: extended telecommunication number (HL7 v2.5.1 §2.A.90), reduced to what a RIS shows.
public struct XTN: Sendable, Hashable {
    /// XTN.1 telephone number in free form (deprecated in 2.5.1 but what most senders fill).
    public var telephoneNumber: String?
    /// XTN.2 telecommunication use code (table 0201), e.g. `PRN`.
    public var useCode: String?
    /// XTN.3 equipment type (table 0202), e.g. `PH`, `Internet`.
    public var equipmentType: String?
    /// XTN.4 email address.
    public var emailAddress: String?
    /// XTN.12 unformatted telephone number.
    public var unformattedNumber: String?

    public init(_ f: Field) {
        telephoneNumber = f.t(1)
        useCode = f.t(2)
        equipmentType = f.t(3)
        emailAddress = f.t(4)
        unformattedNumber = f.t(12)
    }
}
