/// The value of a TCOORD content item. PS3.3 §C.18.7.
public struct TemporalCoordinates: Sendable, Hashable, Codable {
    /// Temporal Range Type (0040,A130): POINT, MULTIPOINT, SEGMENT, MULTISEGMENT, BEGIN, END.
    public var rangeType: String
    /// Referenced Sample Positions (0040,A132).
    public var samplePositions: [Int]
    /// Referenced Time Offsets (0040,A138), seconds.
    public var timeOffsets: [Double]
    /// Referenced DateTime (0040,A13A), as stored.
    public var dateTimes: [String]

    /// Creates temporal coordinates.
    public init(rangeType: String, samplePositions: [Int] = [], timeOffsets: [Double] = [], dateTimes: [String] = []) {
        self.rangeType = rangeType
        self.samplePositions = samplePositions
        self.timeOffsets = timeOffsets
        self.dateTimes = dateTimes
    }
}
