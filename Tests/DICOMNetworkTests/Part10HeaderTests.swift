import DICOM
import Foundation
import NIOCore
import Testing

@testable import DICOMNetwork

/// The Part 10 head a C-STORE sender reads before streaming a file's data set, and the one a storage
/// SCP writes before streaming a received data set to disk. PS3.10 §7.1.
@Suite("Part 10 header")
struct Part10HeaderTests {
    func temporaryFile(_ bytes: ByteBuffer) throws -> String {
        let path = NSTemporaryDirectory() + "part10-\(UUID().uuidString).dcm"
        try Data(bytes.readableBytesView).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Implicit VR Little Endian elements of group 0008: SOP Class and Instance UIDs, then a Modality.
    func implicitDataSet(sopClass: String, sopInstance: String) -> ByteBuffer {
        var out = ByteBuffer()
        for (element, value) in [(UInt16(0x0016), sopClass + "\0"), (0x0018, sopInstance), (0x0060, "CT")] {
            out.writeInteger(UInt16(0x0008), endianness: .little)
            out.writeInteger(element, endianness: .little)
            out.writeInteger(UInt32(value.utf8.count), endianness: .little)
            out.writeString(value)
        }
        return out
    }

    @Test("encoded head: exact bytes of preamble, DICM, group length and padded meta elements")
    func encodedGolden() throws {
        let header = Part10Header(
            mediaStorageSOPClassUID: "1.2.3", mediaStorageSOPInstanceUID: "1.2.34", transferSyntaxUID: "1.2",
            implementationClassUID: "9.8.7", implementationVersionName: "V1", sourceApplicationEntityTitle: "SCU")
        var body: [UInt8] = [0x02, 0x00, 0x01, 0x00, 0x4F, 0x42, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01]
        body += [0x02, 0x00, 0x02, 0x00, 0x55, 0x49, 0x06, 0x00] + Array("1.2.3".utf8) + [0x00]
        body += [0x02, 0x00, 0x03, 0x00, 0x55, 0x49, 0x06, 0x00] + Array("1.2.34".utf8)
        body += [0x02, 0x00, 0x10, 0x00, 0x55, 0x49, 0x04, 0x00] + Array("1.2".utf8) + [0x00]
        body += [0x02, 0x00, 0x12, 0x00, 0x55, 0x49, 0x06, 0x00] + Array("9.8.7".utf8) + [0x00]
        body += [0x02, 0x00, 0x13, 0x00, 0x53, 0x48, 0x02, 0x00] + Array("V1".utf8)
        body += [0x02, 0x00, 0x16, 0x00, 0x41, 0x45, 0x04, 0x00] + Array("SCU ".utf8)
        let expected =
            [UInt8](repeating: 0, count: 128) + Array("DICM".utf8)
            + [0x02, 0x00, 0x00, 0x00, 0x55, 0x4C, 0x04, 0x00, UInt8(body.count), 0x00, 0x00, 0x00] + body
        #expect(Array(try header.encoded().readableBytesView) == expected)
    }

    @Test("read gives the meta fields, the data set's offset, and the data set's own UIDs")
    func readRoundTrip() throws {
        let header = Part10Header(
            mediaStorageSOPClassUID: "1.2.3", mediaStorageSOPInstanceUID: "1.2.3.4",
            transferSyntaxUID: TransferSyntaxUID.implicitVRLittleEndian, implementationClassUID: "9.8.7",
            implementationVersionName: "V1", sourceApplicationEntityTitle: "SCU")
        var file = try header.encoded()
        let headLength = file.readableBytes
        var dataSet = implicitDataSet(sopClass: "1.2.3", sopInstance: "1.2.3.99")
        file.writeBuffer(&dataSet)
        let path = try temporaryFile(file)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let read = try Part10Header.read(path: path)
        var expected = header
        expected.mediaStorageSOPInstanceUID = "1.2.3.99"
        expected.dataSetOffset = UInt64(headLength)
        #expect(read == expected)
    }

    @Test("a bare Implicit VR Little Endian data set is read from offset 0")
    func bareDataSet() throws {
        let path = try temporaryFile(implicitDataSet(sopClass: "1.2.840.10008.5.1.4.1.1.2", sopInstance: "1.2.5.6"))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let read = try Part10Header.read(path: path)
        #expect(read.mediaStorageSOPClassUID == "1.2.840.10008.5.1.4.1.1.2")
        #expect(read.mediaStorageSOPInstanceUID == "1.2.5.6")
        #expect(read.transferSyntaxUID == TransferSyntaxUID.implicitVRLittleEndian)
        #expect(read.dataSetOffset == 0)
    }

    @Test("files that are not DICOM, or whose meta group is cut, are refused with file.not-part10")
    func notPart10() throws {
        var cut = try Part10Header(
            mediaStorageSOPClassUID: "1.2.3", mediaStorageSOPInstanceUID: "1.2.3.4", transferSyntaxUID: "1.2",
            implementationClassUID: "9.8.7"
        ).encoded()
        cut.moveWriterIndex(to: cut.writerIndex - 3)
        var noTransferSyntax = ByteBuffer(repeating: 0, count: 128)
        noTransferSyntax.writeString("DICM")
        noTransferSyntax.writeBytes([0x02, 0x00, 0x02, 0x00, 0x55, 0x49, 0x02, 0x00, 0x31, 0x00])
        for bytes in [ByteBuffer(string: String(repeating: "not dicom ", count: 30)), cut, noTransferSyntax] {
            let path = try temporaryFile(bytes)
            defer { try? FileManager.default.removeItem(atPath: path) }
            #expect(throws: DICOMNetworkError.self) { try Part10Header.read(path: path) }
            do {
                _ = try Part10Header.read(path: path)
            } catch let error as DICOMNetworkError {
                #expect(error.code == .notPart10)
            }
        }
    }
}
