import CTurboJPEG

/// Decodes JPEG Baseline (Process 1) and 8-bit JPEG Extended (Process 2 and 4) frames with libjpeg-turbo's
/// TurboJPEG API. PS3.5 §A.4.1. Colour frames come out as RGB (libjpeg-turbo applies the YCbCr→RGB transform
/// that the JFIF/Adobe markers or the component identifiers call for).
///
/// The header is read first and the output buffer is sized from it with overflow checks; libjpeg-turbo is
/// told the exact buffer size and never reallocates it.
public struct TurboJPEGDecoder: Sendable {
    /// The decoded image.
    public struct Image: Sendable {
        public var width: Int
        public var height: Int
        public var components: Int
        public var samples: [UInt8]
    }

    /// The largest image accepted, in pixels.
    public var maximumPixels: Int

    /// Creates a decoder.
    public init(maximumPixels: Int = 1 << 28) {
        self.maximumPixels = maximumPixels
    }

    /// Decodes one JPEG image into 8-bit grey or RGB samples. With `componentsAreRGB` (the data set says RGB)
    /// a stream with neither a JFIF nor an Adobe marker is taken as RGB without colour transform, as PS3.5
    /// §8.2.1 expects; libjpeg-turbo would otherwise assume YCbCr. It is told so by an Adobe APP14 marker
    /// (transform 0) inserted after SOI.
    public func decode(_ input: [UInt8], componentsAreRGB: Bool = false) throws -> Image {
        guard input.count >= 4, input[0] == 0xFF, input[1] == 0xD8 else {
            throw DICOMError(.invalidPixelData, "JPEG: no SOI marker", tag: .pixelData)
        }
        var data = input
        if componentsAreRGB, !Self.hasColourMarker(input) {
            let adobe: [UInt8] = [0xFF, 0xEE, 0x00, 0x0E, 0x41, 0x64, 0x6F, 0x62, 0x65, 0x00, 0x64, 0, 0, 0, 0, 0]
            data = [0xFF, 0xD8] + adobe + input[2...]
        }
        if let precision = Self.framePrecision(data), precision != 8 {
            throw DICOMError(
                .unsupportedTransferSyntax,
                "JPEG with \(precision)-bit samples: Debian's libjpeg-turbo 2.1 decodes 8-bit JPEG only",
                tag: .pixelData)
        }
        guard let handle = tjInitDecompress() else {
            throw DICOMError(.invalidPixelData, "JPEG: libjpeg-turbo could not start", tag: .pixelData)
        }
        defer { tjDestroy(handle) }
        var width: Int32 = 0, height: Int32 = 0, subsampling: Int32 = 0, colorspace: Int32 = 0
        let header = data.withUnsafeBufferPointer { bytes in
            tjDecompressHeader3(
                handle, bytes.baseAddress, UInt(bytes.count), &width, &height, &subsampling, &colorspace)
        }
        guard header == 0 else { throw error(handle, "header") }
        let isGrey = colorspace == Int32(TJCS_GRAY.rawValue)
        let components = isGrey ? 1 : 3
        let pixels = Int(width).multipliedReportingOverflow(by: Int(height))
        guard width > 0, height > 0, !pixels.overflow, pixels.partialValue <= maximumPixels else {
            throw DICOMError(.invalidPixelData, "JPEG image of \(width) × \(height) pixels", tag: .pixelData)
        }
        var samples = [UInt8](repeating: 0, count: pixels.partialValue * components)
        let format = isGrey ? TJPF_GRAY : TJPF_RGB
        let status = data.withUnsafeBufferPointer { source in
            samples.withUnsafeMutableBufferPointer { destination in
                tjDecompress2(
                    handle, source.baseAddress, UInt(source.count), destination.baseAddress, width,
                    width * Int32(components), height, format.rawValue, TJFLAG_ACCURATEDCT)
            }
        }
        guard status == 0 else { throw error(handle, "decoding") }
        return Image(width: Int(width), height: Int(height), components: components, samples: samples)
    }

    private func error(_ handle: tjhandle, _ stage: String) -> DICOMError {
        let message = tjGetErrorStr2(handle).map { String(cString: $0) } ?? "unknown error"
        return DICOMError(.invalidPixelData, "JPEG \(stage): \(message)", tag: .pixelData)
    }

    /// True when a JFIF APP0 or Adobe APP14 marker precedes the first scan.
    static func hasColourMarker(_ data: [UInt8]) -> Bool {
        var position = 2
        while position + 8 < data.count {
            guard data[position] == 0xFF else { return false }
            let marker = data[position + 1]
            if marker == 0xFF { position += 1; continue }
            if marker == 0xDA { return false }
            let length = Int(data[position + 2]) << 8 | Int(data[position + 3])
            if marker == 0xE0, data[(position + 4)...].starts(with: [0x4A, 0x46, 0x49, 0x46]) { return true }
            // An Adobe segment too short to hold its transform flag is ignored by libjpeg-turbo. Adobe TN 5116 §18.
            if marker == 0xEE, length >= 14, data[(position + 4)...].starts(with: [0x41, 0x64, 0x6F, 0x62, 0x65]) {
                return true
            }
            position += 2 + length
        }
        return false
    }

    /// The sample precision of the first SOFn marker, found by walking the marker segments.
    static func framePrecision(_ data: [UInt8]) -> Int? {
        var position = 2
        while position + 4 < data.count {
            guard data[position] == 0xFF else { return nil }
            let marker = data[position + 1]
            if marker == 0xFF { position += 1; continue }
            let length = Int(data[position + 2]) << 8 | Int(data[position + 3])
            if (0xC0...0xCF).contains(marker), marker != 0xC4, marker != 0xC8, marker != 0xCC {
                return position + 4 < data.count ? Int(data[position + 4]) : nil
            }
            if marker == 0xDA { return nil }
            position += 2 + length
        }
        return nil
    }
}
