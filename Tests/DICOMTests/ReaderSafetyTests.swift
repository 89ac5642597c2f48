import Foundation
import NIOCore
import Testing

@testable import DICOM

@Suite("Reader safety")
struct ReaderSafetyTests {
    @Test("a length beyond the data is refused with tag and offset before anything is allocated")
    func oversizedLength() throws {
        let bytes: [UInt8] = [0x10, 0x00, 0x10, 0x00, 0x50, 0x4E, 0xF0, 0xFF, 0x41, 0x42]
        let error = try #require(throws: DICOMError.self) {
            try DICOMReader().readDataSet(ByteBuffer(bytes: bytes), transferSyntax: .explicitVRLittleEndian)
        }
        #expect(error.code == .invalidLength)
        #expect(error.tag == .patientName)
        #expect(error.offset == 0)
        let huge: [UInt8] = [0xE0, 0x7F, 0x10, 0x00, 0x4F, 0x42, 0x00, 0x00, 0xF0, 0xFF, 0xFF, 0xFF]
        #expect(throws: DICOMError.self) {
            try DICOMReader().readDataSet(ByteBuffer(bytes: huge), transferSyntax: .explicitVRLittleEndian)
        }
    }

    func nested(depth: Int) -> ByteBuffer {
        var bytes: [UInt8] = []
        for _ in 0..<depth {
            bytes += [0x08, 0x00, 0x40, 0x11, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE, 0xFF, 0x00, 0xE0, 0xFF, 0xFF, 0xFF, 0xFF]
        }
        for _ in 0..<depth {
            bytes += [0xFE, 0xFF, 0x0D, 0xE0, 0, 0, 0, 0, 0xFE, 0xFF, 0xDD, 0xE0, 0, 0, 0, 0]
        }
        return ByteBuffer(bytes: bytes)
    }

    @Test("sequence nesting beyond the limit is refused; within it, read")
    func nestingLimit() throws {
        let error = try #require(throws: DICOMError.self) {
            try DICOMReader().readDataSet(nested(depth: 65), transferSyntax: .implicitVRLittleEndian)
        }
        #expect(error.code == .nestingTooDeep)
        #expect(error.tag == .referencedImageSequence)
        let deep = try DICOMReader().readDataSet(nested(depth: 64), transferSyntax: .implicitVRLittleEndian)
        #expect(deep.sequence(.referencedImageSequence)?.count == 1)
        let relaxed = DICOMReader(options: .init(maxSequenceDepth: 300))
        #expect(throws: Never.self) {
            try relaxed.readDataSet(self.nested(depth: 200), transferSyntax: .implicitVRLittleEndian)
        }
    }

    @Test("inflation beyond the cap is refused")
    func inflationCap() throws {
        var dataSet = DataSet()
        dataSet.set(.pixelData, vr: .OB, bytes: ByteBuffer(repeating: 0, count: 4 << 20))
        let deflated = try DICOMWriter().encode(dataSet, transferSyntax: .deflatedExplicitVRLittleEndian)
        let reader = DICOMReader(options: .init(maxInflatedSize: 1 << 20))
        let error = try #require(throws: DICOMError.self) {
            try reader.readDataSet(deflated, transferSyntax: .deflatedExplicitVRLittleEndian)
        }
        #expect(error.code == .inflationLimit)
    }

    @Test("reading stops after or before a tag without touching later bytes")
    func stopping() throws {
        let corpus = try Corpus.load()
        let path = corpus.root.appendingPathComponent("dicom/pynetdicom/CTImageStorage.dcm").path
        let head = try DICOMReader(options: .init(stopAfter: .seriesInstanceUID)).read(contentsOf: path).dataSet
        #expect(head.contains(.seriesInstanceUID))
        #expect(head.tags.allSatisfy { $0 <= .seriesInstanceUID })
        let noPixels = try DICOMReader(options: .init(stopBefore: .pixelData)).read(contentsOf: path).dataSet
        #expect(!noPixels.contains(.pixelData))
        #expect(noPixels.contains(.rows))
        // Damage everything after the pixel data header: an index read never sees it.
        var bytes = try DICOMReader.load(path: path)
        let full = try DICOMReader().read(bytes)
        #expect(full.dataSet.bytes(.pixelData) != nil)
        bytes.moveWriterIndex(to: bytes.writerIndex - 100)
        #expect(throws: DICOMError.self) { try DICOMReader().read(bytes) }
        #expect(throws: Never.self) { try DICOMReader(options: .init(stopBefore: .pixelData)).read(bytes) }
    }

    @Test("a stop tag reads only a prefix of a large file, with the same elements as a full read")
    func partialReadOfLargeFile() throws {
        let corpus = try Corpus.load()
        for file in [
            "dicom/pydicom-data/RG1_UNCI.dcm", "dicom/pydicom-data/RG1_J2KR.dcm", "dicom/pydicom-data/MR2_UNCI.dcm",
        ] {
            let path = corpus.root.appendingPathComponent(file).path
            let full = try DICOMReader().read(contentsOf: path).dataSet
            let head = try DICOMReader(options: .init(stopBefore: .pixelData)).read(contentsOf: path).dataSet
            var expected = full
            for tag in full.tags where tag >= .pixelData { expected.remove(tag) }
            #expect(head == expected, "\(file)")
            let upToSeries = try DICOMReader(options: .init(stopAfter: .seriesInstanceUID)).read(contentsOf: path)
                .dataSet
            #expect(upToSeries.string(.seriesInstanceUID) == full.string(.seriesInstanceUID))
        }
    }

    @Test(
        "every truncation and byte corruption of corpus files is refused or read, never a crash",
        arguments: [
            "dicom/pydicom/test_files/rtplan.dcm", "dicom/pydicom/test_files/nested_priv_SQ.dcm",
            "dicom/pydicom/test_files/image_dfl.dcm", "dicom/pydicom/test_files/reportsi.dcm",
            "dicom/pydicom-data/emri_small_jpeg_2k_lossless.dcm",
        ])
    func mutations(_ relativePath: String) throws {
        let corpus = try Corpus.load()
        let original = try DICOMReader.load(path: corpus.root.appendingPathComponent(relativePath).path)
        let bytes = Array(original.readableBytesView)
        let size = min(bytes.count, 6000)
        var outcomes = (read: 0, refused: 0)
        for cut in stride(from: 0, to: size, by: 3) {
            do {
                _ = try DICOMReader().read(ByteBuffer(bytes: bytes.prefix(cut)))
                outcomes.read += 1
            } catch is DICOMError {
                outcomes.refused += 1
            }
        }
        var generator = SplitMix64(seed: 42)
        for _ in 0..<2000 {
            var mutated = bytes
            for _ in 0..<3 {
                let position = Int(generator.next() % UInt64(size))
                mutated[position] = UInt8(truncatingIfNeeded: generator.next())
            }
            do {
                _ = try DICOMReader().read(ByteBuffer(bytes: mutated))
                outcomes.read += 1
            } catch is DICOMError {
                outcomes.refused += 1
            }
        }
        #expect(outcomes.refused > 0)
    }
}

/// A small deterministic generator, so a failing mutation can be replayed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
