import Foundation

/// The completed Pause and Check (SoR/RCR "Pause and Check" before every exposure).
public struct PauseAndCheckRecord: Sendable, Codable, Equatable {
    public var identity: IdentityConfirmation
    public var anatomy: AnatomyConfirmation
    public var pregnancy: PregnancyEnquiry?
    public var contrast: ContrastScreening?
    public var equipmentAndSettingsConfirmed: Bool
    public var recordedBy: UUID
    public var at: Date

    public init(
        identity: IdentityConfirmation, anatomy: AnatomyConfirmation, pregnancy: PregnancyEnquiry?,
        contrast: ContrastScreening?, equipmentAndSettingsConfirmed: Bool, recordedBy: UUID, at: Date
    ) {
        self.identity = identity
        self.anatomy = anatomy
        self.pregnancy = pregnancy
        self.contrast = contrast
        self.equipmentAndSettingsConfirmed = equipmentAndSettingsConfirmed
        self.recordedBy = recordedBy
        self.at = at
    }
}
