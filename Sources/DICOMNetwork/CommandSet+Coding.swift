import NIOCore

/// The wire form of a command set: group 0000 in Implicit VR Little Endian, Command Group Length
/// (0000,0000) first, elements in ascending tag order (PS3.7 §6.3.1, PS3.5 §7.1.3 and §7.5.1).
///
/// A command set is a flat list of a few short elements, coded on every DIMSE message in both
/// directions, so it is written and read here in one pass over the bytes rather than through the
/// DICOM module's general `DataSet` reader and writer: that path allocated a buffer per element
/// and a data set per message, which was a tenth of the server's CPU per C-ECHO. The VR of each
/// element is fixed by PS3.7 Table E.1-1 (``Value``), so nothing here needs a dictionary.
extension CommandSet {
    /// Encodes in Implicit VR Little Endian with Command Group Length first, PS3.7 §6.3.1.
    public func encoded() throws(DICOMNetworkError) -> ByteBuffer {
        let sorted = elements.sorted { $0.key < $1.key }
        var groupLength = 0
        for (element, value) in sorted where element != Element.commandGroupLength.rawValue {
            groupLength += 8 + Self.paddedLength(of: value)
        }
        guard groupLength <= Int(UInt32.max) - 12 else {
            throw DICOMNetworkError(.malformedCommand, "the command set is too long for its group length")
        }
        var buffer = ByteBuffer()
        buffer.reserveCapacity(12 + groupLength)
        Self.writeHeader(Element.commandGroupLength.rawValue, length: 4, into: &buffer)
        buffer.writeInteger(UInt32(groupLength), endianness: .little)
        for (element, value) in sorted where element != Element.commandGroupLength.rawValue {
            Self.writeHeader(element, length: Self.paddedLength(of: value), into: &buffer)
            Self.write(value, into: &buffer)
        }
        return buffer
    }

    /// Decodes an Implicit VR Little Endian command set. Elements outside group 0000 are refused;
    /// unknown group-0000 elements (retired ones some peers still send) are skipped.
    public static func decode(_ buffer: ByteBuffer) throws(DICOMNetworkError) -> CommandSet {
        var buffer = buffer
        var set = CommandSet()
        set.elements.reserveCapacity(8)
        while buffer.readableBytes > 0 {
            guard let group = buffer.readInteger(endianness: .little, as: UInt16.self),
                let element = buffer.readInteger(endianness: .little, as: UInt16.self),
                let length = buffer.readInteger(endianness: .little, as: UInt32.self)
            else {
                throw DICOMNetworkError(.malformedCommand, "command set unreadable: an element header is cut short")
            }
            guard group == 0x0000 else {
                throw DICOMNetworkError(
                    .malformedCommand, "element (\(hex(group)),\(hex(element))) outside group 0000 in command set")
            }
            // Undefined length (a sequence) has no place in a command set: PS3.7 §6.3.1 allows
            // only the fixed-VR elements of Table E.1-1.
            guard length != 0xFFFF_FFFF else {
                throw DICOMNetworkError(
                    .malformedCommand, "element (0000,\(hex(element))) has undefined length in a command set")
            }
            guard Int(length) <= buffer.readableBytes, let value = buffer.readSlice(length: Int(length)) else {
                throw DICOMNetworkError(
                    .malformedCommand,
                    "command set unreadable: element (0000,\(hex(element))) declares \(length) bytes, "
                        + "\(buffer.readableBytes) remain")
            }
            guard let known = Element(rawValue: element) else { continue }
            set.elements[element] = try Self.value(of: known, bytes: value)
        }
        guard set.commandField != nil else {
            throw DICOMNetworkError(.malformedCommand, "command set without a known Command Field (0000,0100)")
        }
        return set
    }

    // MARK: Writing

    /// Tag (0000,element) and the 32-bit length of Implicit VR (PS3.5 §7.1.3), as one 8-byte write:
    /// little endian, the group's two zero bytes come first, then the element, then the length.
    private static func writeHeader(_ element: UInt16, length: Int, into buffer: inout ByteBuffer) {
        buffer.writeInteger(UInt64(element) << 16 | UInt64(UInt32(length)) << 32, endianness: .little)
    }

    /// The value's length on the wire: strings are padded to even length (PS3.5 §7.1.1).
    private static func paddedLength(of value: Value) -> Int {
        switch value {
        case .uid(let s), .text(let s): (s.utf8.count + 1) & ~1
        case .uint16: 2
        case .uint32: 4
        case .tags(let tags): 4 * tags.count
        }
    }

    private static func write(_ value: Value, into buffer: inout ByteBuffer) {
        switch value {
        case .uid(let s):
            // UI pads with NUL, AE and LO with a space (PS3.5 §6.2).
            buffer.writeString(s)
            if s.utf8.count % 2 == 1 { buffer.writeInteger(UInt8(0x00)) }
        case .text(let s):
            buffer.writeString(s)
            if s.utf8.count % 2 == 1 { buffer.writeInteger(UInt8(0x20)) }
        case .uint16(let v):
            buffer.writeInteger(v, endianness: .little)
        case .uint32(let v):
            buffer.writeInteger(v, endianness: .little)
        case .tags(let tags):
            // AT: group then element, each little endian (PS3.5 §6.2).
            for t in tags {
                buffer.writeInteger(UInt16(t >> 16), endianness: .little)
                buffer.writeInteger(UInt16(t & 0xFFFF), endianness: .little)
            }
        }
    }

    // MARK: Reading

    private static func value(of element: Element, bytes: ByteBuffer) throws(DICOMNetworkError) -> Value {
        var bytes = bytes
        switch element {
        case .affectedSOPClassUID, .requestedSOPClassUID, .affectedSOPInstanceUID, .requestedSOPInstanceUID:
            return .uid(bytes.readUID())
        case .moveDestination, .errorComment, .moveOriginatorApplicationEntityTitle:
            // AE and LO lose their padding as UIDs do (PS3.5 §6.2).
            return .text(String(buffer: bytes).trimmingSpacesAndNulls())
        case .commandGroupLength:
            guard bytes.readableBytes == 4, let v = bytes.readInteger(endianness: .little, as: UInt32.self) else {
                throw DICOMNetworkError(.malformedCommand, "UL element not 4 bytes")
            }
            return .uint32(v)
        case .offendingElement, .attributeIdentifierList:
            guard bytes.readableBytes % 4 == 0 else {
                throw DICOMNetworkError(.malformedCommand, "AT element length not a multiple of 4")
            }
            var tags: [UInt32] = []
            tags.reserveCapacity(bytes.readableBytes / 4)
            while let g = bytes.readInteger(endianness: .little, as: UInt16.self),
                let e = bytes.readInteger(endianness: .little, as: UInt16.self)
            {
                tags.append(UInt32(g) << 16 | UInt32(e))
            }
            return .tags(tags)
        default:
            guard bytes.readableBytes == 2, let v = bytes.readInteger(endianness: .little, as: UInt16.self) else {
                throw DICOMNetworkError(.malformedCommand, "US element (0000,\(hex(element.rawValue))) not 2 bytes")
            }
            return .uint16(v)
        }
    }

    private static func hex(_ v: UInt16) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: 4 - s.count) + s
    }
}
