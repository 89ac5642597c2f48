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

    /// The bytes of each frame, joining fragments. PS3.5 §A.4: frames are found through the Extended Offset
    /// Table (7FE0,0001)/(7FE0,0002) when given, else one fragment per frame, else the Basic Offset Table, else
    /// fragments that open with a JPEG (FFD8) or JPEG 2000 (FF4F, or a JP2 box) start marker.
    /// `numberOfFrames` comes from (0028,0008).
    public func frames(numberOfFrames: Int, extendedOffsets: [UInt64]? = nil, extendedLengths: [UInt64]? = nil) throws
        -> [ByteBuffer]
    {
        if fragments.isEmpty { return [] }
        if let extendedOffsets, let extendedLengths {
            return try framesFromExtendedTable(extendedOffsets, extendedLengths, numberOfFrames: numberOfFrames)
        }
        if numberOfFrames <= 1 { return [joined(fragments[...])] }
        if fragments.count == numberOfFrames { return fragments }
        let table = offsets
        if table.isEmpty {
            let starts = fragments.indices.filter { Self.startsFrame(fragments[$0]) }
            guard starts.count == numberOfFrames, starts.first == 0 else {
                throw DICOMError(
                    .invalidPixelData,
                    "\(fragments.count) fragments for \(numberOfFrames) frames and no offset table", tag: .pixelData)
            }
            return starts.enumerated().map { index, start in
                let end = index + 1 < starts.count ? starts[index + 1] : fragments.count
                return joined(fragments[start..<end])
            }
        }
        guard table.count == numberOfFrames else {
            throw DICOMError(
                .invalidPixelData,
                "Basic Offset Table has \(table.count) entries for \(numberOfFrames) frames", tag: .pixelData)
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
            guard let first = starts.firstIndex(of: UInt64(offset)), UInt64(offset) < end else {
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

    /// Frames located by the Extended Offset Table: byte offsets of each frame's first item from the first
    /// fragment's item, and each frame's length. PS3.3 §C.7.6.3.1.8.
    private func framesFromExtendedTable(_ offsets: [UInt64], _ lengths: [UInt64], numberOfFrames: Int) throws
        -> [ByteBuffer]
    {
        guard offsets.count == lengths.count, offsets.count == numberOfFrames else {
            throw DICOMError(
                .invalidPixelData,
                "Extended Offset Table has \(offsets.count) offsets and \(lengths.count) lengths for \(numberOfFrames) frames",
                tag: Tag(0x7FE0, 0x0001))
        }
        var starts: [UInt64: Int] = [:]
        var position: UInt64 = 0
        for (index, fragment) in fragments.enumerated() {
            starts[position] = index
            position += 8 + UInt64(fragment.readableBytes)
        }
        return try zip(offsets, lengths).enumerated().map { frame, entry in
            guard let first = starts[entry.0] else {
                throw DICOMError(
                    .invalidPixelData, "Extended Offset Table entry \(frame) does not start a fragment",
                    tag: Tag(0x7FE0, 0x0001))
            }
            var collected = ByteBuffer()
            var index = first
            while UInt64(collected.readableBytes) < entry.1 && index < fragments.count {
                collected.writeImmutableBuffer(fragments[index])
                index += 1
            }
            guard UInt64(collected.readableBytes) >= entry.1,
                let frameBytes = collected.getSlice(at: 0, length: Int(entry.1))
            else {
                throw DICOMError(
                    .invalidPixelData, "frame \(frame) is shorter than the Extended Offset Table says",
                    tag: Tag(0x7FE0, 0x0002))
            }
            return frameBytes
        }
    }

    private static func startsFrame(_ fragment: ByteBuffer) -> Bool {
        guard let head = fragment.getBytes(at: fragment.readerIndex, length: min(6, fragment.readableBytes)),
            head.count >= 2
        else { return false }
        if head[0] == 0xFF && (head[1] == 0xD8 || head[1] == 0x4F) { return true }
        return head.count >= 6 && head[0...5] == [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50]
    }

    private func joined(_ parts: ArraySlice<ByteBuffer>) -> ByteBuffer {
        if parts.count == 1, let only = parts.first { return only }
        var buffer = ByteBuffer()
        buffer.reserveCapacity(parts.reduce(0) { $0 + $1.readableBytes })
        for part in parts { buffer.writeImmutableBuffer(part) }
        return buffer
    }
}
