import DICOM
import NIOCore

extension CommandSet {
    /// Encodes in Implicit VR Little Endian with Command Group Length first, PS3.7 §6.3.1, through
    /// the DICOM module's writer (``DICOMWriter/encodeCommandSet(_:)``).
    public func encoded() throws(DICOMNetworkError) -> ByteBuffer {
        var dataSet = DataSet()
        // In tag order, so every insert is an append.
        for (key, value) in elements.sorted(by: { $0.key < $1.key }) where key != Element.commandGroupLength.rawValue {
            dataSet.insert(Self.dataElement(Tag(0x0000, key), value))
        }
        do {
            return try DICOMWriter().encodeCommandSet(dataSet)
        } catch {
            // Only a value the UL Command Group Length could not state (over 4 GiB) fails here.
            throw DICOMNetworkError(.malformedCommand, "the command set cannot be encoded: \(error)")
        }
    }

    /// The element with the VR PS3.7 Table E.1-1 gives it; the VR decides the padding (PS3.5 §6.2).
    private static func dataElement(_ tag: Tag, _ value: Value) -> DataElement {
        var bytes = ByteBuffer()
        let vr: VR
        switch value {
        case .uid(let s):
            vr = .UI
            bytes.writeString(s)
        case .text(let s):
            vr = .LO
            bytes.writeString(s)
        case .uint16(let v):
            vr = .US
            bytes.writeInteger(v, endianness: .little)
        case .uint32(let v):
            vr = .UL
            bytes.writeInteger(v, endianness: .little)
        case .tags(let tags):
            vr = .AT
            for t in tags {
                bytes.writeInteger(UInt16(t >> 16), endianness: .little)
                bytes.writeInteger(UInt16(t & 0xFFFF), endianness: .little)
            }
        }
        return DataElement(tag: tag, vr: vr, bytes: bytes)
    }

    /// Decodes an Implicit VR Little Endian command set. Elements outside group 0000 are refused;
    /// unknown group-0000 elements (retired ones some peers still send) are skipped.
    public static func decode(_ buffer: ByteBuffer) throws -> CommandSet {
        let dataSet: DataSet
        do {
            dataSet = try DICOMReader().readCommandSet(buffer)
        } catch let error as DICOMError {
            throw DICOMNetworkError(.malformedCommand, "command set unreadable: \(error)")
        }
        var set = CommandSet()
        set.elements.reserveCapacity(dataSet.count)
        for element in dataSet {
            let tag = element.tag
            guard tag.group == 0x0000 else {
                throw DICOMNetworkError(
                    .malformedCommand,
                    "element (\(hex(tag.group)),\(hex(tag.element))) outside group 0000 in command set")
            }
            guard let known = Element(rawValue: tag.element) else { continue }
            guard let bytes = element.bytes else {
                throw DICOMNetworkError(
                    .malformedCommand, "element (0000,\(hex(tag.element))) has undefined length in a command set")
            }
            set.elements[tag.element] = try value(of: known, bytes: Array(bytes.readableBytesView))
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
