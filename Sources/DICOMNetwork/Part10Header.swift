import DICOM
import Foundation
import NIOCore

/// The part of a DICOM file (PS3.10 §7.1) the network layer needs: the preamble, "DICM" and the
/// File Meta Information group (0002), read without loading the data set that follows, so a
/// C-STORE can stream the rest of the file. Writing produces the header for a received data set.
public struct Part10Header: Sendable, Equatable {
    public var mediaStorageSOPClassUID: String
    public var mediaStorageSOPInstanceUID: String
    public var transferSyntaxUID: String
    public var implementationClassUID: String
    public var implementationVersionName: String?
    public var sourceApplicationEntityTitle: String?
    /// Byte offset of the data set in the file (after the meta group).
    public var dataSetOffset: UInt64

    public init(
        mediaStorageSOPClassUID: String, mediaStorageSOPInstanceUID: String, transferSyntaxUID: String,
        implementationClassUID: String, implementationVersionName: String? = nil,
        sourceApplicationEntityTitle: String? = nil, dataSetOffset: UInt64 = 0
    ) {
        self.mediaStorageSOPClassUID = mediaStorageSOPClassUID
        self.mediaStorageSOPInstanceUID = mediaStorageSOPInstanceUID
        self.transferSyntaxUID = transferSyntaxUID
        self.implementationClassUID = implementationClassUID
        self.implementationVersionName = implementationVersionName
        self.sourceApplicationEntityTitle = sourceApplicationEntityTitle
        self.dataSetOffset = dataSetOffset
    }

