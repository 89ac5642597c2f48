import Foundation

/// What the archive does when an instance arrives whose SOP Instance UID is already archived with
/// different bytes (the same bytes again are always a success with nothing duplicated).
/// Configured per department (`ArchiveConfiguration.duplicatePolicy`); the sender is told which
/// happened through the C-STORE status (PS3.4 B.2.3) and the event is audited.
public enum DuplicateInstancePolicy: String, Sendable, Codable, CaseIterable {
    /// Keep the archived instance, discard the new bytes (Warning 0xB000-family status
    /// "coercion/discard"; audited as `image.duplicate-kept`). The default: what was reported on stays.
    case keep
    /// Replace the archived instance with the new bytes (Success; audited as `image.replaced`,
    /// the old file is removed once the index no longer points to it).
    case replace
}
