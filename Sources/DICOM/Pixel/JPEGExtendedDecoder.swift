import Foundation

/// Decodes sequential DCT JPEG with Huffman coding (ITU-T T.81 processes 1, 2 and 4, SOF0/SOF1) at 8 or 12
/// bits, for JPEG Extended (PS3.5 §A.4.1, 1.2.840.10008.1.2.4.51).
///
/// Written in Swift because Debian 12's libjpeg-turbo 2.1.5 is built for 8-bit samples only (12-bit JPEG arrived
/// in one build with libjpeg-turbo 3.0) and no other Debian library exposes a 12-bit decoder; 8-bit frames still
/// go to libjpeg-turbo. Every segment length, table index and coefficient position is checked before use.
public struct JPEGExtendedDecoder: Sendable {
    /// The decoded image: samples of all components interleaved, row-major, at full resolution.
    public struct Image: Sendable {
        public var width: Int
        public var height: Int
        public var components: Int
        public var precision: Int
        public var samples: [Int32]
    }

    /// The largest image accepted, in samples.
    public var maximumSamples: Int

    /// Creates a decoder.
    public init(maximumSamples: Int = 1 << 28) {
        self.maximumSamples = maximumSamples
    }

    private struct Component {
        var id: Int
        var horizontal: Int
        var vertical: Int
        var quantisation: Int
        var dcTable = 0
        var acTable = 0
        var blocksWide = 0
        var blocksHigh = 0
        var planeWidth: Int { blocksWide * 8 }
        var plane: [Int32] = []
        var predictor = 0
    }

    /// T.81 Figure A.6: the zig-zag order of coefficients.
    private static let zigzag: [Int] = [
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14,
        21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53,
        60, 61, 54, 47, 55, 62, 63,
    ]

    /// cos((2x + 1)uπ/16) · C(u)/2, the separable inverse DCT of T.81 §A.3.3.
    private static let basis: [Double] = (0..<64).map { index in
        let x = index / 8, u = index % 8
        let scale = u == 0 ? 1 / 2.0.squareRoot() : 1
        return scale * cos(Double(2 * x + 1) * Double(u) * Double.pi / 16) / 2
    }

