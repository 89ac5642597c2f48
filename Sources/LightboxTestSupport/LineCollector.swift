import Foundation

/// A pipe's output (a server started by a test), collected line by line as it arrives.
public final class LineCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var buffer = ""

    public init(_ handle: FileHandle) {
        handle.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.withLock { self.buffer += String(decoding: data, as: UTF8.self) }
        }
    }

    /// The lines so far.
    public func snapshot() -> [String] {
        lock.withLock { buffer.split(separator: "\n").map(String.init) }
    }
}
