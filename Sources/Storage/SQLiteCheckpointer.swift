import Dispatch
import Synchronization

/// Runs WAL checkpoints on a connection and queue of their own, so that copying the WAL into the database file, and
/// the fsyncs that go with it, do not stall a commit and every request queued behind it.
///
/// A passive checkpoint lets writers go on, so under steady load it never catches up with the end of the WAL, and
/// SQLite starts the WAL from the beginning again only once a checkpoint has copied every frame: left alone, the
/// WAL would grow without bound. So after each background checkpoint the executor's leader runs a short one
/// between two commits (``takeCatchUp()``), which copies only the frames committed meanwhile; the next commit then
/// restarts the WAL.
final class SQLiteCheckpointer: Sendable {
    private let queue = DispatchQueue(label: "assay.sqlite.checkpoint", qos: .utility)
    private let slot: SQLiteConnectionSlot
    private let pending = Atomic(false)
    private let catchUp = Atomic(false)

    init(path: String) throws {
        let connection = try SQLiteConnection(path: path)
        try connection.execute("PRAGMA busy_timeout = 2000")
        slot = SQLiteConnectionSlot(connection)
    }

    /// Asks for a background checkpoint; a request while one is pending joins it.
    func request() {
        guard pending.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else {
            return
        }
        queue.async { [self] in
            // A checkpoint that fails (another process holding a lock) is retried on the next request; the WAL keeps
            // every frame until then.
            if (try? slot.connection?.checkpoint()) != nil { catchUp.store(true, ordering: .releasing) }
            pending.store(false, ordering: .releasing)
        }
    }

    /// Whether a background checkpoint finished since the last call, so that a short one on the writing connection
    /// would let the WAL restart.
    func takeCatchUp() -> Bool {
        catchUp.exchange(false, ordering: .acquiringAndReleasing)
    }

    /// Waits for a running checkpoint and closes the connection.
    func stop() {
        queue.sync { slot.connection = nil }
    }
}
