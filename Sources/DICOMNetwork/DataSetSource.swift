import NIOCore

/// Where an outgoing data set comes from. Files are streamed fragment by fragment, so a 2 GB
/// multi-frame never sits whole in memory.
public enum DataSetSource: Sendable, Equatable {
    /// Bytes already in memory.
    case buffer(ByteBuffer)
    /// Bytes of a file from `offset` to its end (a Part 10 file's data set after the meta header).
    case file(path: String, offset: UInt64)
}
