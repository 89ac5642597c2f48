import NIOPosix
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Coalesces the fsync(2) of one folder across concurrent stores. A rename is only durable once
/// its folder is synced; with several associations storing at once, each sync would otherwise be
/// its own journal commit. Here whoever asks while a sync is running waits for the next one, which
/// starts as soon as the running one ends and covers every rename made before it started; so each
/// caller still gets an answer from a sync that began after its call, and N concurrent callers cost
/// at most two syncs instead of N.
final class DirectorySyncGroup: Sendable {
    private struct Waiter {
        let generation: Int
        let continuation: CheckedContinuation<Bool, Never>
    }

    private struct State {
        /// Syncs started so far; the running one, if any, is number `started`.
        var started = 0
        var running = false
        /// Someone arrived while a sync was running: start another when it ends.
        var nextRequested = false
        var waiters: [Waiter] = []
    }

    let path: String
    private let pool: NIOThreadPool
    private let syncFolder: @Sendable (String) -> Bool
    private let state = Mutex(State())

    /// - Parameters:
    ///   - pool: where the blocking fsync runs (never on the caller's thread, which may be an
    ///     event loop or one of Swift's few cooperative threads).
    ///   - syncFolder: the sync itself (fsync(2) of the folder; tests substitute one they control).
    init(path: String, pool: NIOThreadPool, syncFolder: @escaping @Sendable (String) -> Bool = fsyncFolder) {
        self.path = path
        self.pool = pool
        self.syncFolder = syncFolder
    }

    /// Callers waiting for a sync (for tests).
    var waiting: Int { state.withLock { $0.waiters.count } }

    /// Syncs the folder: true once a sync that started after this call has succeeded.
    func sync() async -> Bool {
        await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let generationToStart: Int? = state.withLock { state in
                if state.running {
                    state.nextRequested = true
                    state.waiters.append(Waiter(generation: state.started + 1, continuation: continuation))
                    return nil
                }
                state.running = true
                state.started += 1
                state.waiters.append(Waiter(generation: state.started, continuation: continuation))
                return state.started
            }
            if let generationToStart { launch(generationToStart) }
        }
    }

    private func launch(_ generation: Int) {
        pool.submit { [self] work in
            var generation = generation
            var succeeded = work == .active && syncFolder(path)
            // Chained syncs run on this same thread, without another hop through the pool.
            while let next = finish(generation, succeeded: succeeded) {
                generation = next
                succeeded = work == .active && syncFolder(path)
            }
        }
    }

    /// Answers the waiters of `generation`; returns the next generation to run, if one was asked for.
    private func finish(_ generation: Int, succeeded: Bool) -> Int? {
        let (ready, next): ([Waiter], Int?) = state.withLock { state in
            var ready: [Waiter] = []
            state.waiters.removeAll { waiter in
                guard waiter.generation <= generation else { return false }
                ready.append(waiter)
                return true
            }
            guard state.nextRequested else {
                state.running = false
                return (ready, nil)
            }
            state.nextRequested = false
            state.started += 1
            return (ready, state.started)
        }
        for waiter in ready { waiter.continuation.resume(returning: succeeded) }
        return next
    }

    static func fsyncFolder(_ path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        while fsync(descriptor) != 0 {
            if errno != EINTR { return false }
        }
        return true
    }
}
