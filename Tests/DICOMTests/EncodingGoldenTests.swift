import NIOCore
import Testing

@testable import DICOM

/// Exact bytes of element encodings in each transfer syntax. PS3.5 §7.1, §7.5, §A.4; PS3.7 §E.
@Suite("Golden bytes")
struct EncodingGoldenTests {
    func encode(_ dataSet: DataSet, _ syntax: TransferSyntax) throws -> [UInt8] {
        Array(try DICOMWriter().encode(dataSet, transferSyntax: syntax).readableBytesView)
    }

    @Test("explicit VR little endian: short header, padding, long header")
    func explicitLittleEndian() throws {
        var dataSet = DataSet()
        try dataSet.set(.patientName, string: "Doe^John")
        #expect(
            try encode(dataSet, .explicitVRLittleEndian)
                == [0x10, 0x00, 0x10, 0x00, 0x50, 0x4E, 0x08, 0x00] + Array("Doe^John".utf8))

        dataSet = DataSet()
        try dataSet.set(.patientID, string: "ABC")
        try dataSet.set(.studyInstanceUID, string: "1.2.3")
        #expect(
            try encode(dataSet, .explicitVRLittleEndian)
                == [0x10, 0x00, 0x20, 0x00, 0x4C, 0x4F, 0x04, 0x00, 0x41, 0x42, 0x43, 0x20]
                + [0x20, 0x00, 0x0D, 0x00, 0x55, 0x49, 0x06, 0x00] + Array("1.2.3".utf8) + [0x00])

        dataSet = DataSet()
        dataSet.set(.pixelData, vr: .OB, bytes: ByteBuffer(bytes: [1, 2]))
        #expect(
            try encode(dataSet, .explicitVRLittleEndian)
                == [0xE0, 0x7F, 0x10, 0x00, 0x4F, 0x42, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x01, 0x02])
    }

    @Test("implicit VR little endian: tag and 32-bit length")
    func implicitLittleEndian() throws {
        var dataSet = DataSet()
        try dataSet.set(.rows, int: 512)
        #expect(
            try encode(dataSet, .implicitVRLittleEndian) == [
                0x28, 0x00, 0x10, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x02,
            ])
    }

    @Test("sequences and items are written with undefined length and delimiters")
    func undefinedLengthSequence() throws {
        var item = DataSet()
        try item.set(.referencedSOPClassUID, string: "1.2")
        var dataSet = DataSet()
        dataSet.set(.referencedImageSequence, sequence: [item])
        let expected: [UInt8] =
            [0x08, 0x00, 0x40, 0x11, 0x53, 0x51, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF]
            + [0xFE, 0xFF, 0x00, 0xE0, 0xFF, 0xFF, 0xFF, 0xFF]
            + [0x08, 0x00, 0x50, 0x11, 0x55, 0x49, 0x04, 0x00, 0x31, 0x2E, 0x32, 0x00]
            + [0xFE, 0xFF, 0x0D, 0xE0, 0x00, 0x00, 0x00, 0x00]
            + [0xFE, 0xFF, 0xDD, 0xE0, 0x00, 0x00, 0x00, 0x00]
        #expect(try encode(dataSet, .explicitVRLittleEndian) == expected)
        let implicit = try encode(dataSet, .implicitVRLittleEndian)
        #expect(Array(implicit.prefix(8)) == [0x08, 0x00, 0x40, 0x11, 0xFF, 0xFF, 0xFF, 0xFF])
    }

    @Test("encapsulated pixel data: offset table item, padded fragments, delimiter")
    func encapsulated() throws {
        var dataSet = DataSet()
        dataSet.set(.pixelData, fragments: EncapsulatedPixelData(fragments: [ByteBuffer(bytes: [0xFF, 0xD8, 0xD9])]))
        let expected: [UInt8] =
            [0xE0, 0x7F, 0x10, 0x00, 0x4F, 0x42, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF]
            + [0xFE, 0xFF, 0x00, 0xE0, 0x00, 0x00, 0x00, 0x00]
            + [0xFE, 0xFF, 0x00, 0xE0, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xD8, 0xD9, 0x00]
            + [0xFE, 0xFF, 0xDD, 0xE0, 0x00, 0x00, 0x00, 0x00]
        let bytes = try encode(dataSet, .jpegBaseline8Bit)
        #expect(bytes == expected)
        let reread = try DICOMReader().readDataSet(ByteBuffer(bytes: bytes), transferSyntax: .jpegBaseline8Bit)
        #expect(reread.fragments(.pixelData)?.fragments.count == 1)
        #expect(reread.fragments(.pixelData)?.basicOffsetTable.readableBytes == 0)
    }

    @Test("DIMSE command set: implicit VR little endian with computed group length")
    func commandSet() throws {
        var command = DataSet()
        try command.set(.affectedSOPClassUID, string: "1.2.840.10008.1.1")
        try command.set(.commandField, int: 0x0030)
        try command.set(.messageID, int: 7)
        try command.set(.commandDataSetType, int: 0x0101)
        let bytes = Array(try DICOMWriter().encodeCommandSet(command).readableBytesView)
        let expected: [UInt8] =
            [0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x38, 0x00, 0x00, 0x00]
            + [0x00, 0x00, 0x02, 0x00, 0x12, 0x00, 0x00, 0x00] + Array("1.2.840.10008.1.1".utf8) + [0x00]
            + [0x00, 0x00, 0x00, 0x01, 0x02, 0x00, 0x00, 0x00, 0x30, 0x00]
            + [0x00, 0x00, 0x10, 0x01, 0x02, 0x00, 0x00, 0x00, 0x07, 0x00]
            + [0x00, 0x00, 0x00, 0x08, 0x02, 0x00, 0x00, 0x00, 0x01, 0x01]
        #expect(bytes == expected)
        let reread = try DICOMReader().readCommandSet(ByteBuffer(bytes: bytes))
        #expect(reread.int(.commandGroupLength) == 56)
        #expect(reread.int(.messageID) == 7)
        #expect(reread.string(.affectedSOPClassUID) == "1.2.840.10008.1.1")
    }

    @Test("explicit VR big endian is read with values swapped to little endian")
    func bigEndianRead() throws {
        let bytes: [UInt8] =
            [0x00, 0x28, 0x00, 0x10, 0x55, 0x53, 0x00, 0x02, 0x02, 0x00]
            + [0x00, 0x28, 0x00, 0x30, 0x44, 0x53, 0x00, 0x04] + Array("0.5 ".utf8)
        let dataSet = try DICOMReader().readDataSet(ByteBuffer(bytes: bytes), transferSyntax: .explicitVRBigEndian)
        #expect(dataSet.int(.rows) == 512)
        #expect(dataSet.bytes(.rows).map { Array($0.readableBytesView) } == [0x00, 0x02])
        #expect(dataSet.double(.pixelSpacing) == 0.5)
        #expect(throws: DICOMError.self) { try DICOMWriter().encode(dataSet, transferSyntax: .explicitVRBigEndian) }
    }

    @Test("deflated explicit VR little endian round-trips through raw deflate")
    func deflated() throws {
        var dataSet = DataSet()
        try dataSet.set(.patientID, string: String(repeating: "A", count: 1000))
        let bytes = try DICOMWriter().encode(dataSet, transferSyntax: .deflatedExplicitVRLittleEndian)
        #expect(bytes.readableBytes < 100)
        let reread = try DICOMReader().readDataSet(bytes, transferSyntax: .deflatedExplicitVRLittleEndian)
        #expect(reread == dataSet)
    }

    @Test("group lengths are recomputed from what is written")
    func groupLength() throws {
        var dataSet = DataSet()
        dataSet.set(Tag(0x0008, 0x0000), vr: .UL, bytes: DICOMWriter.uint32(999))
        try dataSet.set(.modality, string: "CT")
        let bytes = try encode(dataSet, .explicitVRLittleEndian)
        let reread = try DICOMReader().readDataSet(ByteBuffer(bytes: bytes), transferSyntax: .explicitVRLittleEndian)
        #expect(reread.int(Tag(0x0008, 0x0000)) == 10)
    }
}
