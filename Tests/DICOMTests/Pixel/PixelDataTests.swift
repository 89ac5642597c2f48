import Foundation
import NIOCore
import Testing

@testable import DICOM

/// Frame extraction, size checks against the real pixel data, and malformed or hostile pixel data.
@Suite struct PixelDataTests {
    static func image(
        rows: Int, columns: Int, bits: Int = 16, samples: Int = 1, frames: String? = nil,
        photometric: String = "MONOCHROME2", pixelBytes: [UInt8]
    ) throws -> DataSet {
        var dataSet = DataSet()
        try dataSet.set(.rows, vr: .US, int: rows)
        try dataSet.set(.columns, vr: .US, int: columns)
        try dataSet.set(.bitsAllocated, vr: .US, int: bits)
        try dataSet.set(.bitsStored, vr: .US, int: bits)
        try dataSet.set(.highBit, vr: .US, int: bits - 1)
        try dataSet.set(.pixelRepresentation, vr: .US, int: 0)
        try dataSet.set(.samplesPerPixel, vr: .US, int: samples)
        try dataSet.set(.photometricInterpretation, string: photometric)
        if let frames { try dataSet.set(.numberOfFrames, string: frames) }
        var buffer = ByteBuffer()
        buffer.writeBytes(pixelBytes)
        dataSet.set(.pixelData, vr: bits > 8 ? .OW : .OB, bytes: buffer)
        return dataSet
    }

    @Test func nativeFramesAreSlicedAndRendered() throws {
        // Two 2 × 2 frames of 16-bit values.
        let values: [UInt16] = [0, 100, 200, 300, 1000, 1001, 1002, 1003]
        let bytes = values.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let dataSet = try Self.image(rows: 2, columns: 2, frames: "2", pixelBytes: bytes)
        let pixelData = try PixelData(dataSet: dataSet, transferSyntax: .explicitVRLittleEndian)
        #expect(pixelData.numberOfFrames == 2)
        let second = try pixelData.frame(1)
        #expect(second.values() == [1000, 1001, 1002, 1003])
        let rendered = try FrameRenderer(dataSet: dataSet).render(try pixelData.frame(0))
        #expect(rendered.pixels == [0, 85, 170, 255])  // no window in the header: min/max
        #expect(throws: DICOMError.self) { try pixelData.frame(2) }
    }

    @Test func bitPackedFramesNeedNotStartOnAByte() throws {
        // Two 3 × 3 frames of 1-bit samples, 18 bits filled from the least significant bit. PS3.5 §8.1.1.
        // Frame 1: 1 0 1 / 0 1 0 / 1 0 1; frame 2: all ones.
        let bits = [1, 0, 1, 0, 1, 0, 1, 0, 1] + [Int](repeating: 1, count: 9)
        var bytes = [UInt8](repeating: 0, count: 3)
        for (index, bit) in bits.enumerated() where bit == 1 { bytes[index / 8] |= 1 << UInt8(index % 8) }
        let dataSet = try Self.image(rows: 3, columns: 3, bits: 1, frames: "2", pixelBytes: bytes + [0])
        let pixelData = try PixelData(dataSet: dataSet, transferSyntax: .explicitVRLittleEndian)
        #expect(try pixelData.frame(0).values() == [1, 0, 1, 0, 1, 0, 1, 0, 1])
        #expect(try pixelData.frame(1).values() == [Int64](repeating: 1, count: 9))
    }

