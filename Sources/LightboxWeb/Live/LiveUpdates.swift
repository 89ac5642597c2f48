import Foundation
import LightboxDomain
import Synchronization

/// The in-process broadcaster behind the pages' live lists (DESIGN.md "Pages"; HTML Living Standard
/// §9.2 "Server-sent events"). The store publishes each committed unit of work's events here (and, with
/// PostgreSQL, the other nodes' events arrive through LISTEN/NOTIFY); every open page's stream gets them.
///
/// Everything is bounded: the number of streams, each stream's buffer (a client that falls that far behind
/// is told to refresh everything and closed), the events kept for a reconnecting page (`Last-Event-ID`),
/// and each stream's lifetime.
public final class LiveUpdates: DomainEventPublisher, Sendable {
    /// The limits and clocks of the streams.
    public struct Configuration: Sendable, Equatable {
        /// Most streams open at once; more are refused (503) and the page keeps working without updates.
        public var maximumStreams: Int
        /// Messages waiting for one slow client before it is told to refresh and closed.
        public var streamBuffer: Int
        /// Events kept for a page that reconnects with the id of the last one it saw.
        public var history: Int
        /// A comment line sent this often keeps proxies from closing a quiet stream and finds closed clients.
        public var heartbeat: Duration
        /// A stream ends after this long; the browser reconnects at once with `Last-Event-ID`, and the
        /// reconnection checks the session again.
        public var streamLifetime: Duration
        /// How long a browser waits before reconnecting (the stream's `retry:` field).
        public var retryMilliseconds: Int

        public init(
            maximumStreams: Int = 500, streamBuffer: Int = 64, history: Int = 256, heartbeat: Duration = .seconds(15),
            streamLifetime: Duration = .seconds(300), retryMilliseconds: Int = 2000
        ) {
            self.maximumStreams = maximumStreams
            self.streamBuffer = streamBuffer
            self.history = history
            self.heartbeat = heartbeat
            self.streamLifetime = streamLifetime
            self.retryMilliseconds = retryMilliseconds
        }
    }

    /// One message of a stream.
    enum Message: Sendable, Equatable {
        /// An event, with its id (`<epoch>-<sequence>`).
        case event(id: String, DomainEvent)
        /// Something may have been missed: refresh everything.
        case reset
        /// Nothing happened; the stream is alive.
        case heartbeat
    }

    /// Why a stream was not opened.
    struct Refusal: Error, Sendable, Equatable {
        var reason: String
    }

    /// One open stream.
    final class Subscription: Sendable {
        let id: UUID
        let stream: AsyncStream<Message>
        fileprivate let continuation: AsyncStream<Message>.Continuation
        fileprivate let overflow = Mutex(false)

        fileprivate init(id: UUID, buffer: Int) {
            self.id = id
            (stream, continuation) = AsyncStream.makeStream(of: Message.self, bufferingPolicy: .bufferingOldest(buffer))
        }

        /// Whether the stream was closed because its client fell behind.
        var overflowed: Bool { overflow.withLock { $0 } }

        func heartbeat() { continuation.yield(.heartbeat) }

        /// Ends the stream (its lifetime is over, or the client left).
        func end() { continuation.finish() }
    }

    private struct State {
        var sequence = 0
        var history: [(sequence: Int, event: DomainEvent)] = []
        var subscriptions: [UUID: Subscription] = [:]
        var closed = false
    }

    public let configuration: Configuration
    /// Tells this process's event ids from an earlier run's, whose sequence numbers mean nothing now.
    let epoch: String
    private let state = Mutex(State())

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        epoch = String(UUID().uuidString.prefix(8)).lowercased()
    }

    /// The id of the latest event: a page rendered now passes it back when its stream opens, so nothing
    /// published in between is missed.
    public var position: String {
        "\(epoch)-\(state.withLock { $0.sequence })"
    }

    /// Streams open now.
    var streamCount: Int { state.withLock { $0.subscriptions.count } }

    public func publish(_ events: [DomainEvent]) {
        guard !events.isEmpty else { return }
        var behind: [Subscription] = []
        state.withLock { state in
            guard !state.closed else { return }
            for event in events {
                state.sequence += 1
                state.history.append((state.sequence, event))
                if state.history.count > configuration.history {
                    state.history.removeFirst(state.history.count - configuration.history)
                }
                let message = Message.event(id: "\(epoch)-\(state.sequence)", event)
                for subscription in state.subscriptions.values {
                    if case .dropped = subscription.continuation.yield(message) {
                        subscription.overflow.withLock { $0 = true }
                        behind.append(subscription)
                    }
                }
            }
            for subscription in behind { state.subscriptions[subscription.id] = nil }
        }
        // Finished outside the lock: finishing runs the stream's termination handler, which takes it.
        for subscription in behind { subscription.continuation.finish() }
    }

    /// Opens a stream. `after` is the id of the last event the page saw (`Last-Event-ID`, or the position it
    /// was rendered at): the events since are sent first when they are still kept, else a reset.
    func subscribe(after: String?) throws -> Subscription {
        let subscription = Subscription(id: UUID(), buffer: configuration.streamBuffer)
        try state.withLock { state in
            guard !state.closed else { throw Refusal(reason: "Lightbox is shutting down.") }
            guard state.subscriptions.count < configuration.maximumStreams else {
                throw Refusal(reason: "Too many pages are following live updates; this one will not update itself.")
            }
            state.subscriptions[subscription.id] = subscription
            guard let after else { return }
            let parts = after.split(separator: "-", maxSplits: 1)
            guard parts.count == 2, parts[0] == epoch, let seen = Int(parts[1]), seen <= state.sequence else {
                subscription.continuation.yield(.reset)
                return
            }
            guard seen < state.sequence else { return }
            guard let first = state.history.first, first.sequence <= seen + 1 else {
                subscription.continuation.yield(.reset)
                return
            }
            for (sequence, event) in state.history where sequence > seen {
                subscription.continuation.yield(.event(id: "\(epoch)-\(sequence)", event))
            }
        }
        let id = subscription.id
        subscription.continuation.onTermination = { [weak self] _ in
            self?.state.withLock { _ = $0.subscriptions.removeValue(forKey: id) }
        }
        return subscription
    }

    /// Ends every stream and refuses new ones (graceful shutdown: the HTTP server then has no endless
    /// response to wait for).
    public func close() {
        let open = state.withLock { state in
            state.closed = true
            defer { state.subscriptions.removeAll() }
            return Array(state.subscriptions.values)
        }
        for subscription in open { subscription.continuation.finish() }
    }
}
