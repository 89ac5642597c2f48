import NIOCore

extension CommandSet {
    /// Encodes in Implicit VR Little Endian with Command Group Length first, PS3.7 §6.3.1.
    public func encoded() -> ByteBuffer {
        var body = ByteBuffer()
        for key in elements.keys.sorted() where key != 0x0000 {
            guard let value = elements[key] else { continue }
            let bytes = Self.valueBytes(value)
            body.writeInteger(UInt16(0x0000), endianness: .little)
            body.writeInteger(key, endianness: .little)
            body.writeInteger(UInt32(bytes.count), endianness: .little)
            body.writeBytes(bytes)
        }
        var out = ByteBuffer()
        out.reserveCapacity(body.readableBytes + 12)
        out.writeInteger(UInt16(0x0000), endianness: .little)
        out.writeInteger(UInt16(0x0000), endianness: .little)
        out.writeInteger(UInt32(4), endianness: .little)
        out.writeInteger(UInt32(body.readableBytes), endianness: .little)
        out.writeBuffer(&body)
        return out
    }

    private static func valueBytes(_ value: Value) -> [UInt8] {
        switch value {
        case .uid(let s):
            var b = Array(s.utf8)
            if b.count % 2 == 1 { b.append(0) }
            return b
        case .text(let s):
            var b = Array(s.utf8)
            if b.count % 2 == 1 { b.append(0x20) }
            return b
        case .uint16(let v):
            return [UInt8(v & 0xFF), UInt8(v >> 8)]
        case .uint32(let v):
            return [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)]
        case .tags(let tags):
            var b: [UInt8] = []
            for t in tags {
                let g = UInt16(t >> 16)
                let e = UInt16(t & 0xFFFF)
                b += [UInt8(g & 0xFF), UInt8(g >> 8), UInt8(e & 0xFF), UInt8(e >> 8)]
            }
            return b
        }
    }

    /// Decodes an Implicit VR Little Endian command set. Elements outside group 0000 are refused;
    /// unknown group-0000 elements (retired ones some peers still send) are skipped.
    public static func decode(_ buffer: ByteBuffer) throws -> CommandSet {
        var buffer = buffer
        var set = CommandSet()
        while buffer.readableBytes > 0 {
            guard let group = buffer.readInteger(endianness: .little, as: UInt16.self),
                let element = buffer.readInteger(endianness: .little, as: UInt16.self),
                let length = buffer.readInteger(endianness: .little, as: UInt32.self)
            else {
                throw DICOMNetworkError(.malformedCommand, "command element header truncated")
            }
            guard group == 0x0000 else {
                throw DICOMNetworkError(
                    .malformedCommand, "element (\(hex(group)),\(hex(element))) outside group 0000 in command set")
            }
            guard length != 0xFFFF_FFFF, Int(length) <= buffer.readableBytes,
                let bytes = buffer.readBytes(length: Int(length))
            else {
                throw DICOMNetworkError(
                    .malformedCommand,
                    "element (0000,\(hex(element))) declares \(length) bytes, \(buffer.readableBytes) remain")
            }
            guard let known = Element(rawValue: element) else { continue }
            set.elements[element] = try value(of: known, bytes: bytes)
        }
        guard set.commandField != nil else {
            throw DICOMNetworkError(.malformedCommand, "command set without a known Command Field (0000,0100)")
        }
        return set
    }

    private static func value(of element: Element, bytes: [UInt8]) throws -> Value {
        func text() -> String {
            String(decoding: bytes, as: UTF8.self).trimmingSpacesAndNulls()
        }
        switch element {
        case .affectedSOPClassUID, .requestedSOPClassUID, .affectedSOPInstanceUID, .requestedSOPInstanceUID:
            return .uid(text())
        case .moveDestination, .errorComment, .moveOriginatorApplicationEntityTitle:
            return .text(text())
        case .commandGroupLength:
            guard bytes.count == 4 else { throw DICOMNetworkError(.malformedCommand, "UL element not 4 bytes") }
            return .uint32(UInt32(bytes[0]) | UInt32(bytes[1]) << 8 | UInt32(bytes[2]) << 16 | UInt32(bytes[3]) << 24)
        case .offendingElement, .attributeIdentifierList:
            guard bytes.count % 4 == 0 else {
                throw DICOMNetworkError(.malformedCommand, "AT element length not a multiple of 4")
            }
            var tags: [UInt32] = []
            var i = 0
            while i < bytes.count {
                let g = UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8
                let e = UInt32(bytes[i + 2]) | UInt32(bytes[i + 3]) << 8
                tags.append(g << 16 | e)
                i += 4
            }
            return .tags(tags)
        default:
            guard bytes.count == 2 else {
                throw DICOMNetworkError(.malformedCommand, "US element (0000,\(hex(element.rawValue))) not 2 bytes")
            }
            return .uint16(UInt16(bytes[0]) | UInt16(bytes[1]) << 8)
        }
    }

    private static func hex(_ v: UInt16) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: 4 - s.count) + s
    }
}
