import NIOCore

/// The pixel data of an image with its description, and access to each decoded frame.
/// Native (uncompressed) data is checked against rows × columns × samples × bits × frames, computed in 64 bits,
/// before anything is read; encapsulated frames are decoded by the codec of the transfer syntax.
/// PS3.3 §C.7.6.3, PS3.5 §8 and §A.4.
public struct PixelData: Sendable {
    /// How the pixel data is held.
    public enum Storage: Sendable {
        /// Native pixel data (the element's bytes, little endian).
        case native(ByteBuffer)
        /// Encapsulated pixel data: fragments and Basic Offset Table.
        case encapsulated(EncapsulatedPixelData)
    }

    /// The image's description.
    public let module: ImagePixelModule
    /// The transfer syntax the data set was encoded with.
    public let transferSyntax: TransferSyntax
    /// The pixel data.
    public let storage: Storage
    /// Each frame's compressed bytes, split once.
    private let encodedFrames: [ByteBuffer]

    /// Reads the description and locates the pixel data, refusing data shorter than its description.
    public init(dataSet: DataSet, transferSyntax: TransferSyntax) throws {
        let module = try ImagePixelModule(dataSet: dataSet)
        guard let element = dataSet[.pixelData] else {
            throw DICOMError(.invalidPixelData, "the data set has no Pixel Data", tag: .pixelData)
        }
        if let fragments = element.fragments {
            try self.init(module: module, transferSyntax: transferSyntax, storage: .encapsulated(fragments))
        } else if var bytes = element.bytes {
            if !transferSyntax.isLittleEndian && element.vr == .OW {
                bytes = Self.reorderBigEndianWords(bytes, bitsAllocated: module.bitsAllocated)
            }
            try self.init(module: module, transferSyntax: transferSyntax, storage: .native(bytes))
        } else {
            throw DICOMError(.invalidPixelData, "Pixel Data is a sequence", tag: .pixelData)
        }
    }

    /// The reader swaps big endian OW values as 16-bit words, which is right for 8- and 16-bit samples; 32- and
    /// 64-bit samples also need their 16-bit words reversed. PS3.5 §A.3, §8.1.1.
    static func reorderBigEndianWords(_ buffer: ByteBuffer, bitsAllocated: Int) -> ByteBuffer {
        let group: Int
        switch bitsAllocated {
        case 32: group = 4
        case 64: group = 8
        default: return buffer
        }
        var bytes = Array(buffer.readableBytesView)
        var start = 0
        while start + group <= bytes.count {
            // Reverse the order of the 16-bit words inside each sample.
            var low = start, high = start + group - 2
            while low < high {
                bytes.swapAt(low, high)
                bytes.swapAt(low + 1, high + 1)
                low += 2
                high -= 2
            }
            start += group
        }
        var result = ByteBuffer()
        result.writeBytes(bytes)
        return result
    }

    /// Pixel data of a Part 10 file.
    public init(file: DICOMFile) throws {
        try self.init(dataSet: file.dataSet, transferSyntax: file.transferSyntax)
    }

    /// Combines a description with pixel data, checking native lengths.
    public init(module: ImagePixelModule, transferSyntax: TransferSyntax, storage: Storage) throws {
        try module.validate()
        if case .native(let bytes) = storage {
            let needed = try module.nativePixelDataLength()
            guard UInt64(bytes.readableBytes) >= needed else {
                throw DICOMError(
                    .invalidPixelData,
                    "\(module.rows) × \(module.columns) × \(module.samplesPerPixel) samples of \(module.bitsAllocated) bits × \(module.numberOfFrames) frames need \(needed) bytes; Pixel Data holds \(bytes.readableBytes)",
                    tag: .pixelData)
            }
        }
        self.module = module
        self.transferSyntax = transferSyntax
        self.storage = storage
        if case .encapsulated(let encapsulated) = storage {
            encodedFrames = try Self.split(encapsulated, numberOfFrames: module.numberOfFrames)
        } else {
            encodedFrames = []
        }
    }

