import Dispatch
import Foundation

/// An exam's clock: the time spent so far, kept in the progress store while the exam runs.
///
/// Time spent counts from the start of the exam to the moment it stops, however it stops. The exam saves
/// the clock with every command and when it is asked to stop (SIGTERM, SIGHUP); against SIGKILL and a
/// power cut, which give no warning, the clock is also saved every ``saveInterval`` seconds while the
/// learner reads, so that a resumed exam gives back at most that much time.
public final class ExamClock: @unchecked Sendable {
    /// How often the running clock is saved.
    public static let saveInterval: Double = 1

    private let store: ProgressStore
    private let sessionID: Int64
    private let spentBefore: Double
    private let started: Date
    private let now: @Sendable () -> Date
    private let lock = NSLock()
    private var timer: (any DispatchSourceTimer)?
    /// The first save that failed, for the exam to report.
    private var failure: (any Error)?

    /// A clock that goes on from `spentBefore` seconds (0 for a new exam; the saved time for a resumed one).
    public init(store: ProgressStore, sessionID: Int64, spentBefore: Double = 0, now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.sessionID = sessionID
        self.spentBefore = spentBefore
        self.now = now
        started = now()
    }

    /// Seconds spent in the exam so far.
    public var elapsed: Double {
        spentBefore + max(0, now().timeIntervalSince(started))
    }

    /// Saves the time spent now.
    public func save() throws {
        try lock.withLock { try store.saveElapsed(elapsed, sessionID: sessionID) }
    }

    /// Starts saving the clock every ``saveInterval`` seconds on a background queue.
    public func start(interval: Double = ExamClock.saveInterval) {
        lock.withLock {
            guard timer == nil else { return }
            let source = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .utility))
            source.schedule(deadline: .now() + interval, repeating: interval, leeway: .milliseconds(100))
            source.setEventHandler { [weak self] in self?.saveInBackground() }
            timer = source
            source.resume()
        }
    }

    /// Stops the background saves and saves the final time.
    public func stop() throws {
        lock.withLock {
            timer?.cancel()
            timer = nil
        }
        try save()
    }

    /// The first background save that failed (a full disk, a locked store), if any.
    public var backgroundFailure: (any Error)? {
        lock.withLock { failure }
    }

    private func saveInBackground() {
        do {
            try save()
        } catch {
            lock.withLock { if failure == nil { failure = error } }
        }
    }

    deinit {
        timer?.cancel()
    }
}
