/// Reads the entropy-coded segment of a JPEG scan bit by bit, removing stuffed zero bytes. ITU-T T.81 §F.2.2.5.
struct JPEGBitReader {
    let data: [UInt8]
    var position: Int
    var buffer: UInt64 = 0
    var count = 0
    var hitMarker = false

    mutating func fill() {
        while count <= 48 {
            var byte: UInt64 = 0
            if !hitMarker, position < data.count {
                let value = data[position]
                if value == 0xFF {
                    let next = position + 1 < data.count ? data[position + 1] : 0xD9
                    if next == 0x00 {
                        byte = 0xFF
                        position += 2
                    } else {
                        hitMarker = true
                    }
                } else {
                    byte = UInt64(value)
                    position += 1
                }
            } else {
                hitMarker = true
            }
            // Past a marker the stream is padded with zero bits (as T.81 decoders do) and the sample count ends
            // the loop, so a short stream can never make it run forever.
            buffer |= byte << UInt64(56 - count)
            count += 8
        }
    }

    mutating func peek16() -> Int {
        if count < 16 { fill() }
        return Int(buffer >> 48)
    }

    mutating func skip(_ bits: Int) {
        buffer <<= UInt64(bits)
        count -= bits
    }

    mutating func bits(_ n: Int) -> Int {
        if n == 0 { return 0 }
        if count < n { fill() }
        let value = Int(buffer >> UInt64(64 - n))
        skip(n)
        return value
    }

    /// Drops the bits left in the current byte and consumes a restart marker. T.81 §E.1.4.
    mutating func restart() throws {
        buffer = 0
        count = 0
        hitMarker = false
        while position + 1 < data.count, data[position] == 0xFF, data[position + 1] == 0xFF { position += 1 }
        guard position + 1 < data.count, data[position] == 0xFF, (0xD0...0xD7).contains(data[position + 1]) else {
            throw DICOMError(.invalidPixelData, "JPEG: restart marker expected at byte \(position)", tag: .pixelData)
        }
        position += 2
    }
}
