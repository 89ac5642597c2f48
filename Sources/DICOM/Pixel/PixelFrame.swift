/// One decoded frame: samples as little-endian integers of `bytesPerSample` bytes each, interleaved
/// (R G B R G B …) unless `isPlanar`. Decoders deliver colour JPEG, JPEG-LS and JPEG 2000 frames as RGB, and
/// native YBR_FULL_422 is expanded to YBR_FULL, so `photometricInterpretation` says what the samples are now.
public struct PixelFrame: Sendable, Equatable {
    /// Rows.
    public var rows: Int
    /// Columns.
    public var columns: Int
    /// Samples per pixel.
    public var samplesPerPixel: Int
    /// Bytes per sample: 1, 2, 4 or 8 (1-bit data is expanded to one byte per pixel).
    public var bytesPerSample: Int
    /// Significant bits per sample (Bits Stored).
    public var bitsStored: Int
    /// Samples are two's complement.
    public var isSigned: Bool
    /// What the samples mean.
    public var photometricInterpretation: PhotometricInterpretation
    /// Colour planes follow one another instead of being interleaved.
    public var isPlanar: Bool
    /// The samples.
    public var bytes: [UInt8]

    /// Creates a frame; `bytes` must hold rows × columns × samplesPerPixel × bytesPerSample bytes.
    public init(
        rows: Int, columns: Int, samplesPerPixel: Int, bytesPerSample: Int, bitsStored: Int, isSigned: Bool,
        photometricInterpretation: PhotometricInterpretation, isPlanar: Bool = false, bytes: [UInt8]
    ) throws {
        let expected = rows.multipliedReportingOverflow(by: columns)
        let samples = expected.partialValue.multipliedReportingOverflow(by: samplesPerPixel)
        let length = samples.partialValue.multipliedReportingOverflow(by: bytesPerSample)
        guard !expected.overflow, !samples.overflow, !length.overflow, length.partialValue == bytes.count,
            [1, 2, 4, 8].contains(bytesPerSample), bitsStored >= 1, bitsStored <= bytesPerSample * 8
        else {
            throw DICOMError(
                .invalidPixelData,
                "frame of \(rows) × \(columns) × \(samplesPerPixel) samples of \(bytesPerSample) bytes holds \(bytes.count) bytes",
                tag: .pixelData)
        }
        self.rows = rows
        self.columns = columns
        self.samplesPerPixel = samplesPerPixel
        self.bytesPerSample = bytesPerSample
        self.bitsStored = bitsStored
        self.isSigned = isSigned
        self.photometricInterpretation = photometricInterpretation
        self.isPlanar = isPlanar
        self.bytes = bytes
    }

    /// The stored value of sample `channel` of pixel `index` (row-major), masked to Bits Stored and sign-extended
    /// when signed. PS3.5 §8.1.1.
    @inline(__always)
    public func value(pixel index: Int, channel: Int = 0) -> Int64 {
        let sampleIndex = isPlanar ? channel * rows * columns + index : index * samplesPerPixel + channel
        let offset = sampleIndex * bytesPerSample
        var raw: UInt64 = 0
        switch bytesPerSample {
        case 1: raw = UInt64(bytes[offset])
        case 2: raw = UInt64(bytes[offset]) | UInt64(bytes[offset + 1]) << 8
        default:
            for byte in 0..<bytesPerSample { raw |= UInt64(bytes[offset + byte]) << (8 * UInt64(byte)) }
        }
        if bitsStored < 64 { raw &= (1 << UInt64(bitsStored)) - 1 }
        if isSigned, bitsStored < 64, raw & (1 << UInt64(bitsStored - 1)) != 0 {
            return Int64(bitPattern: raw | ~((1 << UInt64(bitsStored)) - 1))
        }
        return Int64(bitPattern: raw)
    }

    /// Every stored value of one channel, row-major.
    public func values(channel: Int = 0) -> [Int64] {
        (0..<(rows * columns)).map { value(pixel: $0, channel: channel) }
    }
}
