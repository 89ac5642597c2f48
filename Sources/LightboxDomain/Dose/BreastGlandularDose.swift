import Foundation

/// Average glandular dose to one breast, mGy (PS3.16 TID 10005 111637; header Organ Dose (0040,0316)).
public struct BreastGlandularDose: Sendable, Codable, Equatable, Hashable {
    /// `left`, `right`, `both` or `unknown`.
    public var laterality: String
    public var milligray: Double

    public init(laterality: String, milligray: Double) {
        self.laterality = laterality
        self.milligray = milligray
    }
}
