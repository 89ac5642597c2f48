import CCharLS

/// Decodes JPEG-LS Lossless and Near-Lossless frames (ITU-T T.87) with CharLS. PS3.5 §A.4.3.
/// The frame header is read first; the destination is sized from it with overflow checks and its exact size
/// is passed to CharLS, which never writes beyond it.
public struct JPEGLSDecoder: Sendable {
    /// The decoded image: samples interleaved, 1 byte each for up to 8 bits, otherwise 2 bytes little endian.
    public struct Image: Sendable {
        public var width: Int
        public var height: Int
        public var components: Int
        public var bitsPerSample: Int
        public var samples: [UInt8]
    }

    /// The largest decoded image accepted, in bytes.
    public var maximumBytes: Int

    /// Creates a decoder.
    public init(maximumBytes: Int = 1 << 30) {
        self.maximumBytes = maximumBytes
    }

    /// Decodes one JPEG-LS image.
    public func decode(_ data: [UInt8]) throws -> Image {
        guard data.count >= 4, data[0] == 0xFF, data[1] == 0xD8 else {
            throw DICOMError(.invalidPixelData, "JPEG-LS: no SOI marker", tag: .pixelData)
        }
        guard let decoder = charls_jpegls_decoder_create() else {
            throw DICOMError(.invalidPixelData, "JPEG-LS: CharLS could not start", tag: .pixelData)
        }
        defer { charls_jpegls_decoder_destroy(decoder) }
        return try data.withUnsafeBytes { source -> Image in
            guard let base = source.baseAddress else {
                throw DICOMError(.invalidPixelData, "JPEG-LS: empty", tag: .pixelData)
            }
            try check(charls_jpegls_decoder_set_source_buffer(decoder, base, source.count), "source")
            try check(charls_jpegls_decoder_read_header(decoder), "header")
            var info = charls_frame_info()
            try check(charls_jpegls_decoder_get_frame_info(decoder, &info), "frame info")
            var mode = CHARLS_INTERLEAVE_MODE_NONE
            try check(charls_jpegls_decoder_get_interleave_mode(decoder, &mode), "interleave mode")
            let width = Int(info.width), height = Int(info.height), components = Int(info.component_count)
            let bits = Int(info.bits_per_sample)
            guard width > 0, height > 0, (1...4).contains(components), (2...16).contains(bits) else {
                throw DICOMError(
                    .invalidPixelData, "JPEG-LS frame \(width) × \(height), \(components) components of \(bits) bits",
                    tag: .pixelData)
            }
            let bytesPerSample = bits > 8 ? 2 : 1
            let a = width.multipliedReportingOverflow(by: height)
            let b = a.partialValue.multipliedReportingOverflow(by: components)
            let c = b.partialValue.multipliedReportingOverflow(by: bytesPerSample)
            guard !a.overflow, !b.overflow, !c.overflow, c.partialValue <= maximumBytes else {
                throw DICOMError(.invalidPixelData, "JPEG-LS image too large", tag: .pixelData)
            }
            var size: Int = 0
            try check(charls_jpegls_decoder_get_destination_size(decoder, 0, &size), "size")
            guard size == c.partialValue else {
                throw DICOMError(
                    .invalidPixelData, "JPEG-LS destination size \(size) differs from \(c.partialValue)",
                    tag: .pixelData)
            }
            var planes = [UInt8](repeating: 0, count: size)
            try planes.withUnsafeMutableBytes { destination in
                guard let target = destination.baseAddress else { return }
                try check(charls_jpegls_decoder_decode_to_buffer(decoder, target, destination.count, 0), "decoding")
            }
            // Interleave mode "none" decodes component after component; make every frame interleaved.
            if components > 1, mode == CHARLS_INTERLEAVE_MODE_NONE {
                var interleaved = [UInt8](repeating: 0, count: size)
                let plane = width * height
                for component in 0..<components {
                    for pixel in 0..<plane {
                        for byte in 0..<bytesPerSample {
                            interleaved[(pixel * components + component) * bytesPerSample + byte] =
                                planes[(component * plane + pixel) * bytesPerSample + byte]
                        }
                    }
                }
                planes = interleaved
            }
            return Image(width: width, height: height, components: components, bitsPerSample: bits, samples: planes)
        }
    }

    private func check(_ code: charls_jpegls_errc, _ stage: String) throws {
        guard code == CHARLS_JPEGLS_ERRC_SUCCESS else {
            let message = charls_get_error_message(code).map { String(cString: $0) } ?? "error \(code)"
            throw DICOMError(.invalidPixelData, "JPEG-LS \(stage): \(message)", tag: .pixelData)
        }
    }
}
