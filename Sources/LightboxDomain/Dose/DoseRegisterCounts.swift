import Foundation

/// The dose register's headline counts (the dose dashboard).
public struct DoseRegisterCounts: Sendable, Codable, Equatable {
    /// Exams with a dose figure from any source, ever.
    public var examsWithDose: Int
    /// Of those, performed in the period asked for (this month on the dashboard).
    public var examsWithDoseInPeriod: Int
    /// Exams of the period with a figure above one of its reference levels (a stored ratio above 1).
    public var examsAboveReferenceLevelInPeriod: Int
    public var openAlerts: Int

    public init(examsWithDose: Int, examsWithDoseInPeriod: Int, examsAboveReferenceLevelInPeriod: Int, openAlerts: Int)
    {
        self.examsWithDose = examsWithDose
        self.examsWithDoseInPeriod = examsWithDoseInPeriod
        self.examsAboveReferenceLevelInPeriod = examsAboveReferenceLevelInPeriod
        self.openAlerts = openAlerts
    }
}
