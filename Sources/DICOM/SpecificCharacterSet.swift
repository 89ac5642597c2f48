import Foundation

/// The character repertoires of Specific Character Set (0008,0005). PS3.3 §C.12.1.1.2, PS3.5 §6.1.
///
/// Decoding never fails: bytes a repertoire cannot map become U+FFFD, so a wrong declaration is visible
/// instead of silently turning into other letters.
public struct SpecificCharacterSet: Sendable, Hashable, CustomStringConvertible {
    /// The defined terms, as written in (0008,0005) (first value may be empty).
    public let terms: [String]
    /// True when the values use ISO 2022 code extensions (escape sequences).
    public let usesCodeExtensions: Bool
    /// Terms this library cannot map; text is then decoded as the default repertoire plus Latin-1, as pydicom does.
    public let unsupportedTerms: [String]

    /// The default repertoire (ISO IR 6, ASCII).
    public static let `default` = SpecificCharacterSet(terms: [])
    /// ISO_IR 192 (UTF-8).
    public static let utf8 = SpecificCharacterSet(terms: ["ISO_IR 192"])

    /// Creates a character set from the values of (0008,0005): `SpecificCharacterSet(terms: ["ISO_IR 100"])`.
    public init(terms: [String]) {
        let cleaned = terms.map { $0.trimmingCharacters(in: .whitespaces) }
        self.terms = cleaned
        usesCodeExtensions = cleaned.contains { $0.hasPrefix("ISO 2022") }
        unsupportedTerms = cleaned.filter { !$0.isEmpty && CharacterRepertoire(term: $0) == nil }
    }

    /// Creates a character set from the backslash-separated value of (0008,0005).
    public init(value: String) {
        self.init(terms: value.split(separator: "\\", omittingEmptySubsequences: false).map(String.init))
    }

    public var description: String { terms.joined(separator: "\\") }

    /// The repertoire before any escape sequence: the first term's (ASCII when empty or unknown).
    var initialRepertoire: CharacterRepertoire {
        guard let first = terms.first, let repertoire = CharacterRepertoire(term: first) else { return .ascii }
        return repertoire
    }

    /// Decodes the bytes of a text value. `vr` decides whether the Specific Character Set applies
    /// (PS3.5 §6.1.2.3: only SH, LO, ST, LT, UC, UT and PN; other string VRs are the default repertoire).
    public func decode(_ bytes: UnsafeRawBufferPointer, vr: VR) -> String {
        if isPlainASCII(bytes) { return String(decoding: bytes, as: UTF8.self) }
        if !vr.usesSpecificCharacterSet { return decodeLatin1(bytes) }
        if usesCodeExtensions { return ISO2022Decoder(characterSet: self).decode(bytes) }
        return initialRepertoire.decodeRun(bytes)
    }

    /// Decodes an array of bytes. See `decode(_:vr:)`.
    public func decode(_ bytes: [UInt8], vr: VR) -> String {
        bytes.withUnsafeBytes { decode($0, vr: vr) }
    }

    /// Encodes text for a value of this VR; throws when this character set cannot represent it.
    public func encode(_ string: String, vr: VR) throws -> [UInt8] {
        if string.utf8.allSatisfy({ $0 < 0x80 }) { return Array(string.utf8) }
        let repertoire = vr.usesSpecificCharacterSet ? initialRepertoire : .ascii
        if !usesCodeExtensions, let bytes = repertoire.encode(string) {
            return bytes
        }
        if usesCodeExtensions && vr.usesSpecificCharacterSet,
            let bytes = ISO2022Encoder(characterSet: self).encode(string)
        {
            return bytes
        }
        throw DICOMError(
            .unencodableValue,
            "text \"\(string)\" cannot be encoded in Specific Character Set '\(description)'")
    }

    private func isPlainASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        for byte in bytes where byte >= 0x80 || byte == 0x1B { return false }
        return true
    }

    private func decodeLatin1(_ bytes: UnsafeRawBufferPointer) -> String {
        String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }
}

/// A repertoire a Specific Character Set term (or an ISO 2022 escape sequence) selects. PS3.3 Table C.12-2 to C.12-5.
enum CharacterRepertoire: Hashable, Sendable {
    case ascii
    case jisRomaji
    case jisKatakana
    case jisX0208
    case jisX0212
    case ksX1001
    case gb2312
    case latin(UInt)  // ISO 8859 part, through Foundation's CFStringEncoding numbers
    case thai
    case utf8
    case gb18030
    case gbk

