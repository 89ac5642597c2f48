import CompressNIO
import Foundation
import NIOCore

/// Writes DICOM Part 10 files (PS3.10 §7.1) and raw data sets (PS3.5 §7) in implicit VR little endian,
/// explicit VR little endian, deflated explicit VR little endian and the encapsulated transfer syntaxes.
///
/// Sequences and items are written with undefined length; group length elements present in the data set
/// are recomputed; odd-length values are padded as PS3.5 §6.2 prescribes.
public struct DICOMWriter: Sendable {
    /// Implementation Class UID written into file meta information (a UUID-derived UID, PS3.5 §B.2).
    public static let implementationClassUID = "2.25.269927094622713452937839213012937364103"
    /// Implementation Version Name written into file meta information.
    public static let implementationVersionName = "LIGHTBOX_1"

    /// Creates a writer.
    public init() {}

    /// Encodes a Part 10 file: preamble, "DICM", completed file meta information, data set.
    public func write(_ file: DICOMFile) throws -> ByteBuffer {
        var out = try encodeFileMetaInformation(fileMetaInformation(for: file), preamble: file.preamble)
        var body = try encode(file.dataSet.withoutGroup(0x0002), transferSyntax: file.transferSyntax)
        out.writeBuffer(&body)
        return out
    }

    /// Encodes the head of a Part 10 file: the preamble (zeros unless 128 bytes are given), "DICM" and
    /// `meta` as given (group 0002 elements) in Explicit VR Little Endian, File Meta Information Group
    /// Length (0002,0000) computed and written first. The data set is not included, so a caller can
    /// stream it after these bytes. PS3.10 §7.1.
    public func encodeFileMetaInformation(_ meta: DataSet, preamble: ByteBuffer? = nil) throws -> ByteBuffer {
        var out = ByteBuffer()
        out.reserveCapacity(4096)
        if let preamble, preamble.readableBytes == 128 {
            out.writeImmutableBuffer(preamble)
        } else {
            out.writeRepeatingByte(0, count: 128)
        }
        out.writeBytes([0x44, 0x49, 0x43, 0x4D])
        var encoder = ElementEncoder(syntax: .explicitVRLittleEndian)
        var metaBody = ByteBuffer()
        for element in meta where element.tag != .fileMetaInformationGroupLength {
            try encoder.encode(element, into: &metaBody)
        }
        try encoder.encode(
            DataElement(
                tag: .fileMetaInformationGroupLength, vr: .UL,
                bytes: Self.uint32(UInt32(metaBody.readableBytes))), into: &out)
        out.writeBuffer(&metaBody)
        return out
    }

    /// Writes a Part 10 file to disk (whole file written, then closed).
    public func write(_ file: DICOMFile, toPath path: String) throws {
        let buffer = try write(file)
        let data = Data(buffer.readableBytesView)
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw DICOMError(.io, "cannot write \(path): \(error)")
        }
    }

    /// Encodes a data set without preamble or meta information in a transfer syntax (deflated when it says so).
    public func encode(_ dataSet: DataSet, transferSyntax: TransferSyntax) throws -> ByteBuffer {
        guard transferSyntax.isLittleEndian else {
            throw DICOMError(.unsupportedTransferSyntax, "writing \(transferSyntax) (big endian) is not supported")
        }
        var encoder = ElementEncoder(syntax: transferSyntax)
        var out = ByteBuffer()
        out.reserveCapacity(dataSet.elements.reduce(0) { $0 + $1.valueLength + 12 })
        try encoder.encode(dataSet, into: &out)
        if transferSyntax.isDeflated {
            do {
                return try out.compress(with: .deflate())
            } catch {
                throw DICOMError(.deflate, "deflating the data set failed: \(error)")
            }
        }
        return out
    }

    /// Encodes a DIMSE command set: implicit VR little endian with Command Group Length (0000,0000)
    /// computed. PS3.7 §6.3.1, §E.1.
    public func encodeCommandSet(_ command: DataSet) throws -> ByteBuffer {
        var dataSet = command
        if !dataSet.contains(.commandGroupLength) {
            dataSet.insert(DataElement(tag: .commandGroupLength, vr: .UL, bytes: Self.uint32(0)))
        }
        return try encode(dataSet, transferSyntax: .implicitVRLittleEndian)
    }

    /// The file meta information written for a file: the given group 0002 completed. PS3.10 §7.1.
    public func fileMetaInformation(for file: DICOMFile) throws -> DataSet {
        var meta = file.fileMetaInformation
        if !meta.contains(.fileMetaInformationVersion) {
            meta.set(.fileMetaInformationVersion, vr: .OB, bytes: ByteBuffer(bytes: [0x00, 0x01]))
        }
        if !meta.contains(.mediaStorageSOPClassUID), let uid = file.dataSet.string(.sopClassUID) {
            try meta.set(.mediaStorageSOPClassUID, vr: .UI, string: uid)
        }
        if !meta.contains(.mediaStorageSOPInstanceUID), let uid = file.dataSet.string(.sopInstanceUID) {
            try meta.set(.mediaStorageSOPInstanceUID, vr: .UI, string: uid)
        }
        try meta.set(.transferSyntaxUID, vr: .UI, string: file.transferSyntax.uid)
        if !meta.contains(.implementationClassUID) {
            try meta.set(.implementationClassUID, vr: .UI, string: Self.implementationClassUID)
        }
        if !meta.contains(.implementationVersionName) {
            try meta.set(.implementationVersionName, vr: .SH, string: Self.implementationVersionName)
        }
        meta.insert(DataElement(tag: .fileMetaInformationGroupLength, vr: .UL, bytes: Self.uint32(0)))
        return meta
    }

    static func uint32(_ value: UInt32) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeInteger(value, endianness: .little)
        return buffer
    }
}

