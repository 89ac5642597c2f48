#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension DirectoryStoreHandler {
    /// Starts writeback of a written stretch of a file without waiting for it (Linux
    /// `sync_file_range(…, SYNC_FILE_RANGE_WRITE)`), so the disk works while the rest of the data
    /// set still arrives and the final `fdatasync` only waits for the tail and the journal commit.
    /// It is a hint for speed, never a durability step: `fdatasync` still decides. The function is
    /// looked up at run time because Swift's Glibc module does not declare it; where it is missing
    /// the hint is skipped.
    struct Writeback: @unchecked Sendable {
        // @unchecked: an immutable C function pointer, safe to call from any thread.
        private typealias SyncFileRange = @convention(c) (Int32, Int64, Int64, UInt32) -> Int32
        private let syncFileRange: SyncFileRange?

        /// How much newly written data triggers a writeback request.
        static let stretch = 512 * 1024
        /// SYNC_FILE_RANGE_WRITE from <fcntl.h>: start writing dirty pages, do not wait.
        private static let startWrite: UInt32 = 2

        init() {
            let process = dlopen(nil, RTLD_NOW)
            syncFileRange = dlsym(process, "sync_file_range").map { unsafeBitCast($0, to: SyncFileRange.self) }
        }

        func start(_ descriptor: Int32, from offset: Int, count: Int) {
            // A failure only means the kernel writes the pages back later, by itself or at fdatasync.
            _ = syncFileRange?(descriptor, Int64(offset), Int64(count), Self.startWrite)
        }
    }
}
