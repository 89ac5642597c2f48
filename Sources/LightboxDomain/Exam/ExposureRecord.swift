import Foundation

/// What an inspector asks for about one exposure (DOMAIN.md "The exposure record"; IR(ME)R 2017
/// schedule 2 employer's procedures), in order, each item with a stable key and a value in words.
/// Items that do not apply say so rather than being left out, so the record is always complete.
public struct ExposureRecord: Sendable, Codable, Equatable {
    public struct Item: Sendable, Codable, Equatable {
        /// Stable machine name (the CSV's first column).
        public var key: String
        /// What the inspector reads.
        public var label: String
        public var value: String

        public init(key: String, label: String, value: String) {
            self.key = key
            self.label = label
            self.value = value
        }
    }

    public var examID: UUID
    public var accessionNumber: String
    public var examName: String
    public var items: [Item]

    public init(examID: UUID, accessionNumber: String, examName: String, items: [Item]) {
        self.examID = examID
        self.accessionNumber = accessionNumber
        self.examName = examName
        self.items = items
    }

    /// The keys every record carries, in order.
    public static let keys = [
        "patient", "identifiersChecked", "identityCheckedBy", "referrer", "justification", "operators",
        "pregnancyStatus", "breastfeeding", "pregnancyAskedHowAndBy", "carers", "room", "equipment", "projections",
        "kVAndMAs", "doseAreaProduct", "ctdiVolAndDLP", "fluoroscopyTime", "referenceAirKerma", "exposureIndex",
        "rejectsAndRepeats", "imagesEvaluatedBy",
    ]
}
