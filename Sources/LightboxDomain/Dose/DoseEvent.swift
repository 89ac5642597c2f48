import Foundation

/// One irradiation event in normalised units: a radiograph, fluoroscopy run or mammography exposure
/// (PS3.16 TID 10003), a CT acquisition (TID 10013), or one exposure an image header describes.
/// DAP Gy·cm², doses mGy, DLP mGy·cm, times s, kV, mA·s. Absent means the source did not give it in a
/// known unit: the register never guesses.
public struct DoseEvent: Sendable, Codable, Equatable, Hashable {
    /// Irradiation Event UID (113769); for a header, the SOP Instance UID (or the series' for CT).
    public var uid: String?
    /// DateTime Started (111526), as the source gives it.
    public var startedAt: String?
    /// Irradiation Event Type (113721): "Fluoroscopy", "Stationary Acquisition"…
    public var eventType: String?
    /// Acquisition Protocol (125203) or Protocol Name (0018,1030).
    public var acquisitionProtocol: String?
    /// Acquisition Plane (113764): "Single Plane", "Plane A", "Plane B".
    public var acquisitionPlane: String?
    /// Target Region (123014).
    public var targetRegion: String?
    /// `left`, `right`, `both`, `unknown`.
    public var laterality: String?
    /// Dose Area Product (122130), Gy·cm².
    public var doseAreaProductGyCm2: Double?
    /// Dose (RP) (113738), mGy: air kerma at the reference point.
    public var referencePointDoseMilligray: Double?
    /// Entrance Exposure at RP (111636) or Entrance Dose (0040,8302), mGy.
    public var entranceDoseMilligray: Double?
    /// Peak skin dose of the event (Maximum Absorbed Radiation Dose (128531) to the skin), mGy.
    public var peakSkinDoseMilligray: Double?
    /// Average Glandular Dose (111631), mGy.
    public var averageGlandularDoseMilligray: Double?
    /// KVP (113733; for CT the first source's), kV.
    public var kilovolts: Double?
    /// Exposure (113736) or header Exposure, mA·s.
    public var milliampereSeconds: Double?
    /// X-Ray Tube Current (113734; for CT the first source's), mA.
    public var tubeCurrentMilliampere: Double?
    /// Exposure Time (113735 / 113824), s.
    public var exposureTimeSeconds: Double?
    /// Number of Pulses (113768).
    public var numberOfPulses: Int?
    /// Exposure Index (113845 / (0018,1411)).
    public var exposureIndex: Double?
    /// CT Acquisition Type (113820): "Spiral Acquisition", "Constant Angle Acquisition"…
    public var ctAcquisitionType: String?
    /// Mean CTDIvol (113830), mGy.
    public var ctdiVolMilligray: Double?
    /// DLP (113838), mGy·cm.
    public var dlpMilligrayCm: Double?
    /// CTDIw phantom diameter, cm: 16 (IEC head) or 32 (IEC body).
    public var phantomDiameterCm: Int?
    /// Scanning Length (113825), mm.
    public var scanningLengthMm: Double?
    /// Pitch Factor (113828).
    public var pitchFactor: Double?

    public init() {}
}
