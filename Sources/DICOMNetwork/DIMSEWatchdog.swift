import NIOCore
import Synchronization

/// The DIMSE timeout: bounds the wait for the rest of a message once it has begun (the next
/// command fragment, or the data set a command announced), so a peer that announces a data set
/// and never sends it is aborted (A-ABORT, PS3.8 §7.3) long before the association's idle
/// timeout. Armed on the event loop around each wait for a PDU inside a message.
final class DIMSEWatchdog: Sendable {
    private let timeout: TimeAmount
    private let channel: any Channel
    private let state = Mutex<State>(State())

    private struct State {
        var scheduled: Scheduled<Void>?
        var fired = false
    }

    init(timeout: TimeAmount, channel: any Channel) {
        self.timeout = timeout
        self.channel = channel
    }

    /// Whether the timeout expired (the association has then been aborted).
    var fired: Bool { state.withLock { $0.fired } }

    /// The configured timeout in milliseconds, for messages.
    var milliseconds: Int64 { timeout.nanoseconds / 1_000_000 }

    /// Starts the clock before waiting for a PDU inside a message.
    func arm() {
        let channel = self.channel
        let scheduled = channel.eventLoop.scheduleTask(in: timeout) { [weak self] in
            guard let self else { return }
            self.state.withLock { $0.fired = true }
            // A-ABORT (service user: the DIMSE layer gave up), then close; ARTIM is moot.
            channel.writeAndFlush(PDU.abort(AAbort(source: .serviceUser))).whenComplete { _ in
                channel.close(promise: nil)
            }
        }
        state.withLock { $0.scheduled = scheduled }
    }

    /// Stops the clock once the PDU arrived.
    func disarm() {
        state.withLock {
            $0.scheduled?.cancel()
            $0.scheduled = nil
        }
    }
}
