import NIOCore
import Testing

@testable import DICOM

@Suite("Big endian byte swapping")
struct BigEndianSwapTests {
    /// The obvious word-by-word reversal the parser's swap must match, trailing bytes left as they are.
    func reference(_ bytes: [UInt8], wordSize: Int) -> [UInt8] {
        var result = bytes
        var start = 0
        while start + wordSize <= result.count {
            result[start..<start + wordSize].reverse()
            start += wordSize
        }
        return result
    }

    @Test("2, 4 and 8-byte words are reversed in place; bytes that do not fill a word stay as they were")
    func swapMatchesWordReversal() {
        for wordSize in [2, 4, 8] {
            for count in 0...27 {
                let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ wordSize) }
                let swapped = DataSetParser.swapped(ByteBuffer(bytes: bytes), wordSize: wordSize)
                #expect(
                    Array(swapped.readableBytesView) == reference(bytes, wordSize: wordSize),
                    "word size \(wordSize), \(count) bytes")
            }
        }
        #expect(
            Array(DataSetParser.swapped(ByteBuffer(bytes: [1, 2, 3, 4, 5]), wordSize: 2).readableBytesView) == [
                2, 1, 4, 3, 5,
            ])
        #expect(
            Array(DataSetParser.swapped(ByteBuffer(bytes: [1, 2, 3, 4, 5, 6]), wordSize: 4).readableBytesView)
                == [4, 3, 2, 1, 5, 6])
    }

    @Test("a slice that starts inside a larger buffer (any alignment) is swapped from its own first byte")
    func swapOfUnalignedSlice() throws {
        let whole = ByteBuffer(bytes: Array(0..<40))
        for start in 0..<8 {
            let slice = try #require(whole.getSlice(at: start, length: 17))
            let swapped = DataSetParser.swapped(slice, wordSize: 8)
            #expect(Array(swapped.readableBytesView) == reference(Array(slice.readableBytesView), wordSize: 8))
        }
        // The source is never written to.
        #expect(Array(whole.readableBytesView) == Array(0..<40))
    }

    /// One explicit VR big endian element with a 2-byte length. PS3.5 §7.1.2.
    func shortElement(_ group: UInt16, _ element: UInt16, _ vr: String, _ value: [UInt8]) -> [UInt8] {
        bigEndian(group) + bigEndian(element) + Array(vr.utf8) + bigEndian(UInt16(value.count)) + value
    }

    func bigEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.bigEndian) { Array($0) }
    }

    @Test("US, UL, FD, AT and OW values in explicit VR big endian read back as their numbers")
    func bigEndianValuesReadBack() throws {
        let doubles: [Double] = [1.5, -2.25, 1e-300]
        var bytes: [UInt8] = []
        bytes += shortElement(0x0018, 0x6016, "UL", bigEndian(UInt32(0x0102_0304)))
        bytes += shortElement(0x0018, 0x9089, "FD", doubles.flatMap { bigEndian($0.bitPattern) })
        bytes += shortElement(0x0028, 0x0009, "AT", bigEndian(UInt16(0x0018)) + bigEndian(UInt16(0x1063)))
        bytes += shortElement(0x0028, 0x0010, "US", bigEndian(UInt16(0xABCD)))
        bytes += shortElement(0x0028, 0x0100, "US", bigEndian(UInt16(16)))
        let pixels: [UInt16] = [0x0102, 0xFFFE, 0x8000]
        bytes += bigEndian(UInt16(0x7FE0)) + bigEndian(UInt16(0x0010)) + Array("OW".utf8) + [0, 0]
        bytes += bigEndian(UInt32(pixels.count * 2)) + pixels.flatMap { bigEndian($0) }

        let dataSet = try DICOMReader().readDataSet(ByteBuffer(bytes: bytes), transferSyntax: .explicitVRBigEndian)
        #expect(dataSet.int(Tag(0x0018, 0x6016)) == 0x0102_0304)
        #expect(dataSet.doubles(Tag(0x0018, 0x9089)) == doubles)
        #expect(dataSet.tagValue(Tag(0x0028, 0x0009)) == Tag(0x0018, 0x1063))
        #expect(dataSet.int(Tag(0x0028, 0x0010)) == 0xABCD)
        #expect(dataSet.int(Tag(0x0028, 0x0100)) == 16)
        #expect(dataSet.ints(.pixelData) == pixels.map { Int($0) })
        // Values are kept little endian whatever the transfer syntax (DataElement.Value.bytes).
        let pixelBytes = try #require(dataSet.bytes(.pixelData))
        #expect(Array(pixelBytes.readableBytesView) == [0x02, 0x01, 0xFE, 0xFF, 0x00, 0x80])
    }
}
