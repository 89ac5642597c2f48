/// XPN: extended person name (HL7 v2.5.1 §2.A.88).
public struct XPN: Sendable, Hashable {
    /// XPN.1.1 surname (FN.1).
    public var familyName: String?
    /// XPN.2 given name.
    public var givenName: String?
    /// XPN.3 second and further given names or initials.
    public var secondNames: String?
    /// XPN.4 suffix, e.g. `JR`.
    public var suffix: String?
    /// XPN.5 prefix, e.g. `DR`.
    public var prefix: String?
    /// XPN.6 degree (deprecated).
    public var degree: String?
    /// XPN.7 name type code (table 0200), e.g. `L` legal.
    public var nameTypeCode: String?

    public init(
        familyName: String?, givenName: String? = nil, secondNames: String? = nil, suffix: String? = nil,
        prefix: String? = nil, degree: String? = nil, nameTypeCode: String? = nil
    ) {
        self.familyName = familyName
        self.givenName = givenName
        self.secondNames = secondNames
        self.suffix = suffix
        self.prefix = prefix
        self.degree = degree
        self.nameTypeCode = nameTypeCode
    }

    public init(_ f: Field) {
        self.init(
            familyName: f.part(1).subcomponent(1).text, givenName: f.t(2), secondNames: f.t(3), suffix: f.t(4),
            prefix: f.t(5), degree: f.t(6), nameTypeCode: f.t(7))
    }

    public func er7(_ w: ER7Writer) -> String {
        w.components([familyName, givenName, secondNames, suffix, prefix, degree, nameTypeCode])
    }
}