extension DataSet {
    func withoutGroup(_ group: UInt16) -> DataSet {
        guard elements.contains(where: { $0.tag.group == group }) else { return self }
        var copy = self
        copy.removeGroup(group)
        return copy
    }
}

/// Encodes elements in one transfer syntax (little endian). PS3.5 §7.1.
struct ElementEncoder {
    let syntax: TransferSyntax

    mutating func encode(_ dataSet: DataSet, into out: inout ByteBuffer) throws {
        let elements = dataSet.elements
        var index = 0
        while index < elements.count {
            let element = elements[index]
            if element.tag.isGroupLength && element.tag.group != 0x0002 {
                // Recompute the group length from what is actually written. PS3.5 §7.2.
                var group = ByteBuffer()
                var next = index + 1
                while next < elements.count && elements[next].tag.group == element.tag.group {
                    try encode(elements[next], into: &group)
                    next += 1
                }
                try encode(
                    DataElement(tag: element.tag, vr: .UL, bytes: DICOMWriter.uint32(UInt32(group.readableBytes))),
                    into: &out)
                out.writeBuffer(&group)
                index = next
            } else {
                try encode(element, into: &out)
                index += 1
            }
        }
    }

    mutating func encode(_ element: DataElement, into out: inout ByteBuffer) throws {
        switch element.value {
        case .bytes(let value):
            let length = value.readableBytes
            let padded = length + (length & 1)
            guard padded <= 0xFFFF_FFFE else {
                throw DICOMError(.unencodableValue, "value of \(length) bytes is too long", tag: element.tag)
            }
            var vr = element.vr
            if syntax.isExplicitVR && !vr.hasLongExplicitHeader && padded > 0xFFFF {
                vr = .UN  // a 16-bit length cannot hold it; UN has a 32-bit length. PS3.5 §6.2.2.
            }
            writeHeader(element.tag, vr: vr, length: UInt32(padded), into: &out)
            out.writeImmutableBuffer(value)
            if length & 1 == 1 { out.writeInteger(element.vr.paddingByte) }
        case .sequence(let items):
            writeHeader(element.tag, vr: .SQ, length: 0xFFFF_FFFF, into: &out)
            for item in items {
                writeTag(.item, into: &out)
                out.writeInteger(UInt32(0xFFFF_FFFF), endianness: .little)
                try encode(item, into: &out)
                writeTag(.itemDelimitationItem, into: &out)
                out.writeInteger(UInt32(0), endianness: .little)
            }
            writeTag(.sequenceDelimitationItem, into: &out)
            out.writeInteger(UInt32(0), endianness: .little)
        case .fragments(let data):
            writeHeader(element.tag, vr: element.vr == .OW ? .OW : .OB, length: 0xFFFF_FFFF, into: &out)
            for fragment in [data.basicOffsetTable] + data.fragments {
                let length = fragment.readableBytes
                writeTag(.item, into: &out)
                out.writeInteger(UInt32(length + (length & 1)), endianness: .little)
                out.writeImmutableBuffer(fragment)
                if length & 1 == 1 { out.writeInteger(UInt8(0)) }
            }
            writeTag(.sequenceDelimitationItem, into: &out)
            out.writeInteger(UInt32(0), endianness: .little)
        }
    }

    private func writeTag(_ tag: Tag, into out: inout ByteBuffer) {
        out.writeInteger(tag.group, endianness: .little)
        out.writeInteger(tag.element, endianness: .little)
    }

    private func writeHeader(_ tag: Tag, vr: VR, length: UInt32, into out: inout ByteBuffer) {
        writeTag(tag, into: &out)
        if syntax.isExplicitVR {
            let (b0, b1) = vr.bytes
            out.writeInteger(b0)
            out.writeInteger(b1)
            if vr.hasLongExplicitHeader {
                out.writeInteger(UInt16(0), endianness: .little)
                out.writeInteger(length, endianness: .little)
            } else {
                out.writeInteger(UInt16(truncatingIfNeeded: length), endianness: .little)
            }
        } else {
            out.writeInteger(length, endianness: .little)
        }
    }
}
