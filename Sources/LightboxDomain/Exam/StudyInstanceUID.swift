import Foundation

/// The Study Instance UID an exam's images carry, assigned once when the exam is first booked and
/// kept across re-booking, so the worklist, MPPS and every image of the exam name the same study.
public enum StudyInstanceUID {
    /// A UID under the `2.25` root from a random UUID (PS3.5 §B.2: the UUID's 128 bits as one
    /// decimal integer, without leading zeros); at most 44 characters, within UI's 64.
    public static func make(from uuid: UUID) -> String {
        let u = uuid.uuid
        let bytes = [u.0, u.1, u.2, u.3, u.4, u.5, u.6, u.7, u.8, u.9, u.10, u.11, u.12, u.13, u.14, u.15]
        // Base-10 digits of the 128-bit value by repeated division of the byte array.
        var number = bytes.map(Int.init)
        var digits: [Character] = []
        while number.contains(where: { $0 != 0 }) {
            var remainder = 0
            for index in number.indices {
                let value = remainder * 256 + number[index]
                number[index] = value / 10
                remainder = value % 10
            }
            digits.append(Character(String(remainder)))
        }
        return "2.25." + (digits.isEmpty ? "0" : String(digits.reversed()))
    }
}
