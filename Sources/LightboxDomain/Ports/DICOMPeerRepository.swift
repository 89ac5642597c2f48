import Foundation

/// The DICOM peers Lightbox knows (``DICOMPeer``). Read on every association, so a peer added or
/// removed (through the API or `lightbox dicom peer` on the same database) counts from the next one.
public protocol DICOMPeerRepository: Sendable {
    /// The peer with this AE title (compared without leading/trailing spaces, case-sensitively as PS3.5 says).
    func get(aeTitle: String) async throws -> DICOMPeer?
    /// All peers ordered by AE title.
    func list() async throws -> [DICOMPeer]
    /// Throws `duplicate` when the AE title is taken.
    func insert(_ peer: DICOMPeer) async throws
    func update(_ peer: DICOMPeer) async throws
    /// Returns whether a peer was removed.
    func remove(aeTitle: String) async throws -> Bool
}
