import Foundation
import NIOCore
import Testing

@testable import DICOM

/// High-Throughput JPEG 2000 (PS3.5 §A.4.11), absent from the corpus: codestreams made by OpenJPH's
/// ojph_compress (Debian openjph-tools) from images made here must decode losslessly through OpenJPEG.
@Suite struct HTJ2KTests {
    static let compressor = "/usr/bin/ojph_compress"

    func encode(_ netpbm: [UInt8], suffix: String) throws -> ByteBuffer {
        let directory = FileManager.default.temporaryDirectory
        let input = directory.appendingPathComponent("htj2k-\(UUID().uuidString).\(suffix)")
        let output = directory.appendingPathComponent("htj2k-\(UUID().uuidString).j2c")
        defer {
            try? FileManager.default.removeItem(at: input)
            try? FileManager.default.removeItem(at: output)
        }
        try Data(netpbm).write(to: input)
        let run = try Tool.run(Self.compressor, ["-i", input.path, "-o", output.path, "-reversible", "true"])
        try #require(run.status == 0, "ojph_compress failed: \(run.err) \(run.out)")
        var buffer = ByteBuffer()
        buffer.writeBytes(try Data(contentsOf: output))
        return buffer
    }

    func decode(_ codestream: ByteBuffer, rows: Int, columns: Int, samples: Int, bits: Int, stored: Int) throws
        -> PixelFrame
    {
        var dataSet = DataSet()
        try dataSet.set(.rows, vr: .US, int: rows)
        try dataSet.set(.columns, vr: .US, int: columns)
        try dataSet.set(.samplesPerPixel, vr: .US, int: samples)
        try dataSet.set(.bitsAllocated, vr: .US, int: bits)
        try dataSet.set(.bitsStored, vr: .US, int: stored)
        try dataSet.set(.highBit, vr: .US, int: stored - 1)
        try dataSet.set(.pixelRepresentation, vr: .US, int: 0)
        try dataSet.set(.photometricInterpretation, string: samples == 3 ? "YBR_RCT" : "MONOCHROME2")
        dataSet.set(.pixelData, fragments: EncapsulatedPixelData(fragments: [codestream]))
        return try PixelData(dataSet: dataSet, transferSyntax: .htj2kLossless).frame(0)
    }

    @Test func twelveBitGreyIsLossless() throws {
        let rows = 37, columns = 53
        let values = (0..<(rows * columns)).map { UInt16(($0 * 97 + $0 / columns * 31) % 4096) }
        let pgm = Array("P5\n\(columns) \(rows)\n4095\n".utf8) + values.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let frame = try decode(
            try encode(pgm, suffix: "pgm"), rows: rows, columns: columns, samples: 1, bits: 16, stored: 12)
        #expect(frame.values() == values.map { Int64($0) })
    }

    @Test func rgbWithColourTransformIsLossless() throws {
        let rows = 16, columns = 24
        let samples = (0..<(rows * columns * 3)).map { UInt8(truncatingIfNeeded: $0 * 7 + $0 / 3) }
        let ppm = Array("P6\n\(columns) \(rows)\n255\n".utf8) + samples
        let frame = try decode(
            try encode(ppm, suffix: "ppm"), rows: rows, columns: columns, samples: 3, bits: 8, stored: 8)
        #expect(frame.photometricInterpretation == .rgb)
        #expect(frame.bytes == samples)
        let rendered = try FrameRenderer(dataSet: DataSet()).render(frame)
        #expect(rendered.pixels == samples)
    }
}
