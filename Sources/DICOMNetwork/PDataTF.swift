/// P-DATA-TF PDU, PS3.8 §9.3.5: one or more presentation data values.
public struct PDataTF: Sendable, Equatable {
    public var values: [PresentationDataValue]
    public init(values: [PresentationDataValue]) { self.values = values }
}
