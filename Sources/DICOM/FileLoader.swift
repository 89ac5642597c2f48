import NIOCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a file straight into a `ByteBuffer` (no intermediate `Data`), all at once or growing by chunks
/// so a reader that stops early never touches the rest of a large file.
struct FileLoader: ~Copyable {
    private let descriptor: Int32
    let path: String
    /// The file's size when opened.
    let size: Int
    /// What has been read so far, from the start of the file.
    private(set) var buffer = ByteBuffer()

    init(path: String) throws {
        self.path = path
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw DICOMError(.io, "cannot open \(path): errno \(errno)") }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            close(descriptor)
            throw DICOMError(.io, "cannot stat \(path): errno \(errno)")
        }
        size = Int(info.st_size)
    }

    deinit { close(descriptor) }

    /// True once the whole file is in `buffer`.
    var isComplete: Bool { buffer.readableBytes >= size }

    /// Reads until `buffer` holds `count` bytes or the file ends.
    mutating func fill(upTo count: Int) throws {
        let target = min(count, size)
        let descriptor = self.descriptor
        let path = self.path
        while buffer.readableBytes < target {
            let wanted = target - buffer.readableBytes
            let got = try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: wanted) { pointer -> Int in
                let result = read(descriptor, pointer.baseAddress, min(wanted, pointer.count))
                if result < 0 { throw DICOMError(.io, "cannot read \(path): errno \(errno)") }
                return result
            }
            if got == 0 { break }
        }
    }
}
