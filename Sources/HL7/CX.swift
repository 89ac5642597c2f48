/// CX: extended composite id with check digit (HL7 v2.5.1 §2.A.17), e.g. a patient identifier in PID-3.
public struct CX: Sendable, Hashable {
    /// CX.1 id number.
    public var idNumber: String?
    /// CX.2 check digit.
    public var checkDigit: String?
    /// CX.3 check digit scheme (table 0061).
    public var checkDigitScheme: String?
    /// CX.4 assigning authority (HD; sub-components).
    public var assigningAuthority: HD?
    /// CX.5 identifier type code (table 0203), e.g. `MR`.
    public var identifierTypeCode: String?
    /// CX.6 assigning facility (HD).
    public var assigningFacility: HD?
    /// CX.7 effective date (DT).
    public var effectiveDate: String?
    /// CX.8 expiration date (DT).
    public var expirationDate: String?

    public init(
        idNumber: String?, checkDigit: String? = nil, checkDigitScheme: String? = nil, assigningAuthority: HD? = nil,
        identifierTypeCode: String? = nil, assigningFacility: HD? = nil, effectiveDate: String? = nil,
        expirationDate: String? = nil
    ) {
        self.idNumber = idNumber
        self.checkDigit = checkDigit
        self.checkDigitScheme = checkDigitScheme
        self.assigningAuthority = assigningAuthority
        self.identifierTypeCode = identifierTypeCode
        self.assigningFacility = assigningFacility
        self.effectiveDate = effectiveDate
        self.expirationDate = expirationDate
    }

    /// Reads a CX from a field repetition.
    public init(_ f: Field) {
        let aa = HD(f.part(4))
        let fac = HD(f.part(6))
        self.init(
            idNumber: f.t(1), checkDigit: f.t(2), checkDigitScheme: f.t(3), assigningAuthority: aa.isEmpty ? nil : aa,
            identifierTypeCode: f.t(5), assigningFacility: fac.isEmpty ? nil : fac, effectiveDate: f.t(7),
            expirationDate: f.t(8))
    }

    public func er7(_ w: ER7Writer) -> String {
        w.joinComponents([
            w.escape(idNumber), w.escape(checkDigit), w.escape(checkDigitScheme),
            assigningAuthority?.er7(w, nested: true) ?? "", w.escape(identifierTypeCode),
            assigningFacility?.er7(w, nested: true) ?? "", w.escape(effectiveDate), w.escape(expirationDate),
        ])
    }
}
