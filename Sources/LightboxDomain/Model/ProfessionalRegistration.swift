import Foundation

/// Registration with a regulator (HCPC for radiographers, GMC for radiologists) or an accreditation
/// register (assistant practitioners). An expired registration stops every entitlement.
public struct ProfessionalRegistration: Sendable, Codable, Equatable {
    public var body: String
    public var number: String
    public var expires: Date

    public init(body: String, number: String, expires: Date) {
        self.body = body
        self.number = number
        self.expires = expires
    }
}
