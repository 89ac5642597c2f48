extension LookupTable {
    /// Expands Segmented Palette Color LUT Data: discrete (opcode 0), linear (1) and indirect (2) segments of
    /// 16-bit words. PS3.3 §C.7.9.2. Indirect segments may not refer to other indirect segments, and the output
    /// never grows beyond the descriptor's entry count, so hostile data cannot loop or exhaust memory.
    public init(descriptor: DataElement, segmentedData: DataElement) throws {
        let words = Self.words(of: descriptor)
        guard words.count >= 3 else {
            throw DICOMError(
                .invalidPixelData, "LUT Descriptor has \(words.count) values, 3 expected", tag: descriptor.tag)
        }
        let count = words[0] == 0 ? 65_536 : Int(words[0])
        let bits = Int(words[2])
        guard (1...16).contains(bits) else {
            throw DICOMError(.invalidPixelData, "LUT Descriptor declares \(bits) bits per entry", tag: descriptor.tag)
        }
        let data = Self.words(of: segmentedData)
        func fail(_ message: String) -> DICOMError {
            DICOMError(.invalidPixelData, "Segmented LUT: \(message)", tag: segmentedData.tag)
        }
        var output: [UInt16] = []
        output.reserveCapacity(count)

        func expand(from start: Int, segments limit: Int?, allowIndirect: Bool) throws {
            var position = start
            var done = 0
            while position < data.count, output.count < count, limit.map({ done < $0 }) ?? true {
                guard position + 1 < data.count else { throw fail("segment header cut short at word \(position)") }
                let opcode = data[position]
                let length = Int(data[position + 1])
                switch opcode {
                case 0:
                    guard position + 2 + length <= data.count else { throw fail("discrete segment overruns the data") }
                    output += data[(position + 2)..<(position + 2 + length)].prefix(count - output.count)
                    position += 2 + length
                case 1:
                    guard position + 2 < data.count, let start = output.last else {
                        throw fail("linear segment without a previous value")
                    }
                    let end = Double(data[position + 2])
                    let from = Double(start)
                    for step in 1...max(length, 1) where output.count < count && length > 0 {
                        output.append(UInt16((from + (end - from) * Double(step) / Double(length)).rounded()))
                    }
                    position += 3
                case 2:
                    guard allowIndirect, position + 3 < data.count else {
                        throw fail("nested or short indirect segment")
                    }
                    let byteOffset = Int(data[position + 2]) | Int(data[position + 3]) << 16
                    guard byteOffset % 2 == 0, byteOffset / 2 < data.count else {
                        throw fail("indirect offset \(byteOffset)")
                    }
                    try expand(from: byteOffset / 2, segments: length, allowIndirect: false)
                    position += 4
                default:
                    throw fail("unknown opcode \(opcode)")
                }
                done += 1
            }
        }
        try expand(from: 0, segments: nil, allowIndirect: true)
        guard !output.isEmpty else { throw fail("no entries") }
        self.init(firstMappedValue: Int(words[1]), bitsPerEntry: bits, entries: output)
    }
}
