import Foundation
import NIOCore

/// Decodes the DICOM JSON Model (PS3.18 Annex F) into data sets, e.g. STOW-RS metadata or QIDO-RS results.
///
/// JSON text is Unicode, so when any text is not ASCII the data set is stored as UTF-8: Specific Character Set
/// (0008,0005) becomes ISO_IR 192 (whatever the JSON declared, which may not be able to hold the text).
/// Numbers are parsed exactly (64-bit integers, shortest-round-trip doubles).
public struct DICOMJSONDecoder: Sendable {
    /// Resolves a `BulkDataURI` to the value's bytes; nil leaves such attributes out of the result.
    public var bulkData: (@Sendable (String, Tag) throws -> ByteBuffer)?

    /// Creates a decoder: `try DICOMJSONDecoder().decode(jsonText)`.
    public init(bulkData: (@Sendable (String, Tag) throws -> ByteBuffer)? = nil) {
        self.bulkData = bulkData
    }

    /// Decodes one JSON object (a data set). PS3.18 §F.2.
    public func decode(_ json: String) throws -> DataSet {
        guard case .object(let object) = try parse(json) else {
            throw DICOMError(.malformed, "DICOM JSON must be an object of attributes")
        }
        return try decodeTopLevel(object)
    }

    /// Decodes a JSON array of data sets (QIDO-RS responses). PS3.18 §F.2.
    public func decodeArray(_ json: String) throws -> [DataSet] {
        guard case .array(let array) = try parse(json) else {
            throw DICOMError(.malformed, "expected a JSON array of DICOM JSON objects")
        }
        return try array.map { item in
            guard case .object(let object) = item else {
                throw DICOMError(.malformed, "array element is not a DICOM JSON object")
            }
            return try decodeTopLevel(object)
        }
    }

    private func parse(_ json: String) throws -> JSONValue {
        do {
            return try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
        } catch {
            throw DICOMError(.malformed, "not JSON: \(error)")
        }
    }

    private func decodeTopLevel(_ object: [String: JSONValue]) throws -> DataSet {
        if JSONValue.object(object).containsNonASCII {
            var dataSet = try decodeDataSet(object, characterSet: .utf8)
            try dataSet.set(.specificCharacterSet, vr: .CS, string: "ISO_IR 192")
            return dataSet
        }
        return try decodeDataSet(object, characterSet: .default)
    }

    private func decodeDataSet(_ object: [String: JSONValue], characterSet: SpecificCharacterSet) throws -> DataSet {
        var dataSet = DataSet(characterSet: characterSet)
        for (key, raw) in object {
            guard key.count == 8, let tag = Tag(string: key) else {
                throw DICOMError(.malformed, "\"\(key)\" is not an attribute tag (8 hex digits)")
            }
            guard case .object(let attribute) = raw, case .string(let vrText)? = attribute["vr"],
                let vr = VR(rawValue: vrText)
            else {
                throw DICOMError(.malformed, "attribute has no valid \"vr\"", tag: tag)
            }
            // Text is held in the data set's character set; a declared one is replaced at the top level.
            if tag == .specificCharacterSet && characterSet == .utf8 { continue }
            if let element = try decodeElement(tag: tag, vr: vr, attribute, characterSet: characterSet) {
                dataSet.insert(element)
            }
        }
        return dataSet
    }