    /// Reads the header of the file at `path`.
    public static func read(path: String) throws -> Part10Header {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw DICOMNetworkError(.io, "cannot open \(path)")
        }
        defer { try? handle.close() }
        // The meta group is small; 64 KiB covers any sane one and bounds what a bad file costs us.
        let head = ByteBuffer(bytes: (try? handle.read(upToCount: 65_536)) ?? Data())
        if head.readableBytes >= 132, head.getString(at: 128, length: 4) == "DICM" {
            var header = try parse(head, path: path)
            // The C-STORE command must name the data set's own UIDs; files whose meta group
            // disagrees with (0008,0016)/(0008,0018) exist, and peers check (dcmtk answers A900).
            if let dataSet = try? DICOMReader(options: .init(stopAfter: .sopInstanceUID)).read(head).dataSet {
                if let uid = dataSet.string(.sopClassUID), !uid.isEmpty { header.mediaStorageSOPClassUID = uid }
                if let uid = dataSet.string(.sopInstanceUID), !uid.isEmpty { header.mediaStorageSOPInstanceUID = uid }
            }
            return header
        }
        return try parseRawImplicitLittleEndian(head, path: path)
    }

    /// Old files without preamble and meta group: a bare data set in the default transfer syntax
    /// (PS3.5 §10.1). Real archives still hold such files, so the UIDs are taken from the
    /// leading group 0008 elements, which precede any sequence.
    static func parseRawImplicitLittleEndian(_ head: ByteBuffer, path: String) throws -> Part10Header {
        var buffer = head
        var sopClass: String?
        var sopInstance: String?
        while sopInstance == nil, buffer.readableBytes >= 8,
            let group = buffer.readInteger(endianness: .little, as: UInt16.self),
            let element = buffer.readInteger(endianness: .little, as: UInt16.self),
            let length = buffer.readInteger(endianness: .little, as: UInt32.self),
            group == 0x0008, length != 0xFFFF_FFFF, Int(length) <= buffer.readableBytes
        {
            guard let value = buffer.readString(length: Int(length)) else { break }
            if element == 0x0016 { sopClass = value.trimmingSpacesAndNulls() }
            if element == 0x0018 { sopInstance = value.trimmingSpacesAndNulls() }
            if element > 0x0018 { break }
        }
        guard let sopClass, let sopInstance, !sopClass.isEmpty, !sopInstance.isEmpty else {
            throw DICOMNetworkError(
                .notPart10,
                "\(path) has no DICM prefix (PS3.10 §7.1) and is not a bare data set with SOP Class/Instance UIDs")
        }
        return Part10Header(
            mediaStorageSOPClassUID: sopClass, mediaStorageSOPInstanceUID: sopInstance,
            transferSyntaxUID: TransferSyntaxUID.implicitVRLittleEndian, implementationClassUID: "", dataSetOffset: 0)
    }

    static func parse(_ head: ByteBuffer, path: String) throws -> Part10Header {
        var buffer = head
        guard buffer.readableBytes >= 132, buffer.getString(at: 128, length: 4) == "DICM" else {
            throw DICOMNetworkError(.notPart10, "\(path) has no DICM prefix at byte 128 (PS3.10 §7.1)")
        }
        buffer.moveReaderIndex(forwardBy: 132)
        var values: [UInt16: String] = [:]
        var end: Int?
        while buffer.readableBytes >= 8 {
            let start = buffer.readerIndex
            guard let group = buffer.getInteger(at: start, endianness: .little, as: UInt16.self), group == 0x0002
            else { break }
            guard let element = buffer.getInteger(at: start + 2, endianness: .little, as: UInt16.self),
                let vr = buffer.getString(at: start + 4, length: 2)
            else { break }
            var length: Int
            var headerLength: Int
            if ["OB", "OW", "OF", "SQ", "UT", "UN", "OD", "OL", "OV", "UC", "UR", "SV", "UV"].contains(vr) {
                guard let l = buffer.getInteger(at: start + 8, endianness: .little, as: UInt32.self) else {
                    throw DICOMNetworkError(.notPart10, "\(path): file meta element truncated")
                }
                length = Int(l)
                headerLength = 12
            } else {
                guard let l = buffer.getInteger(at: start + 6, endianness: .little, as: UInt16.self) else {
                    throw DICOMNetworkError(.notPart10, "\(path): file meta element truncated")
                }
                length = Int(l)
                headerLength = 8
            }
            guard length != 0xFFFF_FFFF, start + headerLength + length <= buffer.writerIndex else {
                throw DICOMNetworkError(.notPart10, "\(path): file meta element (0002,\(element)) overruns")
            }
            if element == 0x0000, length == 4,
                let groupLength = buffer.getInteger(at: start + headerLength, endianness: .little, as: UInt32.self)
            {
                end = start + headerLength + length + Int(groupLength)
            } else if let text = buffer.getString(at: start + headerLength, length: length) {
                values[element] = text.trimmingSpacesAndNulls()
            }
            buffer.moveReaderIndex(to: start + headerLength + length)
            if let end, buffer.readerIndex >= end { break }
        }
        guard let ts = values[0x0010], !ts.isEmpty else {
            throw DICOMNetworkError(.notPart10, "\(path): no Transfer Syntax UID (0002,0010)")
        }
        guard let sopClass = values[0x0002], let sopInstance = values[0x0003] else {
            throw DICOMNetworkError(.notPart10, "\(path): no Media Storage SOP Class/Instance UID")
        }
        return Part10Header(
            mediaStorageSOPClassUID: sopClass, mediaStorageSOPInstanceUID: sopInstance, transferSyntaxUID: ts,
            implementationClassUID: values[0x0012] ?? "", implementationVersionName: values[0x0013],
            sourceApplicationEntityTitle: values[0x0016], dataSetOffset: UInt64(buffer.readerIndex))
    }

    /// The preamble, prefix and File Meta Information group (Explicit VR Little Endian), PS3.10 §7.1.
    public func encoded() -> ByteBuffer {
        var meta = ByteBuffer()
        func element(_ element: UInt16, _ vr: String, _ value: [UInt8]) {
            meta.writeInteger(UInt16(0x0002), endianness: .little)
            meta.writeInteger(element, endianness: .little)
            meta.writeString(vr)
            if vr == "OB" {
                meta.writeInteger(UInt16(0))
                meta.writeInteger(UInt32(value.count), endianness: .little)
            } else {
                meta.writeInteger(UInt16(value.count), endianness: .little)
            }
            meta.writeBytes(value)
        }
        func text(_ s: String, pad: UInt8) -> [UInt8] {
            var b = Array(s.utf8)
            if b.count % 2 == 1 { b.append(pad) }
            return b
        }
        element(0x0001, "OB", [0x00, 0x01])
        element(0x0002, "UI", text(mediaStorageSOPClassUID, pad: 0))
        element(0x0003, "UI", text(mediaStorageSOPInstanceUID, pad: 0))
        element(0x0010, "UI", text(transferSyntaxUID, pad: 0))
        element(0x0012, "UI", text(implementationClassUID, pad: 0))
        if let implementationVersionName { element(0x0013, "SH", text(implementationVersionName, pad: 0x20)) }
        if let sourceApplicationEntityTitle { element(0x0016, "AE", text(sourceApplicationEntityTitle, pad: 0x20)) }
        var out = ByteBuffer()
        out.writeRepeatingByte(0, count: 128)
        out.writeString("DICM")
        out.writeInteger(UInt16(0x0002), endianness: .little)
        out.writeInteger(UInt16(0x0000), endianness: .little)
        out.writeString("UL")
        out.writeInteger(UInt16(4), endianness: .little)
        out.writeInteger(UInt32(meta.readableBytes), endianness: .little)
        out.writeBuffer(&meta)
        return out
    }
}
