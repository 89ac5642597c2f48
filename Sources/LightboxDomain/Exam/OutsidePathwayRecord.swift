import Foundation

/// An exam the modality started although a rule of the pathway was not met (no Pause and Check,
/// operator not entitled…). The modality cannot be stopped by our answer, so the start is
/// accepted, and a radiographer must look at what happened and record what was done about it.
public struct OutsidePathwayRecord: Sendable, Codable, Equatable {
    /// Each rule that was broken, as the use case would have refused it.
    public var breaches: [Breach]
    public var flaggedAt: Date
    /// Where the start came from ("MPPS from CT1").
    public var source: String
    public var resolvedBy: UUID?
    public var resolvedAt: Date?
    public var resolution: String?

    /// One broken rule: its stable code and the words the desk would have seen.
    public struct Breach: Sendable, Codable, Equatable {
        public var code: DomainError.Code
        public var message: String

        public init(code: DomainError.Code, message: String) {
            self.code = code
            self.message = message
        }
    }

    public init(
        breaches: [Breach], flaggedAt: Date, source: String, resolvedBy: UUID? = nil, resolvedAt: Date? = nil,
        resolution: String? = nil
    ) {
        self.breaches = breaches
        self.flaggedAt = flaggedAt
        self.source = source
        self.resolvedBy = resolvedBy
        self.resolvedAt = resolvedAt
        self.resolution = resolution
    }

    public var isResolved: Bool { resolvedAt != nil }
}
