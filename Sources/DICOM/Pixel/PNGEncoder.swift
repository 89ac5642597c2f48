import CompressNIO
import NIOCore

/// Writes a rendered image as PNG: the signature, IHDR, one IDAT holding the zlib stream of the filtered
/// scanlines, and IEND, each chunk with its CRC-32. PNG (ISO/IEC 15948, W3C PNG 3rd edition) §5 and §11.
public struct PNGEncoder: Sendable {
    /// Creates an encoder.
    public init() {}

    /// Encodes 8-bit greyscale (colour type 0) or truecolour (colour type 2), non-interlaced.
    public func encode(_ image: RenderedImage) throws -> [UInt8] {
        var output: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header: [UInt8] = []
        Self.append32(UInt32(image.width), to: &header)
        Self.append32(UInt32(image.height), to: &header)
        header += [8, image.samplesPerPixel == 3 ? 2 : 0, 0, 0, 0]
        Self.appendChunk("IHDR", header, to: &output)

        // Each scanline gets filter type 2 (Up) after the first, which suits medical images' smooth rows. §9.
        let stride = image.width * image.samplesPerPixel
        var filtered = ByteBuffer()
        filtered.reserveCapacity((stride + 1) * image.height)
        image.pixels.withUnsafeBufferPointer { pixels in
            var line = [UInt8](repeating: 0, count: stride + 1)
            for row in 0..<image.height {
                let start = row * stride
                if row == 0 {
                    line[0] = 0
                    for index in 0..<stride { line[index + 1] = pixels[start + index] }
                } else {
                    line[0] = 2
                    for index in 0..<stride {
                        line[index + 1] = pixels[start + index] &- pixels[start - stride + index]
                    }
                }
                filtered.writeBytes(line)
            }
        }
        let compressed: ByteBuffer
        do {
            compressed = try filtered.compress(with: .zlib())
        } catch {
            throw DICOMError(.invalidPixelData, "PNG: zlib compression failed: \(error)")
        }
        Self.appendChunk("IDAT", Array(compressed.readableBytesView), to: &output)
        Self.appendChunk("IEND", [], to: &output)
        return output
    }

    private static func append32(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes += [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    private static func appendChunk(_ type: String, _ data: [UInt8], to output: inout [UInt8]) {
        append32(UInt32(data.count), to: &output)
        let typeBytes = Array(type.utf8)
        output += typeBytes
        output += data
        append32(CRC32.checksum(typeBytes + data), to: &output)
    }
}