    @Test func headerClaimingMoreThanPresentIsRefusedWithoutAllocating() throws {
        let start = Date()
        let dataSet = try Self.image(
            rows: 65_535, columns: 65_535, samples: 3, frames: "2000000000",
            photometric: "RGB", pixelBytes: [UInt8](repeating: 0, count: 64))
        #expect {
            try PixelData(dataSet: dataSet, transferSyntax: .explicitVRLittleEndian)
        } throws: { ($0 as? DICOMError)?.code == .invalidPixelData }
        #expect(Date().timeIntervalSince(start) < 1)
    }

    @Test func bitsStoredMustFitBitsAllocated() throws {
        var dataSet = try Self.image(rows: 1, columns: 1, bits: 8, pixelBytes: [0, 0])
        try dataSet.set(.bitsStored, vr: .US, int: 12)
        #expect(throws: DICOMError.self) { try ImagePixelModule(dataSet: dataSet) }
    }

    @Test func truncatedEncapsulatedFrameIsATypedError() throws {
        var dataSet = try Self.image(rows: 8, columns: 8, bits: 8, pixelBytes: [])
        dataSet.remove(.pixelData)
        var fragment = ByteBuffer()
        // An SOI and the start of a JFIF segment, then nothing.
        fragment.writeBytes([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46])
        dataSet.set(.pixelData, fragments: EncapsulatedPixelData(fragments: [fragment]))
        for syntax in [
            TransferSyntax.jpegBaseline8Bit, .jpegLosslessSV1, .jpegLSLossless, .jpeg2000Lossless, .rleLossless,
        ] {
            let pixelData = try PixelData(dataSet: dataSet, transferSyntax: syntax)
            #expect(throws: DICOMError.self, "\(syntax)") { try pixelData.frame(0) }
        }
        let unknown = try PixelData(dataSet: dataSet, transferSyntax: TransferSyntax(uid: "1.2.840.10008.1.2.4.100"))
        #expect { try unknown.frame(0) } throws: { ($0 as? DICOMError)?.code == .unsupportedTransferSyntax }
    }

    @Test func securityCorpusFilesAreRefusedQuickly() throws {
        let corpus = try Corpus.load()
        let hostile = corpus.entries(in: ["security", "malformed"]).filter {
            $0.exercises.contains("overflow") || $0.exercises.contains("OOB") || $0.exercises.contains("huge")
                || $0.exercises.contains("truncated inside Pixel Data")
                || $0.exercises.contains("shorter than declared")
        }
        #expect(hostile.count >= 3)
        for entry in hostile {
            let start = Date()
            do {
                let file = try DICOMReader().read(contentsOf: corpus.url(entry).path)
                let pixelData = try file.pixelData()
                for index in 0..<pixelData.numberOfFrames { _ = try file.renderFrame(index) }
                // Decoders may recover a short codestream (as pydicom does); refusing is equally fine.
                #expect(!entry.exercises.contains("OOB"), "\(entry.path) was accepted")
            } catch {
                #expect(error is DICOMError, "\(entry.path): \(error)")
            }
            #expect(Date().timeIntervalSince(start) < 1, "\(entry.path) took too long")
        }
    }

    @Test func ybrFull422IsExpandedAndConverted() throws {
        // One row of two pixels: Y1 Y2 Cb Cr; neutral chroma gives grey RGB.
        let dataSet = try Self.image(
            rows: 1, columns: 2, bits: 8, samples: 3, photometric: "YBR_FULL_422",
            pixelBytes: [50, 200, 128, 128])
        let frame = try PixelData(dataSet: dataSet, transferSyntax: .explicitVRLittleEndian).frame(0)
        #expect(frame.photometricInterpretation == .ybrFull)
        let rendered = try FrameRenderer(dataSet: dataSet).render(frame)
        #expect(rendered.pixels == [50, 50, 50, 200, 200, 200])
    }

    @Test func thumbnailKeepsAspect() throws {
        let image = try RenderedImage(
            width: 400, height: 100, samplesPerPixel: 1, pixels: [UInt8](repeating: 9, count: 40_000))
        let small = try image.thumbnail(maximumSize: 64)
        #expect(small.width == 64 && small.height == 16)
        #expect(small.pixels.allSatisfy { $0 == 9 })
    }

    @Test func jpegEncoderWritesADecodableImage() throws {
        let pixels = (0..<(32 * 16)).map { UInt8($0 % 32 * 8) }
        let image = try RenderedImage(width: 32, height: 16, samplesPerPixel: 1, pixels: pixels)
        let jpeg = try JPEGEncoder(quality: 95).encode(image)
        #expect(jpeg.prefix(2) == [0xFF, 0xD8] && jpeg.suffix(2) == [0xFF, 0xD9])
        let decoded = try TurboJPEGDecoder().decode(jpeg)
        #expect(decoded.width == 32 && decoded.height == 16 && decoded.components == 1)
        let worst = zip(decoded.samples, pixels).map { abs(Int($0) - Int($1)) }.max() ?? 0
        #expect(worst < 16)
    }
}
