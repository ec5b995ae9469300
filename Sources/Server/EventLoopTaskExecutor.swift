import NIOCore

/// Runs a task's jobs on one NIO event loop, so a connection's request handling stays on the thread that reads and
/// writes its socket instead of hopping to the concurrency pool and back for every request.
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
