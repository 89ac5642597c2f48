import Foundation

/// The completed Pause and Check (SoR/RCR "Pause and Check" before every exposure).
public struct PauseAndCheckRecord: Sendable, Codable, Equatable {
    public var identity: IdentityConfirmation
    public var anatomy: AnatomyConfirmation
    public var pregnancy: PregnancyEnquiry?
    public var contrast: ContrastScreening?
    public var equipmentAndSettingsConfirmed: Bool
    public var recordedBy: UUID
    /// The supervisor named by a student or apprentice recording the check.
    public var supervisedBy: UUID?
    public var at: Date

    public init(
        identity: IdentityConfirmation, anatomy: AnatomyConfirmation, pregnancy: PregnancyEnquiry?,
        contrast: ContrastScreening?, equipmentAndSettingsConfirmed: Bool, recordedBy: UUID, at: Date,
        supervisedBy: UUID? = nil
    ) {
        self.supervisedBy = supervisedBy
        self.identity = identity
        self.anatomy = anatomy
        self.pregnancy = pregnancy
        self.contrast = contrast
        self.equipmentAndSettingsConfirmed = equipmentAndSettingsConfirmed
        self.recordedBy = recordedBy
        self.at = at
    }
}
