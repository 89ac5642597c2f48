import Foundation
import NIOCore
import NIOPosix

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A storage SCP handler that writes each received instance as a Part 10 file in a folder
/// (what `lightbox dicom receive` runs). The data set is streamed to a temporary file fragment by
/// fragment, written straight from the received buffers, synced (`fdatasync`), then renamed and the
/// folder synced, so a half-received instance never appears under its name and Success is only
/// answered for a file whose data and name are on disk (PS3.4 B.2.3).
///
/// The durable path is kept short: writeback of each completed stretch of the file starts while
/// the rest is still arriving (`sync_file_range`), so the final `fdatasync` mostly waits for the
/// tail; the blocking syncs run on a thread pool, not on Swift's cooperative threads; and the
/// folder syncs of concurrent stores are coalesced (``DirectorySyncGroup``). ``Durability/pageCache``
/// skips the syncs and nothing else, for measurements against receivers that never sync.
public struct DirectoryStoreHandler: StoreHandler {
    /// When Success is answered.
    public enum Durability: Sendable {
        /// After the file's data and its name are on disk (the default, and all Lightbox uses).
        case synced
        /// As soon as the kernel holds the file, as dcmtk's storescp answers: a power cut can lose
        /// instances already acknowledged. For measuring the network path on equal terms with such
        /// receivers and for throwaway test receivers, never for an archive.
        case pageCache
    }

    public let directory: String
    public let transferSyntaxes: [String]?
    public let durability: Durability
    private let threads: SyncThreads
    private let folderSync: DirectorySyncGroup
    private let writeback: Writeback

    /// - Parameters:
    ///   - transferSyntaxes: what to accept, in preference order; nil keeps whatever the
    ///     sender proposes first.
    ///   - syncThreads: threads for the blocking `fdatasync` and folder `fsync` calls, so that
    ///     that many stores can wait for the disk at once (concurrent syncs share journal commits
    ///     and cache flushes) while the event loops and Swift's cooperative threads keep working.
    public init(
        directory: String, transferSyntaxes: [String]? = nil, syncThreads: Int = 8, durability: Durability = .synced
    ) {
        self.directory = directory
        self.transferSyntaxes = transferSyntaxes
        self.durability = durability
        self.threads = SyncThreads(count: max(syncThreads, 1))
        self.folderSync = DirectorySyncGroup(path: directory, pool: threads.pool)
        self.writeback = Writeback()
    }

    /// The file name for an instance: its SOP Instance UID with anything but digits and dots
    /// replaced, so a hostile UID cannot climb out of the folder.
    public static func fileName(sopInstanceUID: String) -> String {
        let safe = String(sopInstanceUID.map { $0.isASCII && ($0.isNumber || $0 == ".") ? $0 : "_" }.prefix(128))
        return (safe.isEmpty || safe.allSatisfy { $0 == "." } ? "instance" : safe) + ".dcm"
    }

    public func store(_ request: StoreRequest, dataSet: DataSetFragments) async throws -> DIMSEStatus {
        // write(2) can block on the page cache: keep it off the association's event loop (the
        // server runs associations there), so the loop goes on reading the next PDUs meanwhile.
        try await withTaskExecutorPreference(globalConcurrentExecutor) {
            try await writeFile(request, dataSet: dataSet)
        }
    }

    private func writeFile(_ request: StoreRequest, dataSet: DataSetFragments) async throws -> DIMSEStatus {
        let header = Part10Header(
            mediaStorageSOPClassUID: request.sopClassUID, mediaStorageSOPInstanceUID: request.sopInstanceUID,
            transferSyntaxUID: request.transferSyntaxUID, implementationClassUID: Implementation.classUID,
            implementationVersionName: Implementation.versionName,
            sourceApplicationEntityTitle: request.association.callingAETitle)
        let temporary = (directory as NSString).appendingPathComponent(".partial-\(UUID().uuidString)")
        let final = (directory as NSString).appendingPathComponent(
            Self.fileName(sopInstanceUID: request.sopInstanceUID))
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return .outOfResources }
        do {
            defer { close(descriptor) }
            var written = try Self.write(header.encoded(), to: descriptor)
            var flushed = 0
            for try await fragment in dataSet {
                written += try Self.write(fragment, to: descriptor)
                if durability == .synced, written - flushed >= Writeback.stretch {
                    writeback.start(descriptor, from: flushed, count: written - flushed)
                    flushed = written
                }
            }
            // Durable before Success: the data reaches the disk before the rename publishes
            // the name (fdatasync skips metadata such as times that recovery does not need).
            if durability == .synced {
                let synced = try await threads.pool.runIfActive { fdatasync(descriptor) == 0 }
                guard synced else { throw SystemFailure() }
            }
        } catch let error as DICOMNetworkError {
            unlink(temporary)
            throw error
        } catch {
            unlink(temporary)
            return .outOfResources
        }
        if rename(temporary, final) != 0 {
            unlink(temporary)
            return .outOfResources
        }
        // The new name lives in the folder's own data: sync the folder too, or a crash right after
        // Success could bring the file back under its temporary name (rename(2) alone is atomic,
        // not durable). If that fails, the sender is told so and will send again under the same name.
        if durability == .synced {
            guard await folderSync.sync() else { return .outOfResources }
        }
        return .success
    }

    /// The handler's thread pool, shared by its copies and shut down when the last one goes.
    private final class SyncThreads: Sendable {
        let pool: NIOThreadPool

        init(count: Int) {
            pool = NIOThreadPool(numberOfThreads: count)
            pool.start()
        }

        deinit {
            pool.shutdownGracefully { _ in }
        }
    }

    /// A failed system call while writing; the caller answers Out of Resources.
    private struct SystemFailure: Error {}

    /// Writes the buffer's readable bytes straight from its storage (no intermediate array),
    /// resuming after short writes and interrupted calls; returns the count written.
    private static func write(_ buffer: ByteBuffer, to descriptor: Int32) throws -> Int {
        try buffer.withUnsafeReadableBytes { bytes in
            guard let base = bytes.baseAddress else { return 0 }
            var offset = 0
            while offset < bytes.count {
                let written = posixWrite(descriptor, base + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw SystemFailure()
                }
                offset += written
            }
            return offset
        }
    }
}

/// write(2), named apart from the handler's own `write` methods.
private func posixWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