    init?(term: String) {
        switch term {
        case "", "ISO_IR 6", "ISO 2022 IR 6": self = .ascii
        case "ISO_IR 100", "ISO 2022 IR 100": self = .latin(1)
        case "ISO_IR 101", "ISO 2022 IR 101": self = .latin(2)
        case "ISO_IR 109", "ISO 2022 IR 109": self = .latin(3)
        case "ISO_IR 110", "ISO 2022 IR 110": self = .latin(4)
        case "ISO_IR 144", "ISO 2022 IR 144": self = .latin(5)
        case "ISO_IR 127", "ISO 2022 IR 127": self = .latin(6)
        case "ISO_IR 126", "ISO 2022 IR 126": self = .latin(7)
        case "ISO_IR 138", "ISO 2022 IR 138": self = .latin(8)
        case "ISO_IR 148", "ISO 2022 IR 148": self = .latin(9)
        case "ISO_IR 166", "ISO 2022 IR 166": self = .thai
        case "ISO_IR 13", "ISO 2022 IR 13": self = .jisKatakana
        case "ISO 2022 IR 87": self = .jisX0208
        case "ISO 2022 IR 159": self = .jisX0212
        case "ISO 2022 IR 149": self = .ksX1001
        case "ISO 2022 IR 58": self = .gb2312
        case "ISO_IR 192": self = .utf8
        case "GB18030": self = .gb18030
        case "GBK": self = .gbk
        default: return nil
        }
    }

    /// True for repertoires that occupy G1 with one byte per character.
    var isSingleByteG1: Bool {
        switch self {
        case .latin, .thai, .jisKatakana: return true
        default: return false
        }
    }

    private var foundationEncoding: String.Encoding? {
        // NSStringEncoding = 0x80000000 | CFStringEncoding (CFStringConvertEncodingToNSStringEncoding is not
        // exported on Linux; these values are what it computes).
        switch self {
        case .latin(1): return .isoLatin1
        case .latin(let part): return String.Encoding(rawValue: 0x8000_0200 + part)
        case .ksX1001: return String.Encoding(rawValue: 0x8000_0940)  // EUC-KR
        case .gb2312: return String.Encoding(rawValue: 0x8000_0930)  // EUC-CN
        case .gb18030: return String.Encoding(rawValue: 0x8000_0632)
        case .gbk: return String.Encoding(rawValue: 0x8000_0421)  // code page 936
        case .jisX0208, .jisX0212: return String.Encoding(rawValue: 0x8000_0821)  // ISO-2022-JP-2
        default: return nil
        }
    }

    /// Decodes a run of bytes that all belong to this repertoire (for 94/96-character sets: bytes as they
    /// appear in the data, G0 bytes below 0x80 for JIS X 0208/0212, G1 bytes from 0x80).
    func decodeRun(_ bytes: UnsafeRawBufferPointer) -> String {
        switch self {
        case .ascii:
            return String(String.UnicodeScalarView(bytes.map { $0 < 0x80 ? Unicode.Scalar($0) : "\u{FFFD}" }))
        case .utf8:
            return String(decoding: bytes, as: UTF8.self)
        case .jisRomaji:
            return String(
                String.UnicodeScalarView(
                    bytes.map { byte -> Unicode.Scalar in
                        switch byte {
                        case 0x5C: return "\u{00A5}"
                        case 0x7E: return "\u{203E}"
                        case 0x80...: return "\u{FFFD}"
                        default: return Unicode.Scalar(byte)
                        }
                    }))
        case .jisKatakana:
            return String(
                String.UnicodeScalarView(
                    bytes.map { byte -> Unicode.Scalar in
                        if byte < 0x80 { return Unicode.Scalar(byte) }
                        if byte >= 0xA1 && byte <= 0xDF, let scalar = Unicode.Scalar(0xFF61 + UInt32(byte) - 0xA1) {
                            return scalar
                        }
                        return "\u{FFFD}"
                    }))
        case .thai:
            return String(
                String.UnicodeScalarView(
                    bytes.map { byte -> Unicode.Scalar in
                        if byte < 0x80 { return Unicode.Scalar(byte) }
                        if byte >= 0xA1 && byte <= 0xFB && !(0xDB...0xDE).contains(byte),
                            let scalar = Unicode.Scalar(0x0E01 + UInt32(byte) - 0xA1)
                        {
                            return scalar
                        }
                        return "\u{FFFD}"
                    }))
        case .jisX0208, .jisX0212:
            // Foundation decodes JIS X 0208/0212 only inside ISO-2022-JP(-2) text, so frame the run with its escape.
            var framed: [UInt8] = self == .jisX0208 ? [0x1B, 0x24, 0x42] : [0x1B, 0x24, 0x28, 0x44]
            framed.append(contentsOf: bytes)
            framed.append(contentsOf: [0x1B, 0x28, 0x42])
            return foundationDecode(framed) ?? replacement(count: bytes.count / 2)
        case .latin, .ksX1001, .gb2312, .gb18030, .gbk:
            return foundationDecode(Array(bytes)) ?? bytewiseFallback(bytes)
        }
    }

