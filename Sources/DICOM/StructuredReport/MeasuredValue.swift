/// The measured value of a NUM content item: Measured Value Sequence (0040,A300) item. PS3.3 §C.18.1.
public struct MeasuredValue: Sendable, Hashable, Codable {
    /// The number: Floating Point Value (0040,A161) when present, else Numeric Value (0040,A30A);
    /// nil when neither could be read.
    public var value: Double?
    /// The text of Numeric Value (0040,A30A) as stored (all values, backslash-joined).
    public var numericText: String?
    /// Every number of a multi-valued Numeric Value (vendors put per-pulse values there; PS3.3
    /// allows one). `value` is the first.
    public var values: [Double]
    /// Measurement Units Code Sequence (0040,08EA), normally UCUM; nil when missing.
    public var units: CodedEntry?

    /// Creates a measured value.
    public init(value: Double?, numericText: String? = nil, values: [Double]? = nil, units: CodedEntry?) {
        self.value = value
        self.numericText = numericText
        self.values = values ?? (value.map { [$0] } ?? [])
        self.units = units
    }
}
