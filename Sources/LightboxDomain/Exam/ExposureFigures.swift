import Foundation

/// Exposure figures for one exposure or acquisition, all optional here (the dose register fills
/// them from MPPS or the RDSR later). DAP in Gy·cm², CTDIvol in mGy, DLP in mGy·cm.
public struct ExposureFigures: Sendable, Codable, Equatable {
    public var projection: String?
    public var kilovolts: Double?
    public var milliampereSeconds: Double?
    public var doseAreaProductGyCm2: Double?
    public var exposureIndex: Double?
    public var ctdiVolMilligray: Double?
    public var dlpMilligrayCm: Double?
    public var fluoroscopySeconds: Double?

    public init(
        projection: String? = nil, kilovolts: Double? = nil, milliampereSeconds: Double? = nil,
        doseAreaProductGyCm2: Double? = nil, exposureIndex: Double? = nil, ctdiVolMilligray: Double? = nil,
        dlpMilligrayCm: Double? = nil, fluoroscopySeconds: Double? = nil
    ) {
        self.projection = projection
        self.kilovolts = kilovolts
        self.milliampereSeconds = milliampereSeconds
        self.doseAreaProductGyCm2 = doseAreaProductGyCm2
        self.exposureIndex = exposureIndex
        self.ctdiVolMilligray = ctdiVolMilligray
        self.dlpMilligrayCm = dlpMilligrayCm
        self.fluoroscopySeconds = fluoroscopySeconds
    }
}

extension ExposureFigures {
    /// Each figure by its member name, for validation messages.
    var values: [(String, Double?)] {
        [
            ("kilovolts", kilovolts), ("milliampereSeconds", milliampereSeconds),
            ("doseAreaProductGyCm2", doseAreaProductGyCm2), ("exposureIndex", exposureIndex),
            ("ctdiVolMilligray", ctdiVolMilligray), ("dlpMilligrayCm", dlpMilligrayCm),
            ("fluoroscopySeconds", fluoroscopySeconds),
        ]
    }
}
