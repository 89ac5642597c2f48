import Foundation
import LightboxDomain
import Synchronization

/// An image store in memory: staged bytes are held by path, published ones by key; the content
/// address is a stand-in hash of the bytes (the folder store's SHA-256 is tested in the store's tests).
final class FakeImageStore: ImageStore {
    struct State {
        var staged: [String: Data] = [:]
        var published: [ImageKey: Data] = [:]
        var freeBytes: Int64 = 10 << 30
    }
    let state = Mutex(State())

    func stage() throws -> any ImageStaging { FakeStaging(store: self, path: "/staging/\(UUID().uuidString)") }

    func publish(_ staged: StagedImage) async throws -> ImageKey {
        state.withLock { state in
            if let bytes = state.staged.removeValue(forKey: staged.path) { state.published[staged.key] = bytes }
        }
        return staged.key
    }
    func discard(_ staged: StagedImage) { state.withLock { _ = $0.staged.removeValue(forKey: staged.path) } }
    func location(of key: ImageKey) -> String { "/images/\(key.sha256)" }
    func contains(_ key: ImageKey) -> Bool { state.withLock { $0.published[key] != nil } }
    func remove(_ key: ImageKey) async throws { state.withLock { _ = $0.published.removeValue(forKey: key) } }
    func availableBytes() throws -> Int64 { state.withLock { $0.freeBytes } }
    func removeLeftovers() throws -> Int { state.withLock { $0.staged.count } }

    /// Stages `bytes` as a door would.
    func staged(_ bytes: Data) async throws -> StagedImage {
        let staging = try stage()
        try bytes.withUnsafeBytes { try staging.write($0) }
        return try await staging.finish()
    }

    static func key(of data: Data) -> ImageKey {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        let hex = String(format: "%016llx", hash)
        return ImageKey(sha256: String(repeating: hex, count: 4))!
    }
}

final class FakeStaging: ImageStaging {
    let store: FakeImageStore
    let path: String
    var bytes = Data()

    init(store: FakeImageStore, path: String) {
        self.store = store
        self.path = path
    }

    func write(_ buffer: UnsafeRawBufferPointer) throws { bytes.append(contentsOf: buffer) }

    func finish() async throws -> StagedImage {
        let bytes = self.bytes
        let path = self.path
        store.state.withLock { $0.staged[path] = bytes }
        return StagedImage(path: path, key: FakeImageStore.key(of: bytes), sizeBytes: Int64(bytes.count))
    }

    func abandon() {}
}

/// Reads attributes a test wrote as JSON instead of a DICOM data set (the DICOM reader itself is
/// tested against real files in the store's and the listener's tests).
struct JSONInstanceReader: InstanceReader {
    let images: FakeImageStore

    func attributes(of staged: StagedImage, readingDose: Bool) throws -> InstanceAttributes {
        guard let bytes = images.state.withLock({ $0.staged[staged.path] }),
            var attributes = try? JSONDecoder().decode(InstanceAttributes.self, from: bytes)
        else {
            throw DomainError(.unreadableDataSet, "The data set cannot be read: not an instance.")
        }
        if !readingDose { attributes.dose = nil }
        return attributes
    }
}
