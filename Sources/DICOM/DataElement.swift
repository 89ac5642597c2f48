import NIOCore

/// One data element: tag, VR and value. PS3.5 §7.1.
///
/// Values are kept as the bytes read (binary numbers normalised to little endian), so reading
/// is cheap and writing reproduces them; strings are decoded when asked for.
public struct DataElement: Sendable, Equatable {
    /// The value of an element.
    public enum Value: Sendable, Equatable {
        /// The value bytes, little endian for binary VRs, including any padding byte.
        case bytes(ByteBuffer)
        /// The items of a sequence (SQ), each a data set. PS3.5 §7.5.
        case sequence([DataSet])
        /// Encapsulated pixel data. PS3.5 §A.4.
        case fragments(EncapsulatedPixelData)
    }

    /// The tag.
    public var tag: Tag
    /// The value representation.
    public var vr: VR
    /// The value.
    public var value: Value

    /// Creates an element.
    public init(tag: Tag, vr: VR, value: Value) {
        self.tag = tag
        self.vr = vr
        self.value = value
    }

    /// Creates an element holding bytes: `DataElement(tag: .rows, vr: .US, bytes: buffer)`.
    public init(tag: Tag, vr: VR, bytes: ByteBuffer) {
        self.init(tag: tag, vr: vr, value: .bytes(bytes))
    }

    /// The raw value bytes (nil for sequences and encapsulated pixel data).
    public var bytes: ByteBuffer? {
        if case .bytes(let buffer) = value { return buffer }
        return nil
    }

    /// The items of a sequence (nil unless SQ).
    public var items: [DataSet]? {
        if case .sequence(let items) = value { return items }
        return nil
    }

    /// The encapsulated pixel data (nil unless encapsulated).
    public var fragments: EncapsulatedPixelData? {
        if case .fragments(let data) = value { return data }
        return nil
    }

    /// Length of the value in bytes as stored (0 for sequences and fragments).
    public var valueLength: Int { bytes?.readableBytes ?? 0 }

    /// The value has no bytes, no items and no fragments.
    public var isEmpty: Bool {
        switch value {
        case .bytes(let buffer): return buffer.readableBytes == 0
        case .sequence(let items): return items.isEmpty
        case .fragments(let data): return data.fragments.isEmpty && data.basicOffsetTable.readableBytes == 0
        }
    }
}
