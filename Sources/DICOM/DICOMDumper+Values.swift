import NIOCore

/// The value column of the listing: text in brackets, numbers, UIDs by registry keyword, bytes in hex, each
/// cut at `maxValueLength` characters followed by "...".
extension DICOMDumper {
    /// The limit in characters; a negative one (the property is public) cuts everything rather than trapping.
    private var limit: Int { max(0, maxValueLength) }

    /// Writes the value text of an element and returns its value multiplicity.
    func writeValue(
        _ element: DataElement, buffer: ByteBuffer, characterSet: SpecificCharacterSet, into out: inout [UInt8]
    ) -> Int {
        if buffer.readableBytes == 0 {
            out.append(contentsOf: "(no value available)".utf8)
            return 0
        }
        switch element.vr {
        case .UI,
            _ where element.vr.isString:
            if let vm = writePlainText(element.vr, buffer: buffer, into: &out) { return vm }
            // Not plain ASCII: decoded through the character set, cut by characters.
            let values = element.vr == .UI ? element.stringValues() : element.stringValues(characterSet: characterSet)
            if element.vr == .UI, values.count == 1, let entry = UIDRegistry.entry(for: values[0]),
                !entry.keyword.isEmpty
            {
                out.append(contentsOf: ("=" + entry.keyword).utf8)
                return 1
            }
            out.append(contentsOf: ("[" + clip(values.joined(separator: "\\")) + "]").utf8)
            return values.count
        case .US:
            return writeNumbers(buffer, size: 2, into: &out) {
                Int($0.getInteger(at: $1, endianness: .little, as: UInt16.self)!)
            }
        case .SS:
            return writeNumbers(buffer, size: 2, into: &out) {
                Int($0.getInteger(at: $1, endianness: .little, as: Int16.self)!)
            }
        case .UL:
            return writeNumbers(buffer, size: 4, into: &out) {
                Int($0.getInteger(at: $1, endianness: .little, as: UInt32.self)!)
            }
        case .SL:
            return writeNumbers(buffer, size: 4, into: &out) {
                Int($0.getInteger(at: $1, endianness: .little, as: Int32.self)!)
            }
        case .SV:
            return writeNumbers(buffer, size: 8, into: &out) {
                Int($0.getInteger(at: $1, endianness: .little, as: Int64.self)!)
            }
        case .FL:
            return writeFloats(buffer, size: 4, into: &out) {
                Double(Float(bitPattern: $0.getInteger(at: $1, endianness: .little, as: UInt32.self)!))
            }
        case .FD:
            return writeFloats(buffer, size: 8, into: &out) {
                Double(bitPattern: $0.getInteger(at: $1, endianness: .little, as: UInt64.self)!)
            }
        case .UV:
            // Values beyond Int.max are not listed (integerValues drops them); rare enough for the plain route.
            let values = element.integerValues()
            out.append(contentsOf: clip(values.map(String.init).joined(separator: "\\")).utf8)
            return values.count
        case .AT:
            let values = element.tagValues()
            out.append(contentsOf: clip(values.map { $0.description.lowercased() }.joined(separator: "\\")).utf8)
            return values.count
        default:
            writeHex(buffer, wordSize: element.vr == .OW ? 2 : 1, into: &out)
            return 1
        }
    }

    /// Text whose bytes are all ASCII other than ESC and CR decodes to itself in every character set
    /// (`SpecificCharacterSet.decode`) and has one character per byte: it is split, trimmed and cut as bytes,
    /// as `DataElement.stringValues` would. Returns nil, having written nothing, for any other text.
    private func writePlainText(_ vr: VR, buffer: ByteBuffer, into out: inout [UInt8]) -> Int? {
        buffer.withUnsafeReadableBytes { bytes -> Int? in
            var padding = true
            var separators = 0
            for byte in bytes {
                if byte >= 0x80 || byte == 0x1B || byte == 0x0D { return nil }
                if byte != 0x20 && byte != 0x00 { padding = false }
                if byte == 0x5C { separators += 1 }
            }
            // A value of padding alone is an empty value (VM 0).
            if padding {
                out.append(contentsOf: "[]".utf8)
                return 0
            }
            let single = vr.isSingleValuedText
            let trimLeading = !single && vr != .PN
            let vm = single ? 1 : separators + 1
            if vr == .UI, vm == 1 {
                let uid = String(decoding: Self.trimmed(bytes[...], leading: trimLeading), as: UTF8.self)
                if let entry = UIDRegistry.entry(for: uid), !entry.keyword.isEmpty {
                    out.append(UInt8(ascii: "="))
                    out.append(contentsOf: entry.keyword.utf8)
                    return 1
                }
            }
            out.append(UInt8(ascii: "["))
            let start = out.count
            let cut = limit
            if single {
                out.append(contentsOf: Self.trimmed(bytes[...], leading: false).prefix(cut + 1))
            } else {
                var pieceStart = 0
                var first = true
                while out.count - start <= cut {
                    var pieceEnd = pieceStart
                    while pieceEnd < bytes.count && bytes[pieceEnd] != 0x5C { pieceEnd += 1 }
                    if !first { out.append(0x5C) }
                    first = false
                    out.append(contentsOf: Self.trimmed(bytes[pieceStart..<pieceEnd], leading: trimLeading))
                    if pieceEnd >= bytes.count { break }
                    pieceStart = pieceEnd + 1
                }
            }
            if out.count - start > cut {
                out.removeLast(out.count - start - cut)
                out.append(contentsOf: "...".utf8)
            }
            out.append(UInt8(ascii: "]"))
            return vm
        }
    }