    /// Frames of encapsulated data: by the Basic Offset Table or one fragment per frame (PS3.5 §A.4); without
    /// either, a new frame starts at each fragment that begins with a codestream's start marker (JPEG SOI,
    /// JPEG 2000 SOC or JP2 signature), as writers that omit the table still start frames on fragments.
    static func split(_ encapsulated: EncapsulatedPixelData, numberOfFrames: Int) throws -> [ByteBuffer] {
        do {
            return try encapsulated.frames(numberOfFrames: numberOfFrames)
        } catch let error as DICOMError {
            var frames: [ByteBuffer] = []
            for fragment in encapsulated.fragments {
                let head = fragment.getBytes(at: fragment.readerIndex, length: min(4, fragment.readableBytes)) ?? []
                let starts =
                    head.starts(with: [0xFF, 0xD8]) || head.starts(with: [0xFF, 0x4F])
                    || head.starts(with: [0x00, 0x00, 0x00, 0x0C])
                if starts || frames.isEmpty {
                    frames.append(fragment)
                } else {
                    var joined = frames.removeLast()
                    joined.writeImmutableBuffer(fragment)
                    frames.append(joined)
                }
            }
            guard frames.count == numberOfFrames else { throw error }
            return frames
        }
    }

    /// Number of frames.
    public var numberOfFrames: Int { module.numberOfFrames }

    /// The compressed bytes of frame `index` (encapsulated data only). PS3.5 §A.4.
    public func encodedFrame(_ index: Int) throws -> ByteBuffer {
        guard case .encapsulated = storage else {
            throw DICOMError(.invalidPixelData, "native pixel data has no encoded frames", tag: .pixelData)
        }
        try checkIndex(index)
        guard index < encodedFrames.count else {
            throw DICOMError(
                .invalidPixelData, "frame \(index + 1) is missing: \(encodedFrames.count) frames are encapsulated",
                tag: .pixelData)
        }
        return encodedFrames[index]
    }

    /// Decodes frame `index` (from 0). An unsupported transfer syntax is a `.unsupportedTransferSyntax` error.
    public func frame(_ index: Int) throws -> PixelFrame {
        try checkIndex(index)
        switch storage {
        case .native(let bytes):
            return try nativeFrame(index, bytes: bytes)
        case .encapsulated:
            let data = Array(try encodedFrame(index).readableBytesView)
            return try decode(data)
        }
    }

    private func checkIndex(_ index: Int) throws {
        guard index >= 0, index < module.numberOfFrames else {
            throw DICOMError(
                .invalidPixelData, "frame \(index + 1) requested of \(module.numberOfFrames)", tag: .pixelData)
        }
    }

    private var bytesPerSample: Int { max(module.bitsAllocated, 8) / 8 }

