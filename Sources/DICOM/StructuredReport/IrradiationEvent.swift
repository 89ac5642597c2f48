/// One irradiation event: a projection X-ray or mammography exposure or fluoroscopy run
/// (PS3.16 TID 10003), a CT acquisition (TID 10013), or one exposure described in an image header
/// (Exposure Dose Sequence (0040,030E) item or the image's own attributes).
public struct IrradiationEvent: Sendable, Hashable, Codable {
    /// Irradiation Event UID (113769).
    public var uid: String?
    /// DateTime Started (111526), as stored.
    public var dateTimeStarted: String?
    /// Irradiation Event Type (113721) meaning: `Fluoroscopy`, `Stationary Acquisition`…
    public var eventType: String?
    /// Acquisition Plane (113764) meaning.
    public var acquisitionPlane: String?
    /// Acquisition Protocol (125203).
    public var acquisitionProtocol: String?
    /// Target Region (123014) meaning.
    public var targetRegion: String?
    /// CT Acquisition Type (113820) meaning, or Acquisition Type (0018,9302).
    public var ctAcquisitionType: String?
    /// Dose Area Product (122130), Gy·cm².
    public var doseAreaProduct: DoseQuantity?
    /// Dose (RP) (113738), mGy.
    public var doseRP: DoseQuantity?
    /// Entrance Exposure at RP (111636), or an image's entrance dose, mGy.
    public var entranceDose: DoseQuantity?
    /// Peak skin dose of this event: Maximum Absorbed Radiation Dose (128531) to the Skin (39937001),
    /// mGy. PS3.16 CID 10060, CID 10061.
    public var peakSkinDose: DoseQuantity?
    /// Average Glandular Dose (111631), or a mammogram's Organ Dose (0040,0316), mGy.
    public var averageGlandularDose: DoseQuantity?
    /// Laterality of the exposed breast or part: `left`, `right`, `both`, `unknown`.
    public var laterality: String?
    /// KVP (113733), kV (for CT, the first source's).
    public var kvp: DoseQuantity?
    /// X-Ray Tube Current (113734), mA (for CT, the first source's).
    public var tubeCurrent: DoseQuantity?
    /// Exposure Time (113735, else 113824), s.
    public var exposureTime: DoseQuantity?
    /// Exposure (113736), mA·s.
    public var exposure: DoseQuantity?
    /// Number of Pulses (113768).
    public var numberOfPulses: Int?
    /// Exposure Index (113845 / (0018,1411)).
    public var exposureIndex: Double?
    /// Target Exposure Index (113846 / (0018,1412)).
    public var targetExposureIndex: Double?
    /// Deviation Index (113847 / (0018,1413)).
    public var deviationIndex: Double?
    /// Mean CTDIvol (113830), mGy.
    public var ctdiVol: DoseQuantity?
    /// DLP (113838), mGy·cm.
    public var dlp: DoseQuantity?
    /// CTDIw Phantom Type (113835) meaning.
    public var phantomType: String?
    /// Phantom diameter in cm: 16 (IEC head, 113690) or 32 (IEC body, 113691); nil otherwise.
    public var phantomDiameter: Int?
    /// Scanning Length (113825), mm.
    public var scanningLength: DoseQuantity?
    /// Pitch Factor (113828).
    public var pitchFactor: Double?
    /// The X-ray sources of a CT acquisition.
    public var xRaySources: [XRaySource]

    /// An empty event.
    public init() { xRaySources = [] }
}
