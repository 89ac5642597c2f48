import CTurboJPEG

/// Writes a rendered image as a baseline JPEG (greyscale, or YCbCr 4:2:0 for RGB) with libjpeg-turbo.
/// The destination is allocated here at tjBufSize's worst case and libjpeg-turbo may not reallocate it.
public struct JPEGEncoder: Sendable {
    /// Quality 1–100.
    public var quality: Int

    /// Creates an encoder.
    public init(quality: Int = 90) {
        self.quality = max(1, min(100, quality))
    }

    /// Encodes the image.
    public func encode(_ image: RenderedImage) throws -> [UInt8] {
        guard let handle = tjInitCompress() else {
            throw DICOMError(.invalidPixelData, "JPEG: libjpeg-turbo could not start")
        }
        defer { tjDestroy(handle) }
        let grey = image.samplesPerPixel == 1
        let subsampling = grey ? TJSAMP_GRAY : TJSAMP_420
        let capacity = tjBufSize(Int32(image.width), Int32(image.height), Int32(subsampling.rawValue))
        guard capacity != UInt.max, capacity > 0, capacity < 1 << 31 else {
            throw DICOMError(.invalidPixelData, "JPEG: image too large to encode")
        }
        var destination = [UInt8](repeating: 0, count: Int(capacity))
        var size = UInt(capacity)
        let status = image.pixels.withUnsafeBufferPointer { source in
            destination.withUnsafeMutableBufferPointer { target -> Int32 in
                var pointer: UnsafeMutablePointer<UInt8>? = target.baseAddress
                return tjCompress2(
                    handle, source.baseAddress, Int32(image.width), 0, Int32(image.height),
                    (grey ? TJPF_GRAY : TJPF_RGB).rawValue, &pointer, &size, Int32(subsampling.rawValue),
                    Int32(quality),
                    TJFLAG_NOREALLOC | TJFLAG_ACCURATEDCT)
            }
        }
        guard status == 0, size <= capacity else {
            let message = tjGetErrorStr2(handle).map { String(cString: $0) } ?? "unknown error"
            throw DICOMError(.invalidPixelData, "JPEG encoding: \(message)")
        }
        return Array(destination.prefix(Int(size)))
    }
}
