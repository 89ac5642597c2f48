import Crypto
import Foundation

/// The content of one audit entry exactly as stored (text columns), and its canonical serialisation.
///
/// The canonical form is versioned, field-ordered and length-prefixed (`name:byteCount:value\n`, absent values as
/// `name:-\n`), so no two different entries serialise the same and the form does not depend on a JSON encoder's
/// choices. Entry hash = SHA-256(previous entry's hash as 64 lowercase hex characters ‖ canonical form).
struct AuditEntryContent: Sendable, Equatable {
    var sequence: Int64
    var id: String
    /// ISO 8601 UTC with milliseconds (`2026-11-24T10:15:02.123Z`); text so both engines store it identically.
    var at: String
    var actorUsername: String
    var actorRole: String
    var action: String
    var patientID: String?
    var examID: String?
    var door: String
    var address: String?
    var detail: String

    static let genesisHash = String(repeating: "0", count: 64)
    static let formatVersion = "lightbox-audit-v1"

    var canonicalForm: Data {
        var text = Self.formatVersion + "\n"
        func field(_ name: String, _ value: String?) {
            if let value {
                text += "\(name):\(value.utf8.count):\(value)\n"
            } else {
                text += "\(name):-\n"
            }
        }
        field("sequence", String(sequence))
        field("id", id)
        field("at", at)
        field("actor_username", actorUsername)
        field("actor_role", actorRole)
        field("action", action)
        field("patient_id", patientID)
        field("exam_id", examID)
        field("door", door)
        field("address", address)
        field("detail", detail)
        return Data(text.utf8)
    }

    func hash(previousHash: String) -> String {
        var hasher = SHA256()
        hasher.update(data: Data(previousHash.utf8))
        hasher.update(data: canonicalForm)
        return hasher.finalize().map { byte in
            let hex = String(byte, radix: 16)
            return byte < 0x10 ? "0" + hex : hex
        }.joined()
    }

    /// Milliseconds, UTC, fixed width: sorts as text and reads back to the same instant on every engine. Computed
    /// from whole milliseconds (rounded down) so a formatter's rounding never changes the text.
    static func timestamp(_ date: Date) -> String {
        let totalMilliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let (seconds, milliseconds) = floorDivision(totalMilliseconds, 1000)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        let parts = calendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: Double(seconds)))
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
            parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0, Int(milliseconds))
    }

    private static func floorDivision(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let quotient = value >= 0 ? value / divisor : (value - divisor + 1) / divisor
        return (quotient, value - quotient * divisor)
    }

    static func date(fromTimestamp text: String) -> Date? {
        try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
    }
}