    private func nativeFrame(_ index: Int, bytes: ByteBuffer) throws -> PixelFrame {
        let frameBits = try module.nativeFrameBitCount()
        let pixels = module.rows * module.columns
        if module.bitsAllocated == 1 {
            // Bit-packed frames may start inside a byte; bits are filled from the least significant. PS3.5 §8.1.1.
            let first = UInt64(index) * frameBits
            var output = [UInt8](repeating: 0, count: pixels * module.samplesPerPixel)
            bytes.withUnsafeReadableBytes { raw in
                for sample in 0..<output.count {
                    let bit = first + UInt64(sample)
                    output[sample] = (raw[Int(bit / 8)] >> (bit % 8)) & 1
                }
            }
            return try PixelFrame(
                rows: module.rows, columns: module.columns, samplesPerPixel: module.samplesPerPixel,
                bytesPerSample: 1, bitsStored: 1, isSigned: false,
                photometricInterpretation: module.photometricInterpretation, isPlanar: module.isPlanar, bytes: output)
        }
        let frameBytes = Int(frameBits / 8)
        let start = index * frameBytes
        guard let slice = bytes.getBytes(at: bytes.readerIndex + start, length: frameBytes) else {
            throw DICOMError(.invalidPixelData, "frame \(index + 1) lies beyond the pixel data", tag: .pixelData)
        }
        if module.photometricInterpretation == .ybrFull422 && module.samplesPerPixel == 3 {
            guard module.columns % 2 == 0 else {
                throw DICOMError(
                    .invalidPixelData, "YBR_FULL_422 with an odd number of columns (\(module.columns))",
                    tag: .columns)
            }
            return try PixelFrame(
                rows: module.rows, columns: module.columns, samplesPerPixel: 3,
                bytesPerSample: bytesPerSample, bitsStored: module.bitsStored, isSigned: module.isSigned,
                photometricInterpretation: .ybrFull, bytes: expand422(slice))
        }
        return try PixelFrame(
            rows: module.rows, columns: module.columns, samplesPerPixel: module.samplesPerPixel,
            bytesPerSample: bytesPerSample, bitsStored: module.bitsStored, isSigned: module.isSigned,
            photometricInterpretation: module.photometricInterpretation, isPlanar: module.isPlanar, bytes: slice)
    }

    /// Native YBR_FULL_422 stores Y1 Y2 Cb Cr for each pair of pixels; both pixels take the pair's chrominance.
    /// PS3.3 §C.7.6.3.1.2.
    private func expand422(_ packed: [UInt8]) -> [UInt8] {
        let size = bytesPerSample
        var output = [UInt8](repeating: 0, count: module.rows * module.columns * 3 * size)
        var source = 0
        for row in 0..<module.rows {
            var column = 0
            while column < module.columns {
                let y1 = source, y2 = source + size, cb = source + 2 * size, cr = source + 3 * size
                for (offset, luma) in [(0, y1), (1, y2)] where column + offset < module.columns {
                    let target = ((row * module.columns) + column + offset) * 3 * size
                    for byte in 0..<size {
                        output[target + byte] = packed[luma + byte]
                        output[target + size + byte] = packed[cb + byte]
                        output[target + 2 * size + byte] = packed[cr + byte]
                    }
                }
                source += 4 * size
                column += 2
            }
        }
        return output
    }

