/// Who produced a dose record and for which study: header attributes and the SR observation
/// context (TID 1002 device observer, TID 10001 scope and irradiation times).
public struct DoseContext: Sendable, Hashable, Codable {
    /// SOP Class UID (0008,0016).
    public var sopClassUID: String?
    /// SOP Instance UID (0008,0018).
    public var sopInstanceUID: String?
    /// Modality (0008,0060).
    public var modality: String?
    /// Manufacturer (0008,0070).
    public var manufacturer: String?
    /// Manufacturer's Model Name (0008,1090).
    public var manufacturerModelName: String?
    /// Station Name (0008,1010).
    public var stationName: String?
    /// Device Serial Number (0018,1000).
    public var deviceSerialNumber: String?
    /// Institution Name (0008,0080).
    public var institutionName: String?
    /// Study Instance UID (0020,000D).
    public var studyInstanceUID: String?
    /// Accession Number (0008,0050).
    public var accessionNumber: String?
    /// Study Date (0008,0020), `YYYYMMDD` as stored.
    public var studyDate: String?
    /// Study Time (0008,0030) as stored.
    public var studyTime: String?
    /// Study Description (0008,1030).
    public var studyDescription: String?
    /// Acquisition DateTime (0008,002A), else Acquisition Date and Time joined (image headers).
    public var acquisitionDateTime: String?
    /// Start of X-Ray Irradiation (113809, DCM), as stored.
    public var startOfIrradiation: String?
    /// End of X-Ray Irradiation (113810, DCM), as stored.
    public var endOfIrradiation: String?
    /// Device Observer UID (121012, DCM).
    public var deviceObserverUID: String?
    /// Device Observer Name (121013, DCM).
    public var deviceObserverName: String?
    /// Device Observer Manufacturer (121014, DCM).
    public var deviceObserverManufacturer: String?
    /// Device Observer Model Name (121015, DCM).
    public var deviceObserverModelName: String?
    /// Device Observer Serial Number (121016, DCM).
    public var deviceObserverSerialNumber: String?
    /// Scope of Accumulation (113705, DCM) meaning: Study, Performed Procedure Step…
    public var scopeOfAccumulation: String?
    /// The UID qualifying the scope (Study Instance UID, Performed Procedure Step SOP Instance UID…).
    public var scopeUID: String?

    /// An empty context.
    public init() {}
}
