extension RenderedImage {
    /// A copy scaled down (never up) to fit within `maximumSize` × `maximumSize`, the aspect ratio kept, each
    /// output pixel the mean of the source pixels it covers.
    public func thumbnail(maximumSize: Int) throws -> RenderedImage {
        guard maximumSize > 0 else { throw DICOMError(.invalidPixelData, "thumbnail size \(maximumSize)") }
        let scale = min(1, Double(maximumSize) / Double(max(width, height)))
        let newWidth = max(1, Int((Double(width) * scale).rounded()))
        let newHeight = max(1, Int((Double(height) * scale).rounded()))
        if newWidth == width && newHeight == height { return self }
        var output = [UInt8](repeating: 0, count: newWidth * newHeight * samplesPerPixel)
        for y in 0..<newHeight {
            let y0 = y * height / newHeight
            let y1 = max(y0 + 1, (y + 1) * height / newHeight)
            for x in 0..<newWidth {
                let x0 = x * width / newWidth
                let x1 = max(x0 + 1, (x + 1) * width / newWidth)
                for channel in 0..<samplesPerPixel {
                    var sum = 0
                    for sy in y0..<y1 {
                        for sx in x0..<x1 { sum += Int(pixels[(sy * width + sx) * samplesPerPixel + channel]) }
                    }
                    let count = (y1 - y0) * (x1 - x0)
                    output[(y * newWidth + x) * samplesPerPixel + channel] = UInt8((sum + count / 2) / count)
                }
            }
        }
        return try RenderedImage(width: newWidth, height: newHeight, samplesPerPixel: samplesPerPixel, pixels: output)
    }
}