    private func decode(_ data: [UInt8]) throws -> PixelFrame {
        let uid = transferSyntax.uid
        let rows = module.rows, columns = module.columns, samples = module.samplesPerPixel
        func checkSize(_ width: Int, _ height: Int, _ components: Int) throws {
            guard width == columns, height == rows, components == samples else {
                throw DICOMError(
                    .invalidPixelData,
                    "the codestream is \(width) × \(height) × \(components); the data set says \(columns) × \(rows) × \(samples)",
                    tag: .pixelData)
            }
        }
        // Codecs deliver interleaved colour samples converted to RGB where the codestream carries a transform.
        let colour: PhotometricInterpretation = samples == 3 ? .rgb : module.photometricInterpretation
        switch uid {
        case TransferSyntax.rleLossless.uid:
            let decoded = try RLEDecoder().decode(
                data, rows: rows, columns: columns, samplesPerPixel: samples,
                bytesPerSample: bytesPerSample)
            return try PixelFrame(
                rows: rows, columns: columns, samplesPerPixel: samples, bytesPerSample: bytesPerSample,
                bitsStored: module.bitsStored, isSigned: module.isSigned,
                photometricInterpretation: module.photometricInterpretation, bytes: decoded)
        case TransferSyntax.jpegBaseline8Bit.uid, TransferSyntax.jpegExtended12Bit.uid:
            if let precision = TurboJPEGDecoder.framePrecision(data), precision > 8 {
                let image = try JPEGExtendedDecoder().decode(data)
                try checkSize(image.width, image.height, image.components)
                return try widen(
                    image.samples, precision: image.precision, signed: false,
                    photometric: module.photometricInterpretation)
            }
            let image = try TurboJPEGDecoder().decode(data, componentsAreRGB: module.photometricInterpretation == .rgb)
            try checkSize(image.width, image.height, image.components)
            let photometric: PhotometricInterpretation = samples == 3 ? .rgb : module.photometricInterpretation
            return try widen(image.samples.map { Int32($0) }, precision: 8, signed: false, photometric: photometric)
        case TransferSyntax.jpegLossless.uid, TransferSyntax.jpegLosslessSV1.uid:
            let image = try JPEGLosslessDecoder().decode(data)
            try checkSize(image.width, image.height, image.components)
            return try widen(
                image.samples, precision: image.precision, signed: module.isSigned,
                photometric: module.photometricInterpretation)
        case TransferSyntax.jpegLSLossless.uid, TransferSyntax.jpegLSNearLossless.uid:
            let image = try JPEGLSDecoder().decode(data)
            try checkSize(image.width, image.height, image.components)
            let values: [Int32] =
                image.bitsPerSample > 8
                ? stride(from: 0, to: image.samples.count, by: 2).map {
                    Int32(image.samples[$0]) | Int32(image.samples[$0 + 1]) << 8
                }
                : image.samples.map { Int32($0) }
            return try widen(
                values, precision: image.bitsPerSample, signed: module.isSigned,
                photometric: module.photometricInterpretation)
        case TransferSyntax.jpeg2000Lossless.uid, TransferSyntax.jpeg2000.uid, TransferSyntax.htj2kLossless.uid,
            TransferSyntax.htj2kLosslessRPCL.uid, TransferSyntax.htj2k.uid:
            let image = try JPEG2000Decoder().decode(data, expectedWidth: columns, expectedHeight: rows)
            try checkSize(image.width, image.height, image.components)
            return try widen(image.samples, precision: image.precision, signed: image.isSigned, photometric: colour)
        case TransferSyntax.encapsulatedUncompressedExplicitVRLittleEndian.uid:
            var single = module
            single.numberOfFrames = 1
            var buffer = ByteBuffer()
            buffer.writeBytes(data)
            return try PixelData(module: single, transferSyntax: .explicitVRLittleEndian, storage: .native(buffer))
                .frame(0)
        default:
            throw DICOMError(
                .unsupportedTransferSyntax,
                "pixel data in \(transferSyntax) cannot be decoded by this library", tag: .pixelData)
        }
    }

    /// Packs decoded samples into a frame of the data set's Bits Allocated. Samples of a codec that reports a
    /// signed image are kept as two's complement.
    private func widen(_ values: [Int32], precision: Int, signed: Bool, photometric: PhotometricInterpretation) throws
        -> PixelFrame
    {
        let size = bytesPerSample
        guard precision <= size * 8 else {
            throw DICOMError(
                .invalidPixelData,
                "the codestream has \(precision)-bit samples; Bits Allocated is \(module.bitsAllocated)",
                tag: .pixelData)
        }
        var bytes = [UInt8](repeating: 0, count: values.count * size)
        for (index, value) in values.enumerated() {
            let pattern = UInt32(bitPattern: value)
            for byte in 0..<min(size, 4) {
                bytes[index * size + byte] = UInt8(truncatingIfNeeded: pattern >> (8 * UInt32(byte)))
            }
            if size == 8, value < 0 { for byte in 4..<8 { bytes[index * size + byte] = 0xFF } }
        }
        // Bits Stored of the data set rules, except when the codestream carries more bits than it says.
        let bitsStored = max(module.bitsStored, min(precision, size * 8))
        return try PixelFrame(
            rows: module.rows, columns: module.columns, samplesPerPixel: module.samplesPerPixel,
            bytesPerSample: size, bitsStored: bitsStored, isSigned: signed || module.isSigned,
            photometricInterpretation: photometric, bytes: bytes)
    }
}
