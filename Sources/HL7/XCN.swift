/// XCN: extended composite id number and name for persons (HL7 v2.5.1 §2.A.89), e.g. ordering provider.
public struct XCN: Sendable, Hashable {
    /// XCN.1 id number.
    public var idNumber: String?
    /// XCN.2.1 family name (surname).
    public var familyName: String?
    /// XCN.3 given name.
    public var givenName: String?
    /// XCN.4 second names or initials.
    public var secondNames: String?
    /// XCN.5 suffix.
    public var suffix: String?
    /// XCN.6 prefix.
    public var prefix: String?
    /// XCN.7 degree.
    public var degree: String?
    /// XCN.9 assigning authority (HD).
    public var assigningAuthority: HD?
    /// XCN.10 name type code.
    public var nameTypeCode: String?
    /// XCN.13 identifier type code (table 0203).
    public var identifierTypeCode: String?

    public init(
        idNumber: String?, familyName: String? = nil, givenName: String? = nil, secondNames: String? = nil,
        suffix: String? = nil, prefix: String? = nil, degree: String? = nil, assigningAuthority: HD? = nil,
        nameTypeCode: String? = nil, identifierTypeCode: String? = nil
    ) {
        self.idNumber = idNumber
        self.familyName = familyName
        self.givenName = givenName
        self.secondNames = secondNames
        self.suffix = suffix
        self.prefix = prefix
        self.degree = degree
        self.assigningAuthority = assigningAuthority
        self.nameTypeCode = nameTypeCode
        self.identifierTypeCode = identifierTypeCode
    }

    public init(_ f: Field) {
        let aa = HD(f.part(9))
        self.init(
            idNumber: f.t(1), familyName: f.part(2).subcomponent(1).text, givenName: f.t(3), secondNames: f.t(4),
            suffix: f.t(5), prefix: f.t(6), degree: f.t(7), assigningAuthority: aa.isEmpty ? nil : aa,
            nameTypeCode: f.t(10), identifierTypeCode: f.t(13))
    }

    public func er7(_ w: ER7Writer) -> String {
        w.joinComponents([
            w.escape(idNumber), w.escape(familyName), w.escape(givenName), w.escape(secondNames), w.escape(suffix),
            w.escape(prefix), w.escape(degree), "", assigningAuthority?.er7(w, nested: true) ?? "",
            w.escape(nameTypeCode), "", "", w.escape(identifierTypeCode),
        ])
    }
}
