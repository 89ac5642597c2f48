/// The totals of a dose record in canonical units, summed over acquisition planes.
///
/// Units: `doseAreaProduct…` Gy·cm², `doseRP…` mGy, `…Time` s, `ctDoseLengthProduct` mGy·cm,
/// `administeredActivity` MBq. A total is absent when the source did not give it in a known unit.
public struct DoseTotals: Sendable, Hashable, Codable {
    /// Dose area product, Gy·cm² (113722 summed over planes; header (0018,115E)).
    public var doseAreaProduct: Double?
    /// Fluoroscopy dose area product, Gy·cm² (113726).
    public var fluoroDoseAreaProduct: Double?
    /// Acquisition dose area product, Gy·cm² (113727).
    public var acquisitionDoseAreaProduct: Double?
    /// Dose at the reference point, mGy (113725).
    public var doseRP: Double?
    /// Fluoroscopy dose at the reference point, mGy (113728).
    public var fluoroDoseRP: Double?
    /// Acquisition dose at the reference point, mGy (113729).
    public var acquisitionDoseRP: Double?
    /// Fluoroscopy time, s (113730; header Total Time of Fluoroscopy (0040,0300)).
    public var fluoroTime: Double?
    /// Acquisition time, s (113855).
    public var acquisitionTime: Double?
    /// Radiographic frames (113731).
    public var numberOfRadiographicFrames: Int?
    /// Exposures: header Total Number of Exposures (0040,0301).
    public var numberOfExposures: Int?
    /// Irradiation events: CT 113812, else the number of events found.
    public var numberOfIrradiationEvents: Int?
    /// CT dose length product total, mGy·cm (113813).
    public var ctDoseLengthProduct: Double?
    /// Accumulated average glandular dose per breast, mGy (111637; header Organ Dose of mammograms).
    public var averageGlandularDose: [BreastDose]
    /// Administered activity, MBq, summed over administrations (113507).
    public var administeredActivity: Double?
    /// Peak skin dose, mGy: the highest Maximum Absorbed Radiation Dose (128531) to the Skin (39937001)
    /// the report gives outside its irradiation events, else the highest of its events' (then a lower
    /// bound). PS3.16 CID 10060, CID 10061 (TID 10030 family).
    public var peakSkinDose: Double?

    /// Empty totals.
    public init() { averageGlandularDose = [] }
}
