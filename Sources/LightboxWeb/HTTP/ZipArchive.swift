import DICOM
import Foundation
import NIOCore

/// A ZIP file of stored (uncompressed) entries, as every operating system opens without extra software
/// (APPNOTE.TXT 6.3: local file headers, central directory, end of central directory record). DICOM pixel data
/// rarely shrinks under deflate, and storing keeps a large export cheap to build. Without ZIP64, an archive and
/// each entry stay under 4 GiB and 65,535 entries; ``append(name:bytes:)`` refuses beyond.
struct ZipArchive {
    struct TooLarge: Error, CustomStringConvertible {
        var description: String
    }

    private(set) var buffer = ByteBuffer()
    private var central = ByteBuffer()
    private var count = 0

    /// Adds one file; `name` uses `/` between folders.
    mutating func append(name: String, bytes: Data) throws {
        let nameBytes = Array(name.utf8)
        let offset = buffer.writerIndex
        guard count < 0xFFFF, bytes.count < Int(UInt32.max),
            offset + bytes.count + nameBytes.count + 30 < Int(UInt32.max)
        else {
            throw TooLarge(description: "the export is too large for one ZIP file; export one series at a time")
        }
        let crc = CRC32.checksum(Array(bytes))
        // Local file header: version 2.0, flags bit 11 (names in UTF-8), method 0 (stored), DOS time and date 0.
        buffer.writeInteger(UInt32(0x0403_4B50), endianness: .little)
        buffer.writeInteger(UInt16(20), endianness: .little)
        buffer.writeInteger(UInt16(0x0800), endianness: .little)
        buffer.writeInteger(UInt16(0), endianness: .little)
        buffer.writeInteger(UInt16(0), endianness: .little)
        buffer.writeInteger(UInt16(0x0021), endianness: .little)
        buffer.writeInteger(crc, endianness: .little)
        buffer.writeInteger(UInt32(bytes.count), endianness: .little)
        buffer.writeInteger(UInt32(bytes.count), endianness: .little)
        buffer.writeInteger(UInt16(nameBytes.count), endianness: .little)
        buffer.writeInteger(UInt16(0), endianness: .little)
        buffer.writeBytes(nameBytes)
        buffer.writeBytes(bytes)
        // Its central directory entry.
        central.writeInteger(UInt32(0x0201_4B50), endianness: .little)
        central.writeInteger(UInt16(20), endianness: .little)
        central.writeInteger(UInt16(20), endianness: .little)
        central.writeInteger(UInt16(0x0800), endianness: .little)
        central.writeInteger(UInt16(0), endianness: .little)
        central.writeInteger(UInt16(0), endianness: .little)
        central.writeInteger(UInt16(0x0021), endianness: .little)
        central.writeInteger(crc, endianness: .little)
        central.writeInteger(UInt32(bytes.count), endianness: .little)
        central.writeInteger(UInt32(bytes.count), endianness: .little)
        central.writeInteger(UInt16(nameBytes.count), endianness: .little)
        central.writeInteger(UInt16(0), endianness: .little)
        central.writeInteger(UInt16(0), endianness: .little)
        central.writeInteger(UInt16(0), endianness: .little)
        central.writeInteger(UInt16(0), endianness: .little)
        central.writeInteger(UInt32(0), endianness: .little)
        central.writeInteger(UInt32(offset), endianness: .little)
        central.writeBytes(nameBytes)
        count += 1
    }

    /// The whole archive: entries, central directory, end record.
    func finished() -> ByteBuffer {
        var out = buffer
        let directoryOffset = out.writerIndex
        var directory = central
        let directorySize = directory.readableBytes
        out.writeBuffer(&directory)
        out.writeInteger(UInt32(0x0605_4B50), endianness: .little)
        out.writeInteger(UInt16(0), endianness: .little)
        out.writeInteger(UInt16(0), endianness: .little)
        out.writeInteger(UInt16(count), endianness: .little)
        out.writeInteger(UInt16(count), endianness: .little)
        out.writeInteger(UInt32(directorySize), endianness: .little)
        out.writeInteger(UInt32(directoryOffset), endianness: .little)
        out.writeInteger(UInt16(0), endianness: .little)
        return out
    }
}