    /// Decodes one image.
    public func decode(_ data: [UInt8]) throws -> Image {
        func fail(_ message: String) -> DICOMError {
            DICOMError(.invalidPixelData, "JPEG: \(message)", tag: .pixelData)
        }
        guard data.count >= 4, data[0] == 0xFF, data[1] == 0xD8 else { throw fail("no SOI marker") }
        var quantisation = [[Int]?](repeating: nil, count: 4)
        var dcTables = [JPEGHuffmanTable?](repeating: nil, count: 4)
        var acTables = [JPEGHuffmanTable?](repeating: nil, count: 4)
        var components: [Component] = []
        var width = 0, height = 0, precision = 0, restartInterval = 0
        var maxH = 1, maxV = 1
        var scans = 0
        var position = 2

        while position + 1 < data.count {
            guard data[position] == 0xFF else { throw fail("marker expected at byte \(position)") }
            let marker = data[position + 1]
            position += 2
            if marker == 0xFF { position -= 1; continue }
            if marker == 0xD9 { break }
            if (0xD0...0xD7).contains(marker) || marker == 0x01 { continue }
            guard position + 1 < data.count else { throw fail("truncated segment") }
            let length = Int(data[position]) << 8 | Int(data[position + 1])
            guard length >= 2, position + length <= data.count else {
                throw fail("segment length \(length) at byte \(position)")
            }
            let body = position + 2, end = position + length
            switch marker {
            case 0xC0, 0xC1:
                guard length >= 8 else { throw fail("short SOF") }
                precision = Int(data[body])
                height = Int(data[body + 1]) << 8 | Int(data[body + 2])
                width = Int(data[body + 3]) << 8 | Int(data[body + 4])
                let count = Int(data[body + 5])
                guard precision == 8 || precision == 12, width > 0, height > 0, (1...4).contains(count),
                    length >= 8 + 3 * count
                else { throw fail("frame header P=\(precision) \(width)×\(height) Nf=\(count)") }
                components = []
                for index in 0..<count {
                    let base = body + 6 + 3 * index
                    let h = Int(data[base + 1] >> 4), v = Int(data[base + 1] & 0x0F), q = Int(data[base + 2])
                    guard (1...4).contains(h), (1...4).contains(v), q < 4 else {
                        throw fail("component sampling \(h)×\(v)")
                    }
                    components.append(Component(id: Int(data[base]), horizontal: h, vertical: v, quantisation: q))
                }
                maxH = components.map(\.horizontal).max() ?? 1
                maxV = components.map(\.vertical).max() ?? 1
                guard components.allSatisfy({ maxH % $0.horizontal == 0 && maxV % $0.vertical == 0 }) else {
                    throw fail("sampling factors that are not divisors of the largest")
                }
                let mcusWide = (width + 8 * maxH - 1) / (8 * maxH), mcusHigh = (height + 8 * maxV - 1) / (8 * maxV)
                var total = 0
                for index in components.indices {
                    components[index].blocksWide = mcusWide * components[index].horizontal
                    components[index].blocksHigh = mcusHigh * components[index].vertical
                    total += components[index].blocksWide * components[index].blocksHigh * 64
                }
                guard total <= maximumSamples else { throw fail("image too large") }
                for index in components.indices {
                    components[index].plane = [Int32](
                        repeating: 0,
                        count: components[index].blocksWide * components[index].blocksHigh * 64)
                }
            case 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF:
                throw DICOMError(
                    .unsupportedTransferSyntax,
                    "JPEG SOF\(marker & 0x0F) (progressive, lossless, hierarchical or arithmetic) is not a sequential DCT frame",
                    tag: .pixelData)
            case 0xDB:
                var at = body
                while at < end {
                    let wide = data[at] >> 4 != 0, id = Int(data[at] & 0x0F)
                    let size = wide ? 128 : 64
                    guard id < 4, at + 1 + size <= end else { throw fail("bad DQT") }
                    quantisation[id] = (0..<64).map {
                        wide ? Int(data[at + 1 + 2 * $0]) << 8 | Int(data[at + 2 + 2 * $0]) : Int(data[at + 1 + $0])
                    }
                    at += 1 + size
                }
            case 0xC4:
                var at = body
                while at < end {
                    guard at + 17 <= end else { throw fail("short DHT") }
                    let kind = data[at] >> 4, id = Int(data[at] & 0x0F)
                    let counts = (0..<16).map { Int(data[at + 1 + $0]) }
                    let total = counts.reduce(0, +)
                    guard kind < 2, id < 4, total <= 256, at + 17 + total <= end else { throw fail("bad DHT") }
                    let table = JPEGHuffmanTable(counts: counts, values: Array(data[(at + 17)..<(at + 17 + total)]))
                    if kind == 0 { dcTables[id] = table } else { acTables[id] = table }
                    at += 17 + total
                }
            case 0xDD:
                guard length >= 4 else { throw fail("short DRI") }
                restartInterval = Int(data[body]) << 8 | Int(data[body + 1])
            case 0xDA:
                guard !components.isEmpty else { throw fail("SOS before SOF") }
                let count = Int(data[body])
                guard (1...components.count).contains(count), length >= 6 + 2 * count else { throw fail("bad SOS") }
                var scan: [Int] = []
                for index in 0..<count {
                    let id = Int(data[body + 1 + 2 * index])
                    guard let which = components.firstIndex(where: { $0.id == id }) else {
                        throw fail("unknown component \(id)")
                    }
                    components[which].dcTable = Int(data[body + 2 + 2 * index] >> 4)
                    components[which].acTable = Int(data[body + 2 + 2 * index] & 0x0F)
                    guard components[which].dcTable < 4, components[which].acTable < 4,
                        dcTables[components[which].dcTable] != nil, acTables[components[which].acTable] != nil,
                        quantisation[components[which].quantisation] != nil
                    else { throw fail("scan refers to a missing table") }
                    scan.append(which)
                }
                position = try decodeScan(
                    data, from: end, components: &components, scan: scan, dcTables: dcTables,
                    acTables: acTables, quantisation: quantisation, width: width, height: height, maxH: maxH,
                    maxV: maxV,
                    restartInterval: restartInterval)
                scans += 1
                continue
            default:
                break
            }
            position = end
        }
        guard scans > 0 else { throw fail("no scan") }

        // Level shift, clamp and upsample each component by replication to the full image. T.81 §A.3.1.
        let offset = Int32(1 << (precision - 1)), maximum = Int32((1 << precision) - 1)
        var samples = [Int32](repeating: 0, count: width * height * components.count)
        for (index, component) in components.enumerated() {
            let sx = maxH / component.horizontal, sy = maxV / component.vertical
            for y in 0..<height {
                let row = (y / sy) * component.planeWidth
                for x in 0..<width {
                    let value = component.plane[row + x / sx] + offset
                    samples[(y * width + x) * components.count + index] = min(max(value, 0), maximum)
                }
            }
        }
        return Image(width: width, height: height, components: components.count, precision: precision, samples: samples)
    }

