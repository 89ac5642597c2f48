import Foundation
import Testing

@testable import DICOM

/// PNG structure: chunks, CRCs and the zlib stream, checked by an independent reader (Python's zlib and binascii).
@Suite struct PNGEncoderTests {
    static let checker = """
        import binascii, struct, sys, zlib
        data = open(sys.argv[1], "rb").read()
        assert data[:8] == b"\\x89PNG\\r\\n\\x1a\\n", "signature"
        pos, chunks = 8, []
        while pos < len(data):
            length, kind = struct.unpack(">I4s", data[pos:pos + 8])
            body = data[pos + 8:pos + 8 + length]
            crc, = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
            assert crc == binascii.crc32(kind + body) & 0xffffffff, "CRC of " + kind.decode()
            chunks.append((kind, body))
            pos += 12 + length
        assert [k for k, _ in chunks] == [b"IHDR", b"IDAT", b"IEND"], chunks
        w, h, depth, colour, comp, filt, inter = struct.unpack(">IIBBBBB", chunks[0][1])
        channels = {0: 1, 2: 3}[colour]
        raw = zlib.decompress(chunks[1][1])
        stride = w * channels
        rows, previous = [], bytes(stride)
        for y in range(h):
            kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
            if kind == 2:
                line = bytearray((a + b) & 255 for a, b in zip(line, previous))
            else:
                assert kind == 0, kind
            rows.append(bytes(line))
            previous = bytes(line)
        sys.stdout.write(f"{w} {h} {depth} {channels} " + b"".join(rows).hex())
        """

    func check(_ image: RenderedImage) throws {
        let png = try PNGEncoder().encode(image)
        let directory = FileManager.default.temporaryDirectory
        let file = directory.appendingPathComponent("png-\(UUID().uuidString).png")
        let script = directory.appendingPathComponent("png-\(UUID().uuidString).py")
        defer {
            try? FileManager.default.removeItem(at: file)
            try? FileManager.default.removeItem(at: script)
        }
        try Data(png).write(to: file)
        try Self.checker.write(to: script, atomically: true, encoding: .utf8)
        let run = try Tool.run(try Tool.python(), [script.path, file.path])
        try #require(run.status == 0, "PNG check failed: \(run.err)")
        let hex = image.pixels.map { String(format: "%02x", $0) }.joined()
        #expect(run.out == "\(image.width) \(image.height) 8 \(image.samplesPerPixel) \(hex)")
    }

    @Test func greyImageRoundTrips() throws {
        let pixels = (0..<(17 * 5)).map { UInt8(truncatingIfNeeded: $0 * 37) }
        try check(try RenderedImage(width: 17, height: 5, samplesPerPixel: 1, pixels: pixels))
    }

    @Test func rgbImageRoundTrips() throws {
        let pixels = (0..<(6 * 4 * 3)).map { UInt8(truncatingIfNeeded: $0 * 11 + 3) }
        try check(try RenderedImage(width: 6, height: 4, samplesPerPixel: 3, pixels: pixels))
    }

    @Test func crcOfIENDIsTheWellKnownValue() {
        #expect(CRC32.checksum(Array("IEND".utf8)) == 0xAE42_6082)
    }
}
