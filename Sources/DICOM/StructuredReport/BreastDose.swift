/// Average glandular dose for one breast. PS3.16 TID 10005 (111637) and TID 10003 (111631).
public struct BreastDose: Sendable, Hashable, Codable {
    /// `left`, `right`, `both`, or `unknown`.
    public var laterality: String
    /// The dose, canonical unit mGy.
    public var dose: DoseQuantity

    /// Creates a breast dose.
    public init(laterality: String, dose: DoseQuantity) {
        self.laterality = laterality
        self.dose = dose
    }
}
