import Synchronization

/// The message IDs the peer has sent C-CANCEL-RQ for (PS3.7 §9.3.2.3, §9.3.3.3, §9.3.4.3), as
/// ``CancelObserver`` saw them arrive in the pipeline. Shared between the event loop, which
/// records, and the task answering an operation, which checks between its responses without a
/// hop to the loop. Each C-CANCEL also stays in the PDU stream; whoever reads it there removes
/// its entry, so with the operations window of 1 an entry never outlives the operation it
/// names (the next request is read only after the C-CANCEL before it).
final class CancelRegister: Sendable {
    private let messageIDs = Mutex<Set<UInt16>>([])
    /// Bound on remembered IDs: a peer repeating C-CANCEL for operations that do not exist
    /// cannot grow it (the stream reader removes them as it goes anyway).
    static let limit = 64

    /// Called by the observer, on the event loop, as a C-CANCEL-RQ arrives.
    func record(_ messageID: UInt16) {
        messageIDs.withLock { ids in
            if ids.count < Self.limit { ids.insert(messageID) }
        }
    }

    /// Whether a C-CANCEL-RQ for `messageID` has arrived and not yet been read from the stream.
    func contains(_ messageID: UInt16) -> Bool {
        messageIDs.withLock { $0.contains(messageID) }
    }

    /// The C-CANCEL-RQ for `messageID` was read from the stream: forget it.
    func remove(_ messageID: UInt16) {
        _ = messageIDs.withLock { $0.remove(messageID) }
    }
}
