import Testing

@testable import DICOM

/// RLE Lossless frames encoded by hand following PS3.5 Annex G.
@Suite struct RLEDecoderTests {
    /// The 64-byte RLE header: segment count and up to 15 offsets, little endian. PS3.5 §G.5.
    static func header(_ offsets: [UInt32]) -> [UInt8] {
        var bytes: [UInt8] = []
        func append(_ value: UInt32) {
            bytes += [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24)]
        }
        append(UInt32(offsets.count))
        for index in 0..<15 { append(index < offsets.count ? offsets[index] : 0) }
        return bytes
    }

    @Test func eightBitGreyWithReplicateAndLiteralRuns() throws {
        // 4 × 2 pixels: 7 7 7 7 / 1 2 3 4 → replicate run (-3 = 0xFD) of 7, literal run (3 = 4 bytes) 1 2 3 4.
        let segment: [UInt8] = [0xFD, 7, 0x03, 1, 2, 3, 4]
        let data = Self.header([64]) + segment
        let decoded = try RLEDecoder().decode(data, rows: 2, columns: 4, samplesPerPixel: 1, bytesPerSample: 1)
        #expect(decoded == [7, 7, 7, 7, 1, 2, 3, 4])
    }

    @Test func sixteenBitSegmentsAreMostSignificantFirst() throws {
        // Values 0x0102, 0x0102, 0x0304: high bytes 01 01 03, low bytes 02 02 04; a no-op byte (0x80) is skipped.
        let high: [UInt8] = [0x80, 0xFF, 0x01, 0x00, 0x03]
        let low: [UInt8] = [0x02, 0x02, 0x02, 0x04]
        let data = Self.header([64, UInt32(64 + high.count)]) + high + low
        let decoded = try RLEDecoder().decode(data, rows: 1, columns: 3, samplesPerPixel: 1, bytesPerSample: 2)
        #expect(decoded == [0x02, 0x01, 0x02, 0x01, 0x04, 0x03])
    }

    @Test func rgbSegmentsInterleave() throws {
        let red: [UInt8] = [0xFF, 10]  // 10 10
        let green: [UInt8] = [0x01, 20, 21]
        let blue: [UInt8] = [0xFF, 30]
        let data = Self.header([64, 66, 69]) + red + green + blue
        let decoded = try RLEDecoder().decode(data, rows: 1, columns: 2, samplesPerPixel: 3, bytesPerSample: 1)
        #expect(decoded == [10, 20, 30, 10, 21, 30])
    }

    @Test func overrunningRunsAndBadHeadersAreRefused() {
        let decoder = RLEDecoder()
        // A replicate run of 4 into a 2-pixel frame.
        #expect(throws: DICOMError.self) {
            try decoder.decode(
                Self.header([64]) + [0xFD, 1], rows: 1, columns: 2, samplesPerPixel: 1, bytesPerSample: 1)
        }
        // A literal run promising more bytes than the segment has.
        #expect(throws: DICOMError.self) {
            try decoder.decode(
                Self.header([64]) + [0x05, 1], rows: 1, columns: 6, samplesPerPixel: 1, bytesPerSample: 1)
        }
        // Two segments declared for 8-bit grey.
        #expect(throws: DICOMError.self) {
            try decoder.decode(
                Self.header([64, 65]) + [0x00, 1], rows: 1, columns: 1, samplesPerPixel: 1, bytesPerSample: 1)
        }
        // An offset beyond the data.
        #expect(throws: DICOMError.self) {
            try decoder.decode(Self.header([6400]), rows: 1, columns: 1, samplesPerPixel: 1, bytesPerSample: 1)
        }
        // A segment too short for the frame.
        #expect(throws: DICOMError.self) {
            try decoder.decode(
                Self.header([64]) + [0x00, 1], rows: 2, columns: 2, samplesPerPixel: 1, bytesPerSample: 1)
        }
        // No header at all.
        #expect(throws: DICOMError.self) {
            try decoder.decode([1, 2, 3], rows: 1, columns: 1, samplesPerPixel: 1, bytesPerSample: 1)
        }
    }
}