    private func foundationDecode(_ bytes: [UInt8]) -> String? {
        guard let encoding = foundationEncoding else { return nil }
        return String(bytes: bytes, encoding: encoding)
    }

    /// When a run does not decode as a whole, keep ASCII and mark every other byte, so the damage stays visible.
    private func bytewiseFallback(_ bytes: UnsafeRawBufferPointer) -> String {
        String(String.UnicodeScalarView(bytes.map { $0 < 0x80 ? Unicode.Scalar($0) : "\u{FFFD}" }))
    }

    private func replacement(count: Int) -> String {
        String(repeating: "\u{FFFD}", count: max(count, 1))
    }

    func encode(_ string: String) -> [UInt8]? {
        switch self {
        case .ascii: return string.utf8.allSatisfy { $0 < 0x80 } ? Array(string.utf8) : nil
        case .utf8: return Array(string.utf8)
        case .jisKatakana, .thai, .jisRomaji: return nil
        default:
            guard let encoding = foundationEncoding, let data = string.data(using: encoding) else { return nil }
            return Array(data)
        }
    }
}

/// Decodes text with ISO 2022 escape sequences. PS3.5 §6.1.2.5, PS3.3 §C.12.1.1.2 (Table C.12-3 and C.12-4).
struct ISO2022Decoder {
    let characterSet: SpecificCharacterSet

    func decode(_ bytes: UnsafeRawBufferPointer) -> String {
        let initialG0: CharacterRepertoire = characterSet.terms.first == "ISO 2022 IR 13" ? .jisRomaji : .ascii
        let initial = characterSet.initialRepertoire
        let initialG1: CharacterRepertoire? =
            initial == .ascii || initial == .jisX0208 || initial == .jisX0212
            ? nil : initial
        var g0 = initialG0
        var g1 = initialG1
        var output = ""
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte == 0x1B {
                if let (repertoire, isG1, length) = escape(bytes, at: index) {
                    if isG1 { g1 = repertoire } else { g0 = repertoire }
                    index += length
                } else {
                    output.unicodeScalars.append("\u{FFFD}")
                    index += 1
                }
                continue
            }
            // A run of bytes in one repertoire: up to the next escape, or a delimiter where state resets.
            var end = index
            let isHigh = byte >= 0x80
            while end < count {
                let next = bytes[end]
                if next == 0x1B || (next >= 0x80) != isHigh { break }
                if !isHigh && g0 != .jisX0208 && g0 != .jisX0212 && Self.isResettingDelimiter(next) { break }
                end += 1
            }
            if end == index {
                // A delimiter in single-byte G0: emit it and return to the initial state (PS3.5 §6.1.2.5.3).
                output.unicodeScalars.append(Unicode.Scalar(byte))
                g0 = initialG0
                g1 = initialG1
                index += 1
                continue
            }
            let run = UnsafeRawBufferPointer(rebasing: bytes[index..<end])
            if isHigh {
                output += (g1 ?? .latin(1)).decodeRun(run)
            } else {
                output += g0.decodeRun(run)
            }
            index = end
        }
        return output
    }

    private static func isResettingDelimiter(_ byte: UInt8) -> Bool {
        byte == 0x5E || byte == 0x3D || byte == 0x5C || byte == 0x0D || byte == 0x0A || byte == 0x09 || byte == 0x0C
    }

    /// The repertoire an escape sequence designates, whether it goes to G1, and the sequence's length.
    private func escape(_ bytes: UnsafeRawBufferPointer, at index: Int) -> (CharacterRepertoire, Bool, Int)? {
        func byte(_ offset: Int) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }
        switch (byte(1), byte(2), byte(3)) {
        case (0x28, 0x42, _): return (.ascii, false, 3)
        case (0x28, 0x4A, _): return (.jisRomaji, false, 3)
        case (0x29, 0x49, _): return (.jisKatakana, true, 3)
        case (0x24, 0x42, _): return (.jisX0208, false, 3)
        case (0x24, 0x28, 0x44): return (.jisX0212, false, 4)
        case (0x24, 0x29, 0x43): return (.ksX1001, true, 4)
        case (0x24, 0x29, 0x41): return (.gb2312, true, 4)
        case (0x2D, 0x41, _): return (.latin(1), true, 3)
        case (0x2D, 0x42, _): return (.latin(2), true, 3)
        case (0x2D, 0x43, _): return (.latin(3), true, 3)
        case (0x2D, 0x44, _): return (.latin(4), true, 3)
        case (0x2D, 0x4C, _): return (.latin(5), true, 3)
        case (0x2D, 0x47, _): return (.latin(6), true, 3)
        case (0x2D, 0x46, _): return (.latin(7), true, 3)
        case (0x2D, 0x48, _): return (.latin(8), true, 3)
        case (0x2D, 0x4D, _): return (.latin(9), true, 3)
        case (0x2D, 0x54, _): return (.thai, true, 3)
        default: return nil
        }
    }
}

