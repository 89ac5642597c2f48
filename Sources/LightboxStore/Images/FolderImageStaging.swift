import Crypto
import Foundation
import LightboxDomain
import NIOPosix

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// One staging file of a ``FolderImageStore``: bytes are written straight from the caller's buffer
/// and hashed as they pass; ``finish()`` syncs the data on the store's threads.
final class FolderImageStaging: ImageStaging {
    let path: String
    private var descriptor: Int32
    private let pool: NIOThreadPool
    private var hasher = SHA256()
    private var size: Int64 = 0

    init(path: String, descriptor: Int32, pool: NIOThreadPool) {
        self.path = path
        self.descriptor = descriptor
        self.pool = pool
    }

    deinit {
        if descriptor >= 0 {
            close(descriptor)
            unlink(path)
        }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard descriptor >= 0 else { throw FolderImageStore.systemError("write a closed staging file", EBADF) }
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, base + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw FolderImageStore.systemError("write the image", errno)
            }
            offset += written
        }
        hasher.update(bufferPointer: bytes)
        size += Int64(bytes.count)
    }

    func finish() async throws -> StagedImage {
        let descriptor = self.descriptor
        guard descriptor >= 0 else { throw FolderImageStore.systemError("finish a closed staging file", EBADF) }
        self.descriptor = -1
        let synced = try await pool.runIfActive { fdatasync(descriptor) == 0 ? 0 : errno }
        close(descriptor)
        guard synced == 0 else {
            unlink(path)
            throw FolderImageStore.systemError("sync the image", synced)
        }
        let hex = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        guard let key = ImageKey(sha256: hex) else {
            unlink(path)
            throw FolderImageStore.systemError("name the image", EINVAL)
        }
        return StagedImage(path: path, key: key, sizeBytes: size)
    }

    func abandon() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
        unlink(path)
    }
}
