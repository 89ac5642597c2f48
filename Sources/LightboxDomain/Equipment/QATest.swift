import Foundation

/// One test of the QA catalogue (DOMAIN.md "Equipment QA"): what is measured on a modality's equipment, how often,
/// and the remedial and suspension levels its value is graded against (IPEM Report 91).
public struct QATest: Sendable, Codable, Equatable, Identifiable {
    /// Stable code, e.g. `CT-WATER-MEAN`.
    public var code: String
    public var name: String
    public var modality: Modality
    public var frequency: QAFrequency
    /// The unit of the measured value ("HU", "%").
    public var unit: String
    /// Values outside these need remedial action (the room stays in use).
    public var remedial: QALimits
    /// Values outside these suspend the room until a pass is recorded.
    public var suspension: QALimits

    public var id: String { code }

    public init(
        code: String, name: String, modality: Modality, frequency: QAFrequency, unit: String, remedial: QALimits,
        suspension: QALimits
    ) {
        self.code = code
        self.name = name
        self.modality = modality
        self.frequency = frequency
        self.unit = unit
        self.remedial = remedial
        self.suspension = suspension
    }

    /// Grades a measured value: beyond the suspension level first, then beyond the remedial level.
    public func grade(_ value: Double) -> QAGrade {
        if !suspension.contains(value) { return .suspension }
        if !remedial.contains(value) { return .remedial }
        return .pass
    }

    /// Whether this test applies to a room of `modality` (CR and DX share the plain radiography tests).
    public func applies(to modality: Modality) -> Bool {
        let plain: Set<Modality> = [.CR, .DX]
        return self.modality == modality || (plain.contains(self.modality) && plain.contains(modality))
    }
}
