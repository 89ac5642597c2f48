import NIOCore

/// A task executor that runs jobs on one NIO event loop. An association's task runs on its
/// channel's loop, so a PDU handed over by the pipeline resumes the waiting task on the same
/// thread, and the response it writes goes straight into the pipeline: no wake-up of another
/// thread in either direction, which is most of a C-ECHO round trip. Blocking work (file syncs)
/// is sent to a thread pool by whoever does it, as anywhere on an event loop.
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
