/// Decodes one frame of RLE Lossless: a 64-byte header of up to 15 segment offsets, then one PackBits-style
/// segment per byte plane, most significant byte first, sample by sample. PS3.5 Annex G.
/// Every offset and run is checked against the fragment and the frame size before it is used.
public struct RLEDecoder: Sendable {
    /// Creates a decoder.
    public init() {}

    /// Decodes `data` (one frame's fragments joined) into interleaved little-endian samples.
    public func decode(_ data: [UInt8], rows: Int, columns: Int, samplesPerPixel: Int, bytesPerSample: Int) throws
        -> [UInt8]
    {
        let pixels = rows.multipliedReportingOverflow(by: columns)
        guard !pixels.overflow, pixels.partialValue > 0 else {
            throw DICOMError(.invalidPixelData, "RLE frame of \(rows) × \(columns) pixels", tag: .pixelData)
        }
        let pixelCount = pixels.partialValue
        let segmentCount = samplesPerPixel * bytesPerSample
        guard data.count >= 64 else {
            throw DICOMError(
                .invalidPixelData, "RLE frame of \(data.count) bytes has no 64-byte header", tag: .pixelData)
        }
        let declared = Int(Self.uint32(data, at: 0))
        guard declared == segmentCount else {
            throw DICOMError(
                .invalidPixelData,
                "RLE header declares \(declared) segments; \(segmentCount) expected for \(samplesPerPixel) samples of \(bytesPerSample) bytes",
                tag: .pixelData)
        }
        var offsets: [Int] = []
        for index in 0..<segmentCount {
            let offset = Int(Self.uint32(data, at: 4 + 4 * index))
            guard offset >= 64, offset <= data.count, offset >= (offsets.last ?? 64) else {
                throw DICOMError(
                    .invalidPixelData, "RLE segment \(index + 1) offset \(offset) is outside the frame",
                    tag: .pixelData)
            }
            offsets.append(offset)
        }
        let (total, overflow) = pixelCount.multipliedReportingOverflow(by: segmentCount)
        guard !overflow, total <= 1 << 32 else {
            throw DICOMError(.invalidPixelData, "RLE frame too large", tag: .pixelData)
        }
        var output = [UInt8](repeating: 0, count: total)
        for segment in 0..<segmentCount {
            let start = offsets[segment]
            let end = segment + 1 < segmentCount ? offsets[segment + 1] : data.count
            let sample = segment / bytesPerSample
            // Segments run from the most significant byte; the output is little endian.
            let byteInSample = bytesPerSample - 1 - segment % bytesPerSample
            let stride = samplesPerPixel * bytesPerSample
            var position = sample * bytesPerSample + byteInSample
            var produced = 0
            var index = start
            while produced < pixelCount, index < end {
                let header = Int8(bitPattern: data[index])
                index += 1
                if header >= 0 {
                    let count = Int(header) + 1
                    guard index + count <= end, produced + count <= pixelCount else {
                        throw DICOMError(
                            .invalidPixelData, "RLE literal run overruns segment \(segment + 1)", tag: .pixelData)
                    }
                    for literal in data[index..<(index + count)] {
                        output[position] = literal
                        position += stride
                    }
                    index += count
                    produced += count
                } else if header != -128 {
                    let count = 1 - Int(header)
                    guard index < end, produced + count <= pixelCount else {
                        throw DICOMError(
                            .invalidPixelData, "RLE replicate run overruns segment \(segment + 1)", tag: .pixelData)
                    }
                    let byte = data[index]
                    index += 1
                    for _ in 0..<count {
                        output[position] = byte
                        position += stride
                    }
                    produced += count
                }
            }
            guard produced == pixelCount else {
                throw DICOMError(
                    .invalidPixelData,
                    "RLE segment \(segment + 1) decodes to \(produced) bytes; \(pixelCount) expected", tag: .pixelData)
            }
        }
        return output
    }

    private static func uint32(_ data: [UInt8], at offset: Int) -> UInt32 {
        UInt32(data[offset]) | UInt32(data[offset + 1]) << 8 | UInt32(data[offset + 2]) << 16 | UInt32(data[offset + 3])
            << 24
    }
}
