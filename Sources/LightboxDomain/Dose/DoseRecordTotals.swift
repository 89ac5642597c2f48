import Foundation

/// The totals of a dose report or of an exam's dose record, normalised: DAP Gy·cm², doses mGy,
/// DLP mGy·cm, times s, activity MBq. A total is absent when the source did not give it.
public struct DoseRecordTotals: Sendable, Codable, Equatable, Hashable {
    /// Dose Area Product Total (113722), summed over planes; header (0018,115E); MPPS DAP. Gy·cm².
    public var doseAreaProductGyCm2: Double?
    /// Fluoro Dose Area Product Total (113726), Gy·cm².
    public var fluoroscopyDoseAreaProductGyCm2: Double?
    /// Acquisition Dose Area Product Total (113727), Gy·cm².
    public var acquisitionDoseAreaProductGyCm2: Double?
    /// Dose (RP) Total (113725), summed over planes: reference-point air kerma, mGy.
    public var referencePointDoseMilligray: Double?
    /// Total Fluoro Time (113730); Total Time of Fluoroscopy (0040,0300). s.
    public var fluoroscopySeconds: Double?
    /// Radiographs or exposures: Total Number of Radiographic Frames (113731), Total Number of
    /// Exposures (0040,0301), else the acquisitions (non-fluoroscopy events) counted.
    public var numberOfExposures: Int?
    /// Irradiation events (CT 113812, else the events counted).
    public var numberOfIrradiationEvents: Int?
    /// The highest Mean CTDIvol (113830) of the acquisitions, mGy: what a CT DRL is compared with.
    public var ctdiVolMilligray: Double?
    /// The phantom of that acquisition, cm (16 or 32).
    public var ctdiVolPhantomDiameterCm: Int?
    /// CT Dose Length Product Total (113813), mGy·cm.
    public var dlpMilligrayCm: Double?
    /// Accumulated average glandular dose per breast (111637), mGy.
    public var averageGlandularDose: [BreastGlandularDose]
    /// Administered activity summed over administrations (113507), MBq.
    public var administeredActivityMBq: Double?
    /// The radiopharmaceutical(s) given, joined.
    public var radiopharmaceutical: String?
    /// Peak skin dose (where the RDSR gives it), mGy.
    public var peakSkinDoseMilligray: Double?

    public init() { averageGlandularDose = [] }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        doseAreaProductGyCm2 = try c.decodeIfPresent(Double.self, forKey: .doseAreaProductGyCm2)
        fluoroscopyDoseAreaProductGyCm2 = try c.decodeIfPresent(Double.self, forKey: .fluoroscopyDoseAreaProductGyCm2)
        acquisitionDoseAreaProductGyCm2 = try c.decodeIfPresent(Double.self, forKey: .acquisitionDoseAreaProductGyCm2)
        referencePointDoseMilligray = try c.decodeIfPresent(Double.self, forKey: .referencePointDoseMilligray)
        fluoroscopySeconds = try c.decodeIfPresent(Double.self, forKey: .fluoroscopySeconds)
        numberOfExposures = try c.decodeIfPresent(Int.self, forKey: .numberOfExposures)
        numberOfIrradiationEvents = try c.decodeIfPresent(Int.self, forKey: .numberOfIrradiationEvents)
        ctdiVolMilligray = try c.decodeIfPresent(Double.self, forKey: .ctdiVolMilligray)
        ctdiVolPhantomDiameterCm = try c.decodeIfPresent(Int.self, forKey: .ctdiVolPhantomDiameterCm)
        dlpMilligrayCm = try c.decodeIfPresent(Double.self, forKey: .dlpMilligrayCm)
        averageGlandularDose =
            try c.decodeIfPresent([BreastGlandularDose].self, forKey: .averageGlandularDose) ?? []
        administeredActivityMBq = try c.decodeIfPresent(Double.self, forKey: .administeredActivityMBq)
        radiopharmaceutical = try c.decodeIfPresent(String.self, forKey: .radiopharmaceutical)
        peakSkinDoseMilligray = try c.decodeIfPresent(Double.self, forKey: .peakSkinDoseMilligray)
    }
}
