import Foundation

/// A modality's report that a performed procedure step has ended (MPPS N-SET to COMPLETED or
/// DISCONTINUED, PS3.4 §F.7.2.2), with what it acquired and the exposure figures it recorded.
public struct ModalityStepEnd: Sendable, Codable, Equatable {
    /// The performed procedure step's SOP Instance UID (Requested SOP Instance UID of the N-SET).
    public var sopInstanceUID: String
    /// The series performed (Performed Series Sequence): description and number of images; nil when this
    /// message does not carry the sequence (an earlier N-SET's then stands).
    public var projections: [PerformedProjection]?
    /// Dose figures from the step (DAP already in Gy·cm², fluoroscopy time in s, CTDIvol); nil when this
    /// message carries none (an earlier N-SET's then stand).
    public var exposures: [ExposureFigures]?
    /// The operator the modality names (Operators' Name).
    public var operatorName: PersonName?
    /// Why the step was discontinued (the reason code's meaning), for DISCONTINUED.
    public var reason: String?

    public init(
        sopInstanceUID: String, projections: [PerformedProjection]? = nil, exposures: [ExposureFigures]? = nil,
        operatorName: PersonName? = nil, reason: String? = nil
    ) {
        self.sopInstanceUID = sopInstanceUID
        self.projections = projections
        self.exposures = exposures
        self.operatorName = operatorName
        self.reason = reason
    }
}