/// Encodes text with ISO 2022 escape sequences (PS3.5 §6.1.2.5): each run between delimiters (^ = \\ and
/// control characters) that is not ASCII is written in the first repertoire of the character set that can hold
/// it, designated afresh, since decoders return to the initial state at every delimiter (PS3.5 §6.1.2.5.3).
struct ISO2022Encoder {
    let characterSet: SpecificCharacterSet

    func encode(_ string: String) -> [UInt8]? {
        let initial = characterSet.initialRepertoire
        let candidates = characterSet.terms.compactMap { CharacterRepertoire(term: $0) }.filter { $0 != .ascii }
        var output: [UInt8] = []
        var run = ""
        func flush() -> Bool {
            defer { run = "" }
            if run.isEmpty { return true }
            if run.utf8.allSatisfy({ $0 < 0x80 }) {
                output += run.utf8
                return true
            }
            for repertoire in candidates {
                if let bytes = encodeRun(run, in: repertoire, isInitial: repertoire == initial) {
                    output += bytes
                    return true
                }
            }
            return false
        }
        for character in string {
            if let ascii = character.asciiValue, [0x5E, 0x3D, 0x5C, 0x0D, 0x0A, 0x09, 0x0C].contains(ascii) {
                guard flush() else { return nil }
                output.append(ascii)
            } else {
                run.append(character)
            }
        }
        return flush() ? output : nil
    }

    private func encodeRun(_ run: String, in repertoire: CharacterRepertoire, isInitial: Bool) -> [UInt8]? {
        switch repertoire {
        case .jisX0208:
            // Foundation's ISO-2022-JP output already designates JIS X 0208 and returns to ASCII (ESC ( B).
            guard let data = run.data(using: .iso2022JP), !data.contains(0x0E) else { return nil }
            let bytes = Array(data)
            // Only JIS X 0208 and ASCII designations may appear (no JIS X 0201 katakana).
            var index = 0
            while index + 2 < bytes.count {
                if bytes[index] == 0x1B && !(bytes[index + 1] == 0x24 && bytes[index + 2] == 0x42)
                    && !(bytes[index + 1] == 0x28 && bytes[index + 2] == 0x42)
                {
                    return nil
                }
                index += 1
            }
            return bytes
        case .ksX1001, .gb2312, .latin, .thai, .jisKatakana:
            guard let body = repertoire.encode(run) ?? encodeSingleByte(run, repertoire) else { return nil }
            return (isInitial ? [] : designation(repertoire)) + body
        default:
            return nil
        }
    }

    private func encodeSingleByte(_ run: String, _ repertoire: CharacterRepertoire) -> [UInt8]? {
        var bytes: [UInt8] = []
        for scalar in run.unicodeScalars {
            if scalar.value < 0x80 {
                bytes.append(UInt8(scalar.value))
            } else if repertoire == .jisKatakana, (0xFF61...0xFF9F).contains(scalar.value) {
                bytes.append(UInt8(scalar.value - 0xFF61 + 0xA1))
            } else if repertoire == .thai, (0x0E01...0x0E5B).contains(scalar.value) {
                bytes.append(UInt8(scalar.value - 0x0E01 + 0xA1))
            } else {
                return nil
            }
        }
        return bytes
    }

    private func designation(_ repertoire: CharacterRepertoire) -> [UInt8] {
        switch repertoire {
        case .ksX1001: return [0x1B, 0x24, 0x29, 0x43]
        case .gb2312: return [0x1B, 0x24, 0x29, 0x41]
        case .jisKatakana: return [0x1B, 0x29, 0x49]
        case .thai: return [0x1B, 0x2D, 0x54]
        case .latin(let part):
            let finals: [UInt: UInt8] = [
                1: 0x41, 2: 0x42, 3: 0x43, 4: 0x44, 5: 0x4C, 6: 0x47, 7: 0x46, 8: 0x48, 9: 0x4D,
            ]
            return [0x1B, 0x2D, finals[part] ?? 0x41]
        default: return []
        }
    }
}
