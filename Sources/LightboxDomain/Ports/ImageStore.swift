import Foundation

/// The durable store of image files (DESIGN.md "The archive"). Files are written once under their
/// content address (``ImageKey``): received bytes go to a staging file (``stage()``), are synced,
/// then ``publish(_:)`` renames them into place and syncs the folder. Only after that does the
/// archive index them and answer Success, so an acknowledged instance survives `kill -9` and a
/// cut write never becomes visible.
///
/// Usage by a door (C-STORE, STOW-RS):
/// ```swift
/// let staging = try images.stage()
/// try staging.write(bytes)          // as the bytes arrive; a Part 10 file
/// let staged = try await staging.finish()
/// let outcome = try await archive.archiveInstance(.init(staged: staged, …), by: actor)
/// ```
/// ``ArchiveInstance`` publishes or discards the staged file itself.
public protocol ImageStore: Sendable {
    /// A new, empty staging file.
    func stage() throws -> any ImageStaging
    /// Moves a finished staging file to its content address (data and folder synced when this
    /// returns). Publishing bytes already stored is harmless: the same key, one file.
    func publish(_ staged: StagedImage) async throws -> ImageKey
    /// Deletes a staging file that will not be published.
    func discard(_ staged: StagedImage)
    /// The file holding the image, for readers (C-MOVE, C-GET, WADO-RS); the path may not exist
    /// if the key is not stored.
    func location(of key: ImageKey) -> String
    /// Whether the file of `key` exists.
    func contains(_ key: ImageKey) -> Bool
    /// Removes a published file no index row points to any more (after a replacement).
    func remove(_ key: ImageKey) async throws
    /// Free bytes on the file system holding the images.
    func availableBytes() throws -> Int64
    /// Removes staging files left by writes cut short (a crash); called once at start-up,
    /// returns how many were removed.
    func removeLeftovers() throws -> Int
}

/// One file being received. Not shared between tasks: one door writes it, then finishes or abandons it.
public protocol ImageStaging: AnyObject {
    /// Appends bytes (hashing them as they pass).
    func write(_ bytes: UnsafeRawBufferPointer) throws
    /// Syncs the data and closes the file; the result can be read, published or discarded.
    func finish() async throws -> StagedImage
    /// Closes and deletes the file (the transfer failed).
    func abandon()
}

/// A finished staging file: synced, not yet published.
public struct StagedImage: Sendable, Equatable {
    /// The staging file, readable until published or discarded (an ``InstanceReader`` reads it here).
    public var path: String
    /// The content address the bytes will have once published.
    public var key: ImageKey
    public var sizeBytes: Int64

    public init(path: String, key: ImageKey, sizeBytes: Int64) {
        self.path = path
        self.key = key
        self.sizeBytes = sizeBytes
    }
}
