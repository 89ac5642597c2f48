/// Decodes JPEG Lossless, Non-Hierarchical (Process 14, any selection value, and Process 14 SV1) —
/// ITU-T T.81 Annex H with Huffman coding. PS3.5 §A.4.1, §8.2.1.
///
/// Written in Swift because Debian 12's libjpeg-turbo is 2.1.5, whose libjpeg and TurboJPEG APIs have no
/// lossless (SOF3) decoder (lossless arrived in libjpeg-turbo 3.0) and no other library in Debian's repositories
/// exposes one; the coding is small and fully specified, and every read here is bounds-checked.
public struct JPEGLosslessDecoder: Sendable {
    /// The decoded image: samples of every component interleaved, row-major.
    public struct Image: Sendable {
        public var width: Int
        public var height: Int
        public var components: Int
        public var precision: Int
        public var samples: [Int32]
    }

    /// The largest image this decoder accepts, in samples.
    public var maximumSamples: Int

    /// Creates a decoder.
    public init(maximumSamples: Int = 1 << 28) {
        self.maximumSamples = maximumSamples
    }

    private struct Component {
        var id: Int
        var tableIndex = 0
    }

    /// Decodes one JPEG lossless image.
    public func decode(_ data: [UInt8]) throws -> Image {
        func fail(_ message: String) -> DICOMError {
            DICOMError(.invalidPixelData, "JPEG lossless: \(message)", tag: .pixelData)
        }
        guard data.count >= 4, data[0] == 0xFF, data[1] == 0xD8 else { throw fail("no SOI marker") }
        var position = 2
        var tables = [JPEGHuffmanTable?](repeating: nil, count: 4)
        var components: [Component] = []
        var width = 0, height = 0, precision = 0
        var restartInterval = 0
        var samples: [Int32] = []
        var scans = 0

        func uint16(_ at: Int) throws -> Int {
            guard at + 1 < data.count else { throw fail("truncated at byte \(at)") }
            return Int(data[at]) << 8 | Int(data[at + 1])
        }

        while position < data.count {
            guard data[position] == 0xFF else { throw fail("marker expected at byte \(position)") }
            guard position + 1 < data.count else { throw fail("truncated marker") }
            let marker = data[position + 1]
            position += 2
            if marker == 0xFF { position -= 1; continue }
            if marker == 0xD9 { break }
            if (0xD0...0xD7).contains(marker) || marker == 0x01 { continue }
            let length = try uint16(position)
            guard length >= 2, position + length <= data.count else {
                throw fail("segment length \(length) at byte \(position)")
            }
            let body = position + 2
            let end = position + length
            switch marker {
            case 0xC3:
                guard length >= 8 else { throw fail("short SOF3") }
                precision = Int(data[body])
                height = try uint16(body + 1)
                width = try uint16(body + 3)
                let count = Int(data[body + 5])
                guard (2...16).contains(precision), width > 0, height > 0, (1...4).contains(count),
                    length >= 8 + 3 * count
                else {
                    throw fail("frame header P=\(precision) \(width)×\(height) Nf=\(count)")
                }
                let total = width.multipliedReportingOverflow(by: height)
                let all = total.partialValue.multipliedReportingOverflow(by: count)
                guard !total.overflow, !all.overflow, all.partialValue <= maximumSamples else {
                    throw fail("image too large")
                }
                components = []
                for index in 0..<count {
                    let base = body + 6 + 3 * index
                    guard data[base + 1] == 0x11 else { throw fail("subsampled components are not supported") }
                    components.append(Component(id: Int(data[base])))
                }
                samples = [Int32](repeating: 0, count: all.partialValue)
            case 0xC0, 0xC1, 0xC2, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF:
                throw DICOMError(
                    .unsupportedTransferSyntax,
                    "JPEG lossless decoder met a non-lossless frame (SOF\(marker & 0x0F))", tag: .pixelData)
            case 0xC4:
                var at = body
                while at < end {
                    let tableClassAndId = data[at]
                    guard at + 17 <= end else { throw fail("short DHT") }
                    let counts = (0..<16).map { Int(data[at + 1 + $0]) }
                    let total = counts.reduce(0, +)
                    guard at + 17 + total <= end, total <= 256, tableClassAndId & 0x0F < 4 else {
                        throw fail("bad DHT")
                    }
                    let values = Array(data[(at + 17)..<(at + 17 + total)])
                    guard values.allSatisfy({ $0 <= 16 }) else { throw fail("difference category above 16") }
                    tables[Int(tableClassAndId & 0x03)] = JPEGHuffmanTable(counts: counts, values: values)
                    at += 17 + total
                }
            case 0xDD:
                restartInterval = try uint16(body)
            case 0xDA:
                guard !components.isEmpty else { throw fail("SOS before SOF3") }
                let count = Int(data[body])
                guard (1...components.count).contains(count), length >= 6 + 2 * count else { throw fail("bad SOS") }
                var scanComponents: [Int] = []
                for index in 0..<count {
                    let id = Int(data[body + 1 + 2 * index])
                    guard let which = components.firstIndex(where: { $0.id == id }) else {
                        throw fail("unknown component \(id)")
                    }
                    components[which].tableIndex = Int(data[body + 2 + 2 * index] >> 4) & 0x03
                    guard tables[components[which].tableIndex] != nil else { throw fail("missing Huffman table") }
                    scanComponents.append(which)
                }
                let predictor = Int(data[body + 1 + 2 * count])
                let pointTransform = Int(data[body + 3 + 2 * count] & 0x0F)
                guard (0...7).contains(predictor), pointTransform < precision else {
                    throw fail("predictor \(predictor)")
                }
                let scanTables = scanComponents.compactMap { tables[components[$0].tableIndex] }
                guard scanTables.count == scanComponents.count else { throw fail("missing Huffman table") }
                position = end
                position = try decodeScan(
                    data, from: position, samples: &samples, width: width, height: height,
                    componentCount: components.count, scanComponents: scanComponents,
                    tables: scanTables, predictor: predictor,
                    precision: precision, pointTransform: pointTransform, restartInterval: restartInterval)
                scans += 1
                continue
            default:
                break  // APPn, COM, DQT and others carry nothing needed for lossless decoding.
            }
            position = end
        }
        guard scans > 0 else { throw fail("no scan") }
        return Image(width: width, height: height, components: components.count, precision: precision, samples: samples)
    }

