import Foundation
import LightboxDomain
import Testing

@Suite("NHS number modulus-11 check digit")
struct NHSNumberTests {
    @Test(
        "Valid numbers are accepted, with spaces or hyphens",
        arguments: [
            "9434765919", "943 476 5919", "943-476-5919", "4010232137", "9000000009",
        ])
    func valid(_ text: String) throws {
        let number = try NHSNumber(text)
        #expect(number.digits.count == 10)
        #expect(number.formatted.split(separator: " ").map(\.count) == [3, 3, 4])
    }

    @Test("A wrong check digit is refused", arguments: ["9434765918", "9434765910", "4010232138", "9000000001"])
    func wrongCheckDigit(_ text: String) {
        #expect(throws: DomainError.self) { try NHSNumber(text) }
        do {
            _ = try NHSNumber(text)
        } catch {
            #expect(error.code == .invalidNHSNumber)
            #expect(error.message.contains("check digit"))
        }
    }

    @Test(
        "Wrong length or letters are refused", arguments: ["943476591", "94347659190", "94347A5919", "", "９４３４７６５９１９"])
    func malformed(_ text: String) {
        #expect(throws: DomainError.self) { try NHSNumber(text) }
    }

    @Test("Nine digits whose check would be 10 can never be an NHS number")
    func checkTen() throws {
        // 1*10 + 0*9 ... chosen so that 11 - (sum mod 11) = 10: sum = 1 (mod 11).
        #expect(NHSNumber.checkDigit(of: [0, 0, 0, 0, 0, 0, 0, 0, 0]) == 0)
        let digits = [0, 0, 0, 0, 0, 0, 0, 0, 6]  // 6*2 = 12 ≡ 1 (mod 11) → check 10
        #expect(NHSNumber.checkDigit(of: digits) == nil)
        for last in 0...9 {
            #expect(throws: DomainError.self) {
                try NHSNumber("00000000 6\(last)".replacingOccurrences(of: " ", with: ""))
            }
        }
    }

    @Test("Encodes as a plain string and refuses an invalid one when decoding")
    func codable() throws {
        let data = try JSONEncoder().encode(try NHSNumber("943 476 5919"))
        #expect(String(decoding: data, as: UTF8.self) == "\"9434765919\"")
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(NHSNumber.self, from: Data("\"9434765918\"".utf8))
        }
    }
}
