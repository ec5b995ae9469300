/// Whether a caller that becomes the leader of a SQLite group commit first yields its executor, so that work already
/// scheduled there joins the commit.
///
/// On an event loop that is what fills a commit: the other requests of the same turn queue their jobs during the
/// yield (measured +10 % round trips when it came in). On a worker it is wrong: the work queued behind the leader may
/// be a slow policy that runs for seconds, and every other caller's commit, `/healthz` included, would wait for the
/// leader to run again. The service's worker pool turns it off for the work it runs.
public enum CommitBatching {
    /// True unless the current task runs on a worker that may be busy with long work.
    @TaskLocal public static var leaderYields = true
}