    private func decodeScan(
        _ data: [UInt8], from start: Int, samples: inout [Int32], width: Int, height: Int,
        componentCount: Int, scanComponents: [Int], tables: [JPEGHuffmanTable], predictor: Int,
        precision: Int, pointTransform: Int, restartInterval: Int
    ) throws -> Int {
        var reader = JPEGBitReader(data: data, position: start)
        let initial = 1 << (precision - pointTransform - 1)
        var mcusLeft = restartInterval
        // T.81 §H.1.2.1: the first sample of the image and of each restart interval is predicted by 2^(P-Pt-1);
        // the rest of that line by the sample to the left; the first sample of later lines by the one above.
        var restartLine = 0
        for y in 0..<height {
            for x in 0..<width {
                var startsInterval = y == 0 && x == 0
                if restartInterval > 0 {
                    if mcusLeft == 0 {
                        try reader.restart()
                        mcusLeft = restartInterval
                        restartLine = y
                        startsInterval = true
                    }
                    mcusLeft -= 1
                }
                for (which, component) in scanComponents.enumerated() {
                    let table = tables[which]
                    // Huffman-decode the difference category (T.81 §F.2.2.3) and the extra bits (§H.1.2.2).
                    guard let category = table.decode(&reader) else {
                        throw DICOMError(.invalidPixelData, "JPEG lossless: invalid Huffman code", tag: .pixelData)
                    }
                    var difference: Int
                    if category == 0 {
                        difference = 0
                    } else if category == 16 {
                        difference = 32_768
                    } else {
                        difference = reader.bits(category)
                        if difference < 1 << (category - 1) { difference -= (1 << category) - 1 }
                    }
                    let index = (y * width + x) * componentCount + component
                    let left = x > 0 ? Int(samples[index - componentCount]) : 0
                    let above = y > 0 ? Int(samples[index - width * componentCount]) : 0
                    let aboveLeft = x > 0 && y > 0 ? Int(samples[index - (width + 1) * componentCount]) : 0
                    let prediction: Int
                    if startsInterval {
                        prediction = initial
                    } else if y == restartLine {
                        prediction = left
                    } else if x == 0 {
                        prediction = above
                    } else {
                        switch predictor {
                        case 1: prediction = left
                        case 2: prediction = above
                        case 3: prediction = aboveLeft
                        case 4: prediction = left + above - aboveLeft
                        case 5: prediction = left + ((above - aboveLeft) >> 1)
                        case 6: prediction = above + ((left - aboveLeft) >> 1)
                        case 7: prediction = (left + above) >> 1
                        default: prediction = 0
                        }
                    }
                    samples[index] = Int32((prediction + difference) & 0xFFFF)
                }
            }
        }
        if pointTransform > 0 {
            for component in scanComponents {
                var index = component
                while index < samples.count {
                    samples[index] <<= Int32(pointTransform)
                    index += componentCount
                }
            }
        }
        // Continue after the entropy-coded data: find the next marker that is not a restart marker.
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
}
