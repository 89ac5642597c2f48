import Foundation

extension Room {
    /// A suspended room takes no bookings and its modality worklist is withdrawn (DOMAIN.md "Rooms").
    public var hasWorklist: Bool { status != .suspended }

    /// What is wrong with an AE title, if anything. PS3.5 §6.2: 1 to 16 characters of the default
    /// repertoire without backslash or control characters, not all spaces.
    public static func aeTitleProblem(_ aeTitle: String) -> String? {
        let valid =
            !aeTitle.trimmed.isEmpty && aeTitle.count <= 16
            && aeTitle.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 && $0 != "\\" }
        return valid ? nil : "must be 1 to 16 ASCII characters, no backslash"
    }
}