    private func decodeElement(tag: Tag, vr: VR, _ attribute: [String: JSONValue], characterSet: SpecificCharacterSet)
        throws -> DataElement?
    {
        if case .string(let inline)? = attribute["InlineBinary"] {
            guard let data = Data(base64Encoded: inline) else {
                throw DICOMError(.malformed, "InlineBinary is not base64", tag: tag)
            }
            return DataElement(tag: tag, vr: vr, bytes: ByteBuffer(bytes: data))
        }
        if case .string(let uri)? = attribute["BulkDataURI"] {
            guard let bulkData else { return nil }
            return DataElement(tag: tag, vr: vr, bytes: try bulkData(uri, tag))
        }
        var values: [JSONValue] = []
        if let raw = attribute["Value"] {
            guard case .array(let array) = raw else {
                throw DICOMError(.malformed, "\"Value\" is not an array", tag: tag)
            }
            values = array
        }
        if vr == .SQ {
            let items = try values.map { item -> DataSet in
                guard case .object(let object) = item else {
                    throw DICOMError(.malformed, "sequence item is not an object", tag: tag)
                }
                return try decodeDataSet(object, characterSet: characterSet)
            }
            return DataElement(tag: tag, vr: .SQ, value: .sequence(items))
        }
        var scratch = DataSet(characterSet: characterSet)
        switch vr {
        case .PN:
            let names = try values.map { value -> String in
                if case .null = value { return "" }
                guard case .object(let groups) = value else {
                    throw DICOMError(.malformed, "person name is not an object", tag: tag)
                }
                var parts = ["Alphabetic", "Ideographic", "Phonetic"].map { key -> String in
                    if case .string(let text)? = groups[key] { return text }
                    return ""
                }
                while let last = parts.last, last.isEmpty { parts.removeLast() }
                return parts.joined(separator: "=")
            }
            try scratch.set(tag, vr: vr, strings: names)
        case .UV:
            var buffer = ByteBuffer()
            for value in values {
                switch value {
                case .unsigned(let number): buffer.writeInteger(number, endianness: .little)
                case .integer(let number) where number >= 0: buffer.writeInteger(UInt64(number), endianness: .little)
                default: throw DICOMError(.malformed, "UV value is not an unsigned integer", tag: tag)
                }
            }
            return DataElement(tag: tag, vr: vr, bytes: buffer)
        case .US, .SS, .UL, .SL, .SV:
            try scratch.set(tag, vr: vr, ints: try values.map { try Self.integer($0, tag: tag) })
        case .FL, .FD:
            try scratch.set(tag, vr: vr, doubles: try values.map { try Self.double($0, tag: tag) })
        case .AT:
            var buffer = ByteBuffer()
            for value in values {
                guard case .string(let text) = value, text.count == 8, let target = Tag(string: text) else {
                    throw DICOMError(.malformed, "AT value is not 8 hex digits", tag: tag)
                }
                buffer.writeInteger(target.group, endianness: .little)
                buffer.writeInteger(target.element, endianness: .little)
            }
            return DataElement(tag: tag, vr: vr, bytes: buffer)
        case .IS, .DS:
            try scratch.set(
                tag, vr: vr,
                strings: values.map { value -> String in
                    switch value {
                    case .integer(let number): return String(number)
                    case .unsigned(let number): return String(number)
                    case .number(let number): return vr == .IS ? String(Int64(number)) : DataSet.decimalString(number)
                    case .string(let text): return text
                    default: return ""
                    }
                })
        case .OB, .OD, .OF, .OL, .OV, .OW, .UN:
            return DataElement(tag: tag, vr: vr, bytes: ByteBuffer())
        default:
            try scratch.set(
                tag, vr: vr,
                strings: values.map { value -> String in
                    if case .string(let text) = value { return text }
                    return ""
                })
        }
        return scratch[tag]
    }

    private static func integer(_ value: JSONValue, tag: Tag) throws -> Int {
        switch value {
        case .integer(let number): return Int(number)
        case .unsigned(let number) where number <= UInt64(Int.max): return Int(number)
        case .number(let number) where number.rounded() == number && abs(number) < 9e18: return Int(number)
        case .string(let text) where Int(text) != nil: return Int(text) ?? 0
        default: throw DICOMError(.malformed, "\(value) is not an integer", tag: tag)
        }
    }

    private static func double(_ value: JSONValue, tag: Tag) throws -> Double {
        switch value {
        case .integer(let number): return Double(number)
        case .unsigned(let number): return Double(number)
        case .number(let number): return number
        case .string(let text) where Double(text) != nil: return Double(text) ?? 0
        default: throw DICOMError(.malformed, "\(value) is not a number", tag: tag)
        }
    }
}

/// A JSON value decoded exactly (JSONSerialization on Linux rounds long decimals through NSDecimalNumber).
enum JSONValue: Decodable, Sendable {
    case null
    case bool(Bool)
    case integer(Int64)
    case unsigned(UInt64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(UInt64.self) {
            self = .unsigned(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    var containsNonASCII: Bool {
        switch self {
        case .string(let text): return text.utf8.contains { $0 >= 0x80 }
        case .array(let values): return values.contains { $0.containsNonASCII }
        case .object(let values): return values.values.contains { $0.containsNonASCII }
        default: return false
        }
    }
}
