/// XON: extended composite name and identification number for organizations (HL7 v2.5.1 §2.A.92).
public struct XON: Sendable, Hashable {
    /// XON.1 organization name.
    public var organizationName: String?
    /// XON.2 organization name type code (table 0204).
    public var organizationNameTypeCode: String?
    /// XON.6 assigning authority.
    public var assigningAuthority: HD?
    /// XON.7 identifier type code (table 0203).
    public var identifierTypeCode: String?
    /// XON.10 organization identifier (XON.3, deprecated, when XON.10 is empty).
    public var organizationIdentifier: String?

    public init(_ f: Field) {
        organizationName = f.t(1)
        organizationNameTypeCode = f.t(2)
        let aa = HD(f.part(6))
        assigningAuthority = aa.isEmpty ? nil : aa
        identifierTypeCode = f.t(7)
        organizationIdentifier = f.t(10) ?? f.t(3)
    }
}
