/// Escape sequences in data fields (HL7 v2.5.1 §2.7; `\P\` truncation is v2.7 §2.7.1).
public enum Escaping {
    /// Replaces escape sequences by what they stand for, on raw bytes of one value.
    ///
    /// `\F\ \S\ \T\ \R\ \E\ \P\` become the delimiters; `\Xhh…\` becomes its bytes; `\.br\` and `\.sp n\`
    /// become line feeds, `\.ce\` a line feed; other formatting commands (`\.in\ \.ti\ \.sk\ \.fi\ \.nf\`)
    /// and highlighting (`\H\ \N\`) are dropped, since a plain value cannot carry them; character-set
    /// switches (`\Cxxyy\ \Mxxyyzz\`) and locally defined `\Z…\` sequences are kept verbatim.
    /// - Parameter strict: when true an unterminated or unknown sequence throws `.badEscape`;
    ///   when false it is kept as literal text.
    public static func unescape(
        _ bytes: ArraySlice<UInt8>, encoding: EncodingCharacters, strict: Bool = false
    ) throws(HL7Error) -> [UInt8] {
        let esc = encoding.escape
        guard bytes.contains(esc) else { return Array(bytes) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            guard b == esc else {
                out.append(b)
                i += 1
                continue
            }
            guard let close = bytes[(i + 1)...].firstIndex(of: esc) else {
                if strict {
                    throw HL7Error(.badEscape, "escape sequence starting '\(preview(bytes[i...]))' is not closed")
                }
                out.append(contentsOf: bytes[i...])
                break
            }
            let body = bytes[(i + 1)..<close]
            if let replacement = translate(body, encoding: encoding) {
                out.append(contentsOf: replacement)
            } else if strict {
                throw HL7Error(.badEscape, "unknown escape sequence '\(preview(bytes[i...close]))'")
            } else {
                out.append(contentsOf: bytes[i...close])
            }
            i = close + 1
        }
        return out
    }

    /// Checks every escape sequence in a value without building the result.
    public static func validate(_ bytes: ArraySlice<UInt8>, encoding: EncodingCharacters) throws(HL7Error) {
        _ = try unescape(bytes, encoding: encoding, strict: true)
    }

    private static func translate(_ body: ArraySlice<UInt8>, encoding: EncodingCharacters) -> [UInt8]? {
        guard let first = body.first else { return nil }
        if body.count == 1 {
            switch first {
            case UInt8(ascii: "F"): return [encoding.field]
            case UInt8(ascii: "S"): return [encoding.component]
            case UInt8(ascii: "T"): return [encoding.subcomponent]
            case UInt8(ascii: "R"): return [encoding.repetition]
            case UInt8(ascii: "E"): return [encoding.escape]
            case UInt8(ascii: "P"): return [encoding.truncation ?? UInt8(ascii: "#")]
            case UInt8(ascii: "H"), UInt8(ascii: "N"): return []
            default: return nil
            }
        }
        switch first {
        case UInt8(ascii: "X"):
            let hexDigits = body.dropFirst()
            guard hexDigits.count % 2 == 0 else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(hexDigits.count / 2)
            var j = hexDigits.startIndex
            while j < hexDigits.endIndex {
                guard let hi = hexValue(hexDigits[j]), let lo = hexValue(hexDigits[j + 1]) else { return nil }
                out.append(hi << 4 | lo)
                j += 2
            }
            return out
        case UInt8(ascii: "."):
            let command = String(decoding: body.dropFirst(), as: UTF8.self)
            let name = String(command.prefix(2))
            let argument = command.dropFirst(2).trimmingCharacters()
            switch name {
            case "br", "ce": return argument.isEmpty ? [0x0A] : nil
            case "sp":
                if argument.isEmpty { return [0x0A] }
                guard let n = Int(argument), n >= 0, n <= 100 else { return nil }
                return [UInt8](repeating: 0x0A, count: n)
            case "fi", "nf": return argument.isEmpty ? [] : nil
            case "in", "ti", "sk":
                guard Int(argument.hasPrefix("+") ? String(argument.dropFirst()) : argument) != nil else {
                    return nil
                }
                return []
            default: return nil
            }
        case UInt8(ascii: "C"), UInt8(ascii: "M"), UInt8(ascii: "Z"):
            return [encoding.escape] + body + [encoding.escape]
        default:
            return nil
        }
    }

    /// Escapes the delimiters of `encoding` in a value, and line breaks as `\.br\` (a CR in data would
    /// otherwise end the segment).
    public static func escape(_ bytes: [UInt8], encoding: EncodingCharacters) -> [UInt8] {
        var needs = false
        for b in bytes where encoding.isDelimiter(b) || b == 0x0D || b == 0x0A {
            needs = true
            break
        }
        guard needs else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 8)
        let e = encoding.escape
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let letter: UInt8?
            switch b {
            case encoding.field: letter = UInt8(ascii: "F")
            case encoding.component: letter = UInt8(ascii: "S")
            case encoding.subcomponent: letter = UInt8(ascii: "T")
            case encoding.repetition: letter = UInt8(ascii: "R")
            case encoding.escape: letter = UInt8(ascii: "E")
            case encoding.truncation: letter = UInt8(ascii: "P")
            default: letter = nil
            }
            if let letter {
                out += [e, letter, e]
            } else if b == 0x0D || b == 0x0A {
                if b == 0x0D, i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
                out += [e, UInt8(ascii: "."), UInt8(ascii: "b"), UInt8(ascii: "r"), e]
            } else {
                out.append(b)
            }
            i += 1
        }
        return out
    }

    /// Escapes a string for `encoding`, encoding it in `characterSet` first.
    public static func escape(
        _ string: String, encoding: EncodingCharacters = .standard, characterSet: HL7CharacterSet = .utf8
    ) -> String {
        let bytes = escape(characterSet.encode(string), encoding: encoding)
        return characterSet.decode(bytes)
    }

    /// Unescapes and decodes one raw ER7 value.
    public static func unescape(
        _ raw: String, encoding: EncodingCharacters = .standard, characterSet: HL7CharacterSet = .utf8
    ) -> String {
        let bytes = (try? unescape(ArraySlice(characterSet.encode(raw)), encoding: encoding)) ?? []
        return characterSet.decode(bytes)
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    private static func preview(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.prefix(16), as: UTF8.self)
    }
}

extension Substring {
    func trimmingCharacters() -> String { String(self).trimmingSpaces() }
}
