import Foundation

/// The rule for a DICOM unique identifier, PS3.5 §9.1: at most 64 characters, digits in dot-separated
/// components, no empty component, no leading zero in a component of more than one digit.
/// Anything received is checked with it before it is used as a key; a UID is never part of a path.
public enum DICOMUID {
    /// The longest UID, PS3.5 §9.1.
    public static let maximumLength = 64

    /// Why `text` is not a valid UID, or nil when it is one.
    public static func problem(_ text: String) -> String? {
        if text.isEmpty { return "is empty" }
        if text.utf8.count > maximumLength { return "is longer than \(maximumLength) characters" }
        var componentLength = 0
        var componentStartsWithZero = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "."):
                if componentLength == 0 { return "has an empty component" }
                componentLength = 0
                componentStartsWithZero = false
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if componentLength == 0 {
                    componentStartsWithZero = byte == UInt8(ascii: "0")
                } else if componentStartsWithZero {
                    return "has a component with a leading zero"
                }
                componentLength += 1
            default:
                return "contains characters other than digits and dots"
            }
        }
        if componentLength == 0 { return "ends with a dot" }
        return nil
    }

    /// Whether `text` is a valid UID.
    public static func isValid(_ text: String) -> Bool { problem(text) == nil }
}
