import NIOCore
import Testing

@testable import DICOM

/// The head of a Part 10 file on its own: what a sender reads before streaming the data set and what
/// a receiver writes before streaming one to disk. PS3.10 §7.1.
@Suite("File Meta Information alone")
struct FileMetaInformationTests {
    func meta() -> DataSet {
        DataSet([
            DataElement(tag: .fileMetaInformationVersion, vr: .OB, bytes: ByteBuffer(bytes: [0x00, 0x01])),
            DataElement(tag: .mediaStorageSOPClassUID, vr: .UI, bytes: ByteBuffer(string: "1.2.3")),
            DataElement(tag: .transferSyntaxUID, vr: .UI, bytes: ByteBuffer(string: "1.2.840.10008.1.2")),
            DataElement(tag: .implementationVersionName, vr: .SH, bytes: ByteBuffer(string: "ABC")),
        ])
    }

    @Test("encoded head: preamble, DICM, group length first, padded explicit VR elements")
    func encodeGolden() throws {
        let bytes = Array(try DICOMWriter().encodeFileMetaInformation(meta()).readableBytesView)
        let body: [UInt8] =
            [0x02, 0x00, 0x01, 0x00, 0x4F, 0x42, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01]
            + [0x02, 0x00, 0x02, 0x00, 0x55, 0x49, 0x06, 0x00] + Array("1.2.3".utf8) + [0x00]
            + [0x02, 0x00, 0x10, 0x00, 0x55, 0x49, 0x12, 0x00] + Array("1.2.840.10008.1.2".utf8) + [0x00]
            + [0x02, 0x00, 0x13, 0x00, 0x53, 0x48, 0x04, 0x00] + Array("ABC ".utf8)
        let groupLength: [UInt8] = [0x02, 0x00, 0x00, 0x00, 0x55, 0x4C, 0x04, 0x00, UInt8(body.count), 0, 0, 0]
        #expect(bytes == [UInt8](repeating: 0, count: 128) + Array("DICM".utf8) + groupLength + body)
    }

    @Test("the head alone gives the meta group and where the data set starts")
    func readHeadOnly() throws {
        var file = try DICOMWriter().encodeFileMetaInformation(meta())
        let headLength = file.readableBytes
        // The start of a data set cut mid-element: the meta reader must not look at it.
        file.writeBytes([0x08, 0x00, 0x16, 0x00, 0xFF, 0x00, 0x00, 0x00, 0x31])
        let (read, offset) = try DICOMReader().readFileMetaInformation(file)
        #expect(offset == headLength)
        #expect(read.string(.transferSyntaxUID) == "1.2.840.10008.1.2")
        #expect(read.string(.mediaStorageSOPClassUID) == "1.2.3")
        #expect(read.string(.implementationVersionName) == "ABC")
    }

    @Test("bytes without the DICM prefix are refused with notDICOM")
    func noPrefix() throws {
        let bytes = ByteBuffer(bytes: [UInt8](repeating: 0x41, count: 200))
        #expect(throws: DICOMError.self) { try DICOMReader().readFileMetaInformation(bytes) }
        do {
            _ = try DICOMReader().readFileMetaInformation(bytes)
        } catch let error as DICOMError {
            #expect(error.code == .notDICOM)
        }
    }

    @Test("a meta element running past the bytes is an error, not a crash")
    func truncatedMeta() throws {
        let file = try DICOMWriter().encodeFileMetaInformation(meta())
        let cut = file.getSlice(at: 0, length: file.readableBytes - 3) ?? ByteBuffer()
        #expect(throws: DICOMError.self) { try DICOMReader().readFileMetaInformation(cut) }
    }
}
