import Foundation

/// Reporting turnaround against its targets (DOMAIN.md: nothing unreported beyond four weeks; inpatient
/// radiographs within one working day; ED by local target), for the exams performed in a period, from the exam's
/// start to the report's issue (verified and sent).
public struct TurnaroundReport: Sendable, Codable, Equatable {
    /// One group of exams against one target.
    public struct Group: Sendable, Codable, Equatable {
        public var key: String
        public var label: String
        /// The target in words ("within 1 working day").
        public var target: String
        public var performed: Int
        public var reported: Int
        public var reportedWithinTarget: Int
        /// Not reported and past the target.
        public var overdue: Int
        /// Not reported, target not yet reached: their outcome is still open.
        public var awaitingReport: Int
        /// Reported within target, of those whose outcome is known (reported, or past the target).
        public var percentWithinTarget: Double?
        public var medianHours: Double?
        public var ninetiethPercentileHours: Double?
    }

    public struct ModalityCount: Sendable, Codable, Equatable {
        public var modality: Modality
        public var label: String
        public var count: Int
    }

    public var from: Date
    public var before: Date
    /// The moment the report outcomes were read.
    public var asOf: Date
    /// The targets DOMAIN.md names: all exams, inpatient radiographs, the emergency department.
    public var targets: [Group]
    public var byPriority: [Group]
    public var byPatientSource: [Group]
    public var unreportedLimitDays: Int
    /// Exams performed at any time, still unreported beyond the limit now, per modality.
    public var unreportedBeyondLimit: [ModalityCount]
    public var unreportedBeyondLimitTotal: Int
}