    /// Without trailing spaces and NULs, and without leading spaces when `leading` (PS3.5 §6.2).
    private static func trimmed(_ bytes: Slice<UnsafeRawBufferPointer>, leading: Bool) -> Slice<
        UnsafeRawBufferPointer
    > {
        var end = bytes.endIndex
        while end > bytes.startIndex && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x00) { end -= 1 }
        var start = bytes.startIndex
        if leading { while start < end && bytes[start] == 0x20 { start += 1 } }
        return bytes[start..<end]
    }

    /// Binary integers (little endian, as the reader leaves them), written until the cut; VM counts them all.
    private func writeNumbers(
        _ buffer: ByteBuffer, size: Int, into out: inout [UInt8], value: (ByteBuffer, Int) -> Int
    ) -> Int {
        let count = buffer.readableBytes / size
        let start = out.count
        var index = buffer.readerIndex
        for position in 0..<count {
            if out.count - start > limit { break }
            if position > 0 { out.append(0x5C) }
            Self.appendDecimal(value(buffer, index), into: &out)
            index += size
        }
        cutNumbers(from: start, into: &out)
        return count
    }

    /// Binary floating-point values, written as `String(Double)` does, until the cut; VM counts them all.
    private func writeFloats(
        _ buffer: ByteBuffer, size: Int, into out: inout [UInt8], value: (ByteBuffer, Int) -> Double
    ) -> Int {
        let count = buffer.readableBytes / size
        let start = out.count
        var index = buffer.readerIndex
        for position in 0..<count {
            if out.count - start > limit { break }
            if position > 0 { out.append(0x5C) }
            out.append(contentsOf: String(value(buffer, index)).utf8)
            index += size
        }
        cutNumbers(from: start, into: &out)
        return count
    }

    private func cutNumbers(from start: Int, into out: inout [UInt8]) {
        if out.count - start > limit {
            out.removeLast(out.count - start - limit)
            out.append(contentsOf: "...".utf8)
        }
    }

    /// Bytes (or little-endian words for OW) in hex, separated by backslashes: as many as fit in the limit,
    /// then "..." when more remain, the whole cut at the limit.
    func writeHex(_ buffer: ByteBuffer, wordSize: Int, into out: inout [UInt8]) {
        let start = out.count
        var index = buffer.readerIndex
        let end = buffer.writerIndex
        var length = 0
        var first = true
        while index + wordSize <= end && length <= maxValueLength {
            if !first { out.append(0x5C) }
            first = false
            if wordSize == 2 {
                Self.appendHex(buffer.getInteger(at: index, endianness: .little, as: UInt16.self) ?? 0, into: &out)
                length += 5
            } else {
                let byte = buffer.getInteger(at: index, as: UInt8.self) ?? 0
                out.append(Self.hexDigits[Int(byte >> 4)])
                out.append(Self.hexDigits[Int(byte & 0xF)])
                length += 3
            }
            index += wordSize
        }
        if index + wordSize <= end { out.append(contentsOf: "...".utf8) }
        if out.count - start > limit {
            out.removeLast(out.count - start - limit)
            out.append(contentsOf: "...".utf8)
        }
    }

    /// Cuts text longer than the limit, by characters.
    private func clip(_ text: String) -> String {
        text.count > limit ? String(text.prefix(limit)) + "..." : text
    }
}
