/// A Huffman table of a DHT segment, decoded by code length. ITU-T T.81 §C and §F.2.2.3.
struct JPEGHuffmanTable {
    var maxCode = [Int](repeating: -1, count: 18)
    var valueOffset = [Int](repeating: 0, count: 17)
    var values: [UInt8] = []

    init(counts: [Int], values: [UInt8]) {
        self.values = values
        var code = 0
        var index = 0
        for length in 1...16 {
            let count = counts[length - 1]
            valueOffset[length] = index - code
            code += count
            index += count
            maxCode[length] = count > 0 ? code - 1 : -1
            code <<= 1
        }
    }

    /// The next symbol, or nil for a code no table entry has.
    func decode(_ reader: inout JPEGBitReader) -> Int? {
        let peek = reader.peek16()
        for length in 1...16 {
            let code = peek >> (16 - length)
            if code <= maxCode[length] {
                let index = valueOffset[length] + code
                guard index >= 0, index < values.count else { return nil }
                reader.skip(length)
                return Int(values[index])
            }
        }
        return nil
    }
}
