import NIOCore

/// Encapsulated (compressed) pixel data: the Basic Offset Table item and the fragments, kept exactly as read.
/// PS3.5 §A.4.
public struct EncapsulatedPixelData: Sendable, Equatable {
    /// The value of the first item: 32-bit little endian offsets of each frame's first fragment (may be empty).
    public var basicOffsetTable: ByteBuffer
    /// The fragments after the offset table, each the value of one item (even length).
    public var fragments: [ByteBuffer]

    /// Creates encapsulated pixel data.
    public init(basicOffsetTable: ByteBuffer = ByteBuffer(), fragments: [ByteBuffer]) {
        self.basicOffsetTable = basicOffsetTable
        self.fragments = fragments
    }

    /// The offsets of the Basic Offset Table. PS3.5 §A.4, Table A.4-1.
    public var offsets: [UInt32] {
        var table = basicOffsetTable
        var result: [UInt32] = []
        result.reserveCapacity(table.readableBytes / 4)
        while let value = table.readInteger(endianness: .little, as: UInt32.self) { result.append(value) }
        return result
    }

    /// The bytes of each frame, joining fragments. With one fragment per frame (or a Basic Offset Table,
    /// or a single frame) the split is exact; `numberOfFrames` comes from (0028,0008). PS3.5 §A.4.
    public func frames(numberOfFrames: Int) throws -> [ByteBuffer] {
        if fragments.isEmpty { return [] }
        if numberOfFrames <= 1 { return [joined(fragments[...])] }
        if fragments.count == numberOfFrames { return fragments }
        let table = offsets
        guard table.count == numberOfFrames else {
            throw DICOMError(
                .invalidPixelData,
                "\(fragments.count) fragments for \(numberOfFrames) frames and no usable Basic Offset Table",
                tag: .pixelData)
        }
        // Offsets count from the first byte of the first fragment's item tag; each item has an 8-byte header.
        var starts: [UInt64] = []
        var position: UInt64 = 0
        for fragment in fragments {
            starts.append(position)
            position += 8 + UInt64(fragment.readableBytes)
        }
        var result: [ByteBuffer] = []
        for (index, offset) in table.enumerated() {
            let end = index + 1 < table.count ? UInt64(table[index + 1]) : position
            guard let first = starts.firstIndex(of: UInt64(offset)), UInt64(offset) <= end else {
                throw DICOMError(
                    .invalidPixelData, "Basic Offset Table entry \(index) does not start a fragment",
                    tag: .pixelData)
            }
            var last = first
            while last + 1 < starts.count && starts[last + 1] < end { last += 1 }
            result.append(joined(fragments[first...last]))
        }
        return result
    }

    private func joined(_ parts: ArraySlice<ByteBuffer>) -> ByteBuffer {
        if parts.count == 1, let only = parts.first { return only }
        var buffer = ByteBuffer()
        buffer.reserveCapacity(parts.reduce(0) { $0 + $1.readableBytes })
        for part in parts { buffer.writeImmutableBuffer(part) }
        return buffer
    }
}
