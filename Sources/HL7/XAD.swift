/// XAD: extended address (HL7 v2.5.1 §2.A.87).
public struct XAD: Sendable, Hashable {
    /// XAD.1.1 street or mailing address.
    public var streetAddress: String?
    /// XAD.2 other designation (apartment, suite).
    public var otherDesignation: String?
    /// XAD.3 city.
    public var city: String?
    /// XAD.4 state or province.
    public var stateOrProvince: String?
    /// XAD.5 zip or postal code.
    public var zipOrPostalCode: String?
    /// XAD.6 country (ISO 3166).
    public var country: String?
    /// XAD.7 address type (table 0190), e.g. `H` home.
    public var addressType: String?
    /// XAD.8 other geographic designation.
    public var otherGeographicDesignation: String?
    /// XAD.9 county/parish code.
    public var countyParishCode: String?

    public init(
        streetAddress: String? = nil, otherDesignation: String? = nil, city: String? = nil,
        stateOrProvince: String? = nil, zipOrPostalCode: String? = nil, country: String? = nil,
        addressType: String? = nil, otherGeographicDesignation: String? = nil, countyParishCode: String? = nil
    ) {
        self.streetAddress = streetAddress
        self.otherDesignation = otherDesignation
        self.city = city
        self.stateOrProvince = stateOrProvince
        self.zipOrPostalCode = zipOrPostalCode
        self.country = country
        self.addressType = addressType
        self.otherGeographicDesignation = otherGeographicDesignation
        self.countyParishCode = countyParishCode
    }

    public init(_ f: Field) {
        self.init(
            streetAddress: f.part(1).subcomponent(1).text, otherDesignation: f.t(2), city: f.t(3),
            stateOrProvince: f.t(4), zipOrPostalCode: f.t(5), country: f.t(6), addressType: f.t(7),
            otherGeographicDesignation: f.t(8), countyParishCode: f.t(9))
    }

    public func er7(_ w: ER7Writer) -> String {
        w.components([
            streetAddress, otherDesignation, city, stateOrProvince, zipOrPostalCode, country, addressType,
            otherGeographicDesignation, countyParishCode,
        ])
    }
}
