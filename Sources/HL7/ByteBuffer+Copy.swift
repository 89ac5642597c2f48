import NIOCore

extension ByteBuffer {
    /// Copies a slice so an oversized frame's prefix does not keep the whole read buffer alive.
    init(buffer: ByteBuffer) {
        self.init(bytes: buffer.readableBytesView)
    }
}
