import Foundation

/// An NHS number: ten digits, the tenth a modulus-11 check digit (NHS Data Dictionary, "NHS Number").
/// Spaces and hyphens in the input ("943 476 5919") are ignored; the stored form is ten digits.
public struct NHSNumber: Sendable, Hashable, Codable, CustomStringConvertible {
    public let digits: String

    /// Fails with `patient.invalid-nhs-number` naming why the number is not valid.
    public init(_ text: String) throws(DomainError) {
        let compact = text.filter { $0 != " " && $0 != "-" }
        guard compact.count == 10, compact.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw DomainError(
                .invalidNHSNumber, "An NHS number has exactly 10 digits; \"\(text)\" does not.",
                fields: [FieldProblem("nhsNumber", "must be 10 digits", code: .invalidNHSNumber)])
        }
        let values = compact.compactMap { $0.wholeNumberValue }
        guard let expected = NHSNumber.checkDigit(of: Array(values.prefix(9))), expected == values[9] else {
            throw DomainError(
                .invalidNHSNumber, "\(compact) is not a valid NHS number: its check digit is wrong.",
                fields: [FieldProblem("nhsNumber", "check digit is wrong", code: .invalidNHSNumber)])
        }
        digits = compact
    }

    /// Modulus 11 over the first nine digits with weights 10 down to 2; 11 becomes 0, and 10 means
    /// no valid NHS number can start with these nine digits.
    public static func checkDigit(of firstNine: [Int]) -> Int? {
        guard firstNine.count == 9 else { return nil }
        var sum = 0
        for (index, digit) in firstNine.enumerated() { sum += digit * (10 - index) }
        let check = 11 - sum % 11
        switch check {
        case 11: return 0
        case 10: return nil
        default: return check
        }
    }

    /// The usual 3-3-4 presentation ("943 476 5919").
    public var formatted: String {
        let chars = Array(digits)
        return String(chars[0..<3]) + " " + String(chars[3..<6]) + " " + String(chars[6..<10])
    }

    public var description: String { digits }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try NHSNumber(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(digits)
    }
}