    private func decodeScan(
        _ data: [UInt8], from start: Int, components: inout [Component], scan: [Int],
        dcTables: [JPEGHuffmanTable?], acTables: [JPEGHuffmanTable?], quantisation: [[Int]?],
        width: Int, height: Int, maxH: Int, maxV: Int, restartInterval: Int
    ) throws -> Int {
        func fail(_ message: String) -> DICOMError {
            DICOMError(.invalidPixelData, "JPEG: \(message)", tag: .pixelData)
        }
        var reader = JPEGBitReader(data: data, position: start)
        for index in scan { components[index].predictor = 0 }
        // A single-component scan is not interleaved: its MCU is one block, over the component's own size. §A.2.2.
        let single = scan.count == 1
        let first = components[scan[0]]
        let mcusWide =
            single
            ? (width * first.horizontal / maxH + 7) / 8 : (width + 8 * maxH - 1) / (8 * maxH)
        let mcusHigh =
            single
            ? (height * first.vertical / maxV + 7) / 8 : (height + 8 * maxV - 1) / (8 * maxV)
        var coefficients = [Double](repeating: 0, count: 64)
        var temporary = [Double](repeating: 0, count: 64)
        var left = restartInterval
        for mcuY in 0..<mcusHigh {
            for mcuX in 0..<mcusWide {
                if restartInterval > 0 {
                    if left == 0 {
                        try reader.restart()
                        left = restartInterval
                        for index in scan { components[index].predictor = 0 }
                    }
                    left -= 1
                }
                for index in scan {
                    let h = single ? 1 : components[index].horizontal, v = single ? 1 : components[index].vertical
                    guard let dc = dcTables[components[index].dcTable], let ac = acTables[components[index].acTable],
                        let table = quantisation[components[index].quantisation]
                    else { throw fail("missing table") }
                    for blockY in 0..<v {
                        for blockX in 0..<h {
                            for k in 0..<64 { coefficients[k] = 0 }
                            guard let category = dc.decode(&reader), category <= 16 else {
                                throw fail("invalid DC code")
                            }
                            components[index].predictor += Self.extend(reader.bits(category), category)
                            coefficients[0] = Double(components[index].predictor * table[0])
                            var k = 1
                            while k < 64 {
                                guard let symbol = ac.decode(&reader) else { throw fail("invalid AC code") }
                                let run = symbol >> 4, size = symbol & 0x0F
                                if size == 0 {
                                    if run != 15 { break }
                                    k += 16
                                    continue
                                }
                                k += run
                                guard k < 64 else { throw fail("AC coefficient beyond the block") }
                                coefficients[Self.zigzag[k]] = Double(Self.extend(reader.bits(size), size) * table[k])
                                k += 1
                            }
                            // Separable inverse DCT: columns then rows.
                            for x in 0..<8 {
                                for v2 in 0..<8 {
                                    var sum = 0.0
                                    for u in 0..<8 { sum += Self.basis[v2 * 8 + u] * coefficients[u * 8 + x] }
                                    temporary[v2 * 8 + x] = sum
                                }
                            }
                            let blockRow = (single ? mcuY : mcuY * components[index].vertical + blockY) * 8
                            let blockColumn = (single ? mcuX : mcuX * components[index].horizontal + blockX) * 8
                            let planeWidth = components[index].planeWidth
                            for y in 0..<8 {
                                for x in 0..<8 {
                                    var sum = 0.0
                                    for u in 0..<8 { sum += Self.basis[x * 8 + u] * temporary[y * 8 + u] }
                                    let target = (blockRow + y) * planeWidth + blockColumn + x
                                    if target < components[index].plane.count {
                                        components[index].plane[target] = Int32(
                                            max(-65_536, min(65_536, sum.rounded())))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        var position = reader.position
        while position + 1 < data.count {
            if data[position] == 0xFF, data[position + 1] != 0x00, !(0xD0...0xD7).contains(data[position + 1]),
                data[position + 1] != 0xFF
            {
                return position
            }
            position += 1
        }
        return data.count
    }

    /// T.81 §F.2.2.1 EXTEND: the signed value of `size` received bits.
    @inline(__always)
    private static func extend(_ value: Int, _ size: Int) -> Int {
        size == 0 ? 0 : (value < 1 << (size - 1) ? value - (1 << size) + 1 : value)
    }
}
