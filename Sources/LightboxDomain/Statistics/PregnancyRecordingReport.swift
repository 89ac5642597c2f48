import Foundation

/// The share of exams with a recorded pregnancy status where the enquiry applies (DOMAIN.md: target 100 %),
/// for the exams performed in a period. Whether it applies follows the pregnancy rule in force when each exam
/// was performed: a pregnancy-relevant exam, a patient who may be pregnant, within the enquiry ages.
public struct PregnancyRecordingReport: Sendable, Codable, Equatable {
    public struct Row: Sendable, Codable, Equatable {
        public var examCode: String
        public var name: String
        public var applicable: Int
        public var recorded: Int
        public var percentRecorded: Double?
    }

    public var from: Date
    public var before: Date
    public var targetPercent: Double
    public var applicable: Int
    public var recorded: Int
    public var percentRecorded: Double?
    public var meetsTarget: Bool
    public var exams: [Row]
}
