/// An 8-bit image ready for display: grey (1 sample per pixel) or RGB (3, interleaved), row-major.
public struct RenderedImage: Sendable, Equatable {
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int
    /// 1 (grey) or 3 (RGB).
    public var samplesPerPixel: Int
    /// The samples, width × height × samplesPerPixel bytes.
    public var pixels: [UInt8]

    /// Creates an image; the pixel count must match.
    public init(width: Int, height: Int, samplesPerPixel: Int, pixels: [UInt8]) throws {
        guard width > 0, height > 0, samplesPerPixel == 1 || samplesPerPixel == 3,
            width.multipliedReportingOverflow(by: height).partialValue * samplesPerPixel == pixels.count
        else {
            throw DICOMError(
                .invalidPixelData, "rendered image \(width) × \(height) × \(samplesPerPixel) with \(pixels.count) bytes"
            )
        }
        self.width = width
        self.height = height
        self.samplesPerPixel = samplesPerPixel
        self.pixels = pixels
    }
}
