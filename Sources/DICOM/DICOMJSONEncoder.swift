import NIOCore

/// Encodes data sets in the DICOM JSON Model. PS3.18 Annex F.
///
/// Attributes appear in tag order; binary values as base64 `InlineBinary`, or as `BulkDataURI` when
/// `bulkDataURI` names one; group length attributes (retired, PS3.5 §7.2) are left out.
public struct DICOMJSONEncoder: Sendable {
    /// Returns a URI for a binary element to be referenced instead of inlined (nil: inline it).
    public var bulkDataURI: (@Sendable (Tag, DataElement) -> String?)?
    /// Indent nested objects (two spaces) for reading.
    public var prettyPrinted: Bool

    /// Creates an encoder: `DICOMJSONEncoder().encode(dataSet)`.
    public init(prettyPrinted: Bool = false, bulkDataURI: (@Sendable (Tag, DataElement) -> String?)? = nil) {
        self.prettyPrinted = prettyPrinted
        self.bulkDataURI = bulkDataURI
    }

    /// The JSON object of one data set. PS3.18 §F.2.
    public func encode(_ dataSet: DataSet) -> String {
        var out = ""
        encode(dataSet, depth: 0, into: &out)
        return out
    }

    /// A JSON array of data sets (the form QIDO-RS responses take). PS3.18 §F.2.
    public func encode(_ dataSets: [DataSet]) -> String {
        var out = "["
        for (index, dataSet) in dataSets.enumerated() {
            if index > 0 { out += "," }
            newline(1, &out)
            encode(dataSet, depth: 1, into: &out)
        }
        newline(0, &out)
        return out + "]"
    }

    private func newline(_ depth: Int, _ out: inout String) {
        if prettyPrinted { out += "\n" + String(repeating: "  ", count: depth) }
    }

    private func encode(_ dataSet: DataSet, depth: Int, into out: inout String) {
        out += "{"
        var first = true
        for element in dataSet where !element.tag.isGroupLength {
            if !first { out += "," }
            first = false
            newline(depth + 1, &out)
            out += "\"" + element.tag.jsonKey + "\":"
            if prettyPrinted { out += " " }
            encode(element, characterSet: dataSet.characterSet, depth: depth + 1, into: &out)
        }
        if !first { newline(depth, &out) }
        out += "}"
    }

    private func encode(_ element: DataElement, characterSet: SpecificCharacterSet, depth: Int, into out: inout String)
    {
        out += "{\"vr\":\"" + element.vr.rawValue + "\""
        defer { out += "}" }
        if element.isEmpty { return }
        switch element.value {
        case .sequence(let items):
            out += ",\"Value\":["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                encode(item, depth: depth + 1, into: &out)
            }
            out += "]"
        case .fragments(let data):
            if let uri = bulkDataURI?(element.tag, element) {
                out += ",\"BulkDataURI\":" + Self.quoted(uri)
                return
            }
            // As pydicom does: the encapsulated items as they stand in the file.
            var bytes: [UInt8] = []
            for fragment in [data.basicOffsetTable] + data.fragments {
                let length = UInt32(fragment.readableBytes)
                bytes += [
                    0xFE, 0xFF, 0x00, 0xE0, UInt8(length & 0xFF), UInt8(length >> 8 & 0xFF),
                    UInt8(length >> 16 & 0xFF), UInt8(length >> 24),
                ]
                bytes += fragment.readableBytesView
            }
            out += ",\"InlineBinary\":\"" + Base64.encode(bytes) + "\""
        case .bytes(let buffer):
            encodeValues(element, buffer: buffer, characterSet: characterSet, into: &out)
        }
    }

    private func encodeValues(
        _ element: DataElement, buffer: ByteBuffer, characterSet: SpecificCharacterSet,
        into out: inout String
    ) {
        // A value of padding alone has no values: leave "Value" out, as for an empty element. PS3.18 §F.2.5.
        if element.vr.isString && element.stringValues(characterSet: characterSet).isEmpty { return }
        switch element.vr {
        case .OB, .OD, .OF, .OL, .OV, .OW, .UN:
            if let uri = bulkDataURI?(element.tag, element) {
                out += ",\"BulkDataURI\":" + Self.quoted(uri)
            } else {
                out += ",\"InlineBinary\":\"" + Base64.encode(Array(buffer.readableBytesView)) + "\""
            }
        case .PN:
            let names = element.stringValues(characterSet: characterSet)
            out +=
                ",\"Value\":["
                + names.map { text -> String in
                    if text.isEmpty { return "null" }
                    let groups = text.split(separator: "=", omittingEmptySubsequences: false).map(String.init)
                    var fields: [String] = []
                    for (key, index) in [("Alphabetic", 0), ("Ideographic", 1), ("Phonetic", 2)]
                    where index < groups.count && !groups[index].isEmpty {
                        fields.append("\"\(key)\":" + Self.quoted(groups[index]))
                    }
                    return "{" + fields.joined(separator: ",") + "}"
                }.joined(separator: ",") + "]"
        case .IS, .DS:
            let values = element.stringValues()
            out +=
                ",\"Value\":["
                + values.map { text -> String in
                    if text.isEmpty { return "null" }
                    if let number = Double(text), number.isFinite {
                        if element.vr == .IS, let integer = Int(text) { return String(integer) }
                        return Self.number(number)
                    }
                    return Self.quoted(text)
                }.joined(separator: ",") + "]"
        case .US, .SS, .UL, .SL, .SV, .UV:
            out += ",\"Value\":[" + element.integerValues().map(String.init).joined(separator: ",") + "]"
        case .FL, .FD:
            out +=
                ",\"Value\":["
                + element.doubleValues().map { $0.isFinite ? Self.number($0) : Self.quoted(String($0)) }
                .joined(separator: ",") + "]"
        case .AT:
            out += ",\"Value\":[" + element.tagValues().map { Self.quoted($0.jsonKey) }.joined(separator: ",") + "]"
        default:
            let values = element.stringValues(characterSet: characterSet)
            out += ",\"Value\":[" + values.map { $0.isEmpty ? "null" : Self.quoted($0) }.joined(separator: ",") + "]"
        }
    }

    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }

    /// A JSON string literal (RFC 8259 §7).
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar == "<" || scalar == ">" || scalar == "&":
                // Control characters must be escaped; <, > and & too, so the JSON is safe inside HTML.
                out += "\\u" + hex4(UInt16(scalar.value)).lowercased()
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

/// Base64 (RFC 4648 §4) without Foundation's Data round trip.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index + 3 <= bytes.count {
            let value = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            out += [
                alphabet[Int(value >> 18 & 63)], alphabet[Int(value >> 12 & 63)], alphabet[Int(value >> 6 & 63)],
                alphabet[Int(value & 63)],
            ]
            index += 3
        }
        let rest = bytes.count - index
        if rest == 1 {
            let value = UInt32(bytes[index]) << 16
            out += [alphabet[Int(value >> 18 & 63)], alphabet[Int(value >> 12 & 63)], 61, 61]
        } else if rest == 2 {
            let value = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8
            out += [
                alphabet[Int(value >> 18 & 63)], alphabet[Int(value >> 12 & 63)], alphabet[Int(value >> 6 & 63)], 61,
            ]
        }
        return String(decoding: out, as: UTF8.self)
    }
}
