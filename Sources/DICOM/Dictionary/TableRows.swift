/// The rows of a generated dictionary table (tab-separated fields, one row a line), read from its UTF-8
/// bytes without building a `String` per line or field.
enum TableRows {
    typealias Field = Slice<UnsafeBufferPointer<UInt8>>

    /// Calls `body` with the fields of each line that has exactly `fieldCount` of them (others are skipped,
    /// as the header comments of a table would be).
    static func forEach(in bytes: UnsafeBufferPointer<UInt8>, fieldCount: Int, _ body: ([Field]) -> Void) {
        var fields: [Field] = []
        fields.reserveCapacity(fieldCount)
        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count && bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            fields.removeAll(keepingCapacity: true)
            var fieldStart = lineStart
            for position in lineStart..<lineEnd where bytes[position] == UInt8(ascii: "\t") {
                fields.append(bytes[fieldStart..<position])
                fieldStart = position + 1
            }
            fields.append(bytes[fieldStart..<lineEnd])
            if fields.count == fieldCount { body(fields) }
            lineStart = lineEnd + 1
        }
    }

    static func string(_ field: Field) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: field), as: UTF8.self)
    }

    /// The value of a hexadecimal digit (either case), nil for anything else (such as the `x` of 60xx).
    static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }
}
