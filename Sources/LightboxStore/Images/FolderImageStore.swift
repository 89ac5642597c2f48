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

/// The `ImageStore` port on a folder (DESIGN.md "The archive"): each file lives at
/// `<root>/ab/cd/<sha256>` under the SHA-256 of its bytes. Received bytes go to
/// `<root>/.staging/<random>`, are hashed as they pass and synced (`fdatasync`); publishing renames
/// the file into place and syncs its folder (and any folder it had to create), so a name is only ever
/// visible for complete, durable bytes. Staging files left by a crash are removed at start-up.
/// Nothing a sender chose is ever part of a path: only the hash and random names are.
public final class FolderImageStore: ImageStore, Sendable {
    public let root: String
    let staging: String
    /// Threads for the blocking `fdatasync`/`fsync` calls, so the event loops and Swift's
    /// cooperative threads keep working while the disk syncs.
    let pool: NIOThreadPool

    /// Creates the folder (and its staging folder) when missing.
    public init(root: String, syncThreads: Int = 8) throws {
        self.root = root
        self.staging = (root as NSString).appendingPathComponent(".staging")
        for folder in [root, staging] {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw LightboxStoreError(
                    code: "store.image-folder", message: "The image folder \(folder) cannot be created: \(error).")
            }
        }
        pool = NIOThreadPool(numberOfThreads: max(syncThreads, 1))
        pool.start()
    }

    deinit {
        pool.shutdownGracefully { _ in }
    }

    public func stage() throws -> any ImageStaging {
        let path = (staging as NSString).appendingPathComponent(UUID().uuidString)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Self.systemError("create a staging file", errno) }
        return FolderImageStaging(path: path, descriptor: descriptor, pool: pool)
    }

    public func publish(_ staged: StagedImage) async throws -> ImageKey {
        let key = staged.key
        let (first, second) = Self.folders(of: key)
        let firstPath = (root as NSString).appendingPathComponent(first)
        let secondPath = (firstPath as NSString).appendingPathComponent(second)
        let final = (secondPath as NSString).appendingPathComponent(key.sha256)
        let root = self.root
        let stagedPath = staged.path
        try await pool.runIfActive {
            // Folders made here are synced into their parents, or a crash could lose the new name.
            var created: [String] = []
            for folder in [firstPath, secondPath] where mkdir(folder, 0o755) == 0 { created.append(folder) }
            if access(final, F_OK) == 0 {
                // The same bytes are already stored: one file.
                unlink(stagedPath)
            } else if rename(stagedPath, final) != 0 {
                throw Self.systemError("publish the image", errno)
            }
            try Self.syncFolder(secondPath)
            if created.contains(secondPath) { try Self.syncFolder(firstPath) }
            if created.contains(firstPath) { try Self.syncFolder(root) }
        }
        return key
    }

    public func discard(_ staged: StagedImage) {
        // Only files in the staging folder are ever deleted this way.
        guard (staged.path as NSString).deletingLastPathComponent == staging else { return }
        unlink(staged.path)
    }

    public func location(of key: ImageKey) -> String {
        let (first, second) = Self.folders(of: key)
        return [root, first, second, key.sha256].joined(separator: "/")
    }

    public func contains(_ key: ImageKey) -> Bool {
        access(location(of: key), F_OK) == 0
    }

    public func remove(_ key: ImageKey) async throws {
        let path = location(of: key)
        try await pool.runIfActive {
            guard unlink(path) == 0 || errno == ENOENT else { throw Self.systemError("remove an image", errno) }
            try Self.syncFolder((path as NSString).deletingLastPathComponent)
        }
    }

    public func availableBytes() throws -> Int64 {
        var info = statvfs()
        guard statvfs(root, &info) == 0 else { throw Self.systemError("read the free space", errno) }
        return Int64(info.f_bavail) * Int64(info.f_frsize)
    }

    public func removeLeftovers() throws -> Int {
        let names = try FileManager.default.contentsOfDirectory(atPath: staging)
        for name in names { unlink((staging as NSString).appendingPathComponent(name)) }
        if !names.isEmpty { try Self.syncFolder(staging) }
        return names.count
    }

    static func folders(of key: ImageKey) -> (String, String) {
        let hex = key.sha256
        return (String(hex.prefix(2)), String(hex.dropFirst(2).prefix(2)))
    }

    static func syncFolder(_ path: String) throws {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw systemError("open the folder \(path)", errno) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw systemError("sync the folder \(path)", errno) }
    }

    static func systemError(_ what: String, _ code: Int32) -> LightboxStoreError {
        LightboxStoreError(code: "store.image-io", message: "Cannot \(what): \(String(cString: strerror(code))).")
    }
}
