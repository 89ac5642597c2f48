import NIOCore

/// A lookup table as described by a LUT Descriptor: number of entries, first stored value mapped, and bits per
/// entry, with the entries. Used for the Modality LUT, the VOI LUT and the Palette Color LUTs. PS3.3 §C.11.1.1,
/// §C.11.2.1.1, §C.7.6.3.1.5.
public struct LookupTable: Sendable, Equatable {
    /// The stored pixel value mapped to the first entry.
    public var firstMappedValue: Int
    /// Bits per entry (8 to 16).
    public var bitsPerEntry: Int
    /// The entries.
    public var entries: [UInt16]

    /// Creates a table.
    public init(firstMappedValue: Int, bitsPerEntry: Int, entries: [UInt16]) {
        self.firstMappedValue = firstMappedValue
        self.bitsPerEntry = bitsPerEntry
        self.entries = entries
    }

    /// Reads a table from a descriptor element (3 values, US or SS) and a data element (OW/US/SS words; 8-bit
    /// entries may also be packed two per word). `firstValueIsSigned` follows the pixel representation, as the
    /// descriptor's second value is signed when the pixel values are. PS3.3 §C.11.1.1.
    public init(descriptor: DataElement, data: DataElement, firstValueIsSigned: Bool) throws {
        let words = Self.words(of: descriptor)
        guard words.count >= 3 else {
            throw DICOMError(
                .invalidPixelData, "LUT Descriptor has \(words.count) values, 3 expected", tag: descriptor.tag)
        }
        // A first value of 0 means 2^16 entries.
        let count = words[0] == 0 ? 65_536 : Int(words[0])
        let first = firstValueIsSigned ? Int(Int16(bitPattern: words[1])) : Int(words[1])
        let bits = Int(words[2])
        guard (1...16).contains(bits) else {
            throw DICOMError(.invalidPixelData, "LUT Descriptor declares \(bits) bits per entry", tag: descriptor.tag)
        }
        guard let buffer = data.bytes else {
            throw DICOMError(.invalidPixelData, "LUT Data is not a binary value", tag: data.tag)
        }
        var entries: [UInt16]
        if buffer.readableBytes >= count * 2 {
            entries = Self.words(buffer).prefix(count).map { $0 }
        } else if bits <= 8 && buffer.readableBytes >= count {
            // 8-bit entries packed into bytes (seen in files written with byte-sized LUT data).
            entries = buffer.getBytes(at: buffer.readerIndex, length: count)?.map { UInt16($0) } ?? []
        } else {
            throw DICOMError(
                .invalidPixelData,
                "LUT Data holds \(buffer.readableBytes) bytes for \(count) entries", tag: data.tag)
        }
        if bits <= 8, entries.contains(where: { $0 > 255 }) {
            // Some writers put 8-bit entries in the high byte; keep the significant byte.
            entries = entries.map { $0 > 255 ? $0 >> 8 : $0 }
        }
        self.init(firstMappedValue: first, bitsPerEntry: bits, entries: entries)
    }

    /// The largest value an entry can hold.
    public var maximumEntry: Int { (1 << bitsPerEntry) - 1 }

    /// The entry for a stored value; values outside the table take the first or last entry.
    @inline(__always)
    public func lookup(_ value: Int) -> Int {
        guard let last = entries.indices.last else { return 0 }
        let (index, overflow) = value.subtractingReportingOverflow(firstMappedValue)
        if overflow { return Int(value < 0 ? entries[0] : entries[last]) }
        if index <= 0 { return Int(entries[0]) }
        if index >= last { return Int(entries[last]) }
        return Int(entries[index])
    }

    static func words(of element: DataElement) -> [UInt16] {
        guard let buffer = element.bytes else { return [] }
        return words(buffer)
    }

    static func words(_ buffer: ByteBuffer) -> [UInt16] {
        var copy = buffer
        var result: [UInt16] = []
        result.reserveCapacity(copy.readableBytes / 2)
        while let word = copy.readInteger(endianness: .little, as: UInt16.self) { result.append(word) }
        return result
    }
}
