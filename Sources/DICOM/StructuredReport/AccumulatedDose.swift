/// Accumulated dose data of a dose report: one per acquisition plane for projection X-ray and
/// mammography (PS3.16 TID 10002, TID 10004, TID 10005), one for CT (TID 10012).
public struct AccumulatedDose: Sendable, Hashable, Codable {
    /// Acquisition Plane (113764) meaning: `Single Plane`, `Plane A`, `Plane B`.
    public var plane: String?
    /// Dose Area Product Total (113722), Gy·cm².
    public var doseAreaProduct: DoseQuantity?
    /// Fluoro Dose Area Product Total (113726), Gy·cm².
    public var fluoroDoseAreaProduct: DoseQuantity?
    /// Acquisition Dose Area Product Total (113727), Gy·cm².
    public var acquisitionDoseAreaProduct: DoseQuantity?
    /// Dose (RP) Total (113725), mGy.
    public var doseRP: DoseQuantity?
    /// Fluoro Dose (RP) Total (113728), mGy.
    public var fluoroDoseRP: DoseQuantity?
    /// Acquisition Dose (RP) Total (113729), mGy.
    public var acquisitionDoseRP: DoseQuantity?
    /// Total Fluoro Time (113730), s.
    public var fluoroTime: DoseQuantity?
    /// Total Acquisition Time (113855), s.
    public var acquisitionTime: DoseQuantity?
    /// Total Number of Radiographic Frames (113731).
    public var numberOfRadiographicFrames: Int?
    /// Reference Point Definition (113780), code meaning or text.
    public var referencePointDefinition: String?
    /// Accumulated Average Glandular Dose (111637) per breast, mGy.
    public var averageGlandularDose: [BreastDose]
    /// CT Dose Length Product Total (113813), mGy·cm.
    public var ctDoseLengthProduct: DoseQuantity?
    /// Total Number of Irradiation Events (113812).
    public var numberOfIrradiationEvents: Int?

    /// Empty accumulated data.
    public init() { averageGlandularDose = [] }
}
