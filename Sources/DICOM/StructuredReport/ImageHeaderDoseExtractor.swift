/// Reads the dose attributes of an image header into a `DoseSummary`: X-Ray Acquisition Dose
/// (PS3.3 §C.8.7.8), CT Image (§C.8.2.1), Mammography, DX and the Radiation Dose module's Exposure
/// Dose Sequence (§C.4.16). Each attribute's unit is the one the standard defines for it (for
/// example (0018,115E) in dGy·cm², (0040,0302) in dGy, (0018,1153) in µAs).
struct ImageHeaderDoseExtractor {
    private var warnings: [SRWarning] = []

    static let entranceDoseInmGy = Tag(0x0040, 0x8302)
    static let entranceDose = Tag(0x0040, 0x0302)
    static let organDose = Tag(0x0040, 0x0316)
    static let organExposed = Tag(0x0040, 0x0318)
    static let exposureDoseSequence = Tag(0x0040, 0x030E)
    static let totalTimeOfFluoroscopy = Tag(0x0040, 0x0300)
    static let totalNumberOfExposures = Tag(0x0040, 0x0301)
    static let xRayTubeCurrentInuA = Tag(0x0018, 0x8151)
    static let exposureTimeInuS = Tag(0x0018, 0x8150)
    static let exposureInmAs = Tag(0x0018, 0x9332)
    static let exposureIndex = Tag(0x0018, 0x1411)
    static let targetExposureIndex = Tag(0x0018, 0x1412)
    static let deviationIndex = Tag(0x0018, 0x1413)
    static let imageLaterality = Tag(0x0020, 0x0062)
    static let laterality = Tag(0x0020, 0x0060)
    static let acquisitionType = Tag(0x0018, 0x9302)
    static let protocolName = Tag(0x0018, 0x1030)

    func summary(of dataSet: DataSet) -> DoseSummary {
        var extractor = self
        return extractor.extract(dataSet)
    }

    private mutating func extract(_ dataSet: DataSet) -> DoseSummary {
        var summary = DoseSummary(source: .imageHeader)
        summary.context = DoseReportExtractor.headerContext(dataSet)
        let modality = summary.context.modality?.uppercased()
        switch modality {
        case "CT": summary.procedure = .ct
        case "MG": summary.procedure = .mammography
        case "CR", "DX", "RF", "XA", "IO", "PX", "RG", "DF", "DS": summary.procedure = .projection
        default: summary.procedure = nil
        }
        let isMammogram = modality == "MG" || dataSet.string(Self.organExposed)?.uppercased() == "BREAST"

        var event = readTechnique(dataSet)
        event.doseAreaProduct = quantity(dataSet, .imageAndFluoroscopyAreaDoseProduct, "dGy.cm2", .doseAreaProduct)
        event.entranceDose =
            quantity(dataSet, Self.entranceDoseInmGy, "mGy", .dose)
            ?? quantity(dataSet, Self.entranceDose, "dGy", .dose)
        if isMammogram {
            event.averageGlandularDose = quantity(dataSet, Self.organDose, "dGy", .dose)
        }
        if let side = dataSet.string(Self.imageLaterality) ?? dataSet.string(Self.laterality), !side.isEmpty {
            event.laterality = Self.laterality(code: side)
        }
        event.exposureIndex = finite(dataSet, Self.exposureIndex)
        event.targetExposureIndex = finite(dataSet, Self.targetExposureIndex)
        event.deviationIndex = finite(dataSet, Self.deviationIndex)
        event.acquisitionProtocol = dataSet.string(Self.protocolName)?.srNonEmpty
        let hasDose =
            event.kvp != nil || event.tubeCurrent != nil || event.exposureTime != nil || event.exposure != nil
            || event.doseAreaProduct != nil || event.entranceDose != nil || event.averageGlandularDose != nil
            || event.exposureIndex != nil || event.ctdiVol != nil
        if hasDose { summary.events.append(event) }
        for item in dataSet.sequence(Self.exposureDoseSequence) ?? [] {
            summary.events.append(readTechnique(item))
        }

        summary.totals.doseAreaProduct = event.doseAreaProduct?.value
        summary.totals.fluoroTime = quantity(dataSet, Self.totalTimeOfFluoroscopy, "s", .time)?.value
        summary.totals.numberOfExposures = dataSet.int(Self.totalNumberOfExposures)
        if let dose = event.averageGlandularDose {
            summary.totals.averageGlandularDose = [BreastDose(laterality: event.laterality ?? "unknown", dose: dose)]
        }
        summary.totals.numberOfIrradiationEvents = summary.events.count
        if summary.events.isEmpty && summary.totals.fluoroTime == nil && summary.totals.numberOfExposures == nil {
            summary.source = .none
            summary.totals.numberOfIrradiationEvents = nil
            warn("dose.no-dose-attributes", "the header carries no dose or exposure attributes")
        } else if summary.procedure != .ct && summary.procedure != .mammography && event.doseAreaProduct == nil {
            warn("dose.missing-total", "no Image and Fluoroscopy Area Dose Product (0018,115E)")
        }
        summary.warnings = warnings
        return summary
    }

    /// kVp, tube current, exposure time, exposure and CTDIvol of an image or Exposure Dose Sequence item.
    private mutating func readTechnique(_ item: DataSet) -> IrradiationEvent {
        var event = IrradiationEvent()
        event.kvp = quantity(item, .kvp, "kV", .voltage)
        event.tubeCurrent =
            quantity(item, .xRayTubeCurrent, "mA", .current) ?? quantity(item, Self.xRayTubeCurrentInuA, "uA", .current)
        event.exposureTime =
            quantity(item, .exposureTime, "ms", .time) ?? quantity(item, Self.exposureTimeInuS, "us", .time)
        event.exposure =
            quantity(item, .exposureInuAs, "uA.s", .currentTimeProduct)
            ?? quantity(item, .exposure, "mA.s", .currentTimeProduct)
            ?? quantity(item, Self.exposureInmAs, "mA.s", .currentTimeProduct)
        event.ctdiVol = quantity(item, .ctdiVol, "mGy", .dose)
        event.ctAcquisitionType = item.string(Self.acquisitionType)?.srNonEmpty
        return event
    }

    static func laterality(code: String) -> String {
        switch code.uppercased() {
        case "L": "left"
        case "R": "right"
        case "B": "both"
        default: "unknown"
        }
    }

    private func finite(_ dataSet: DataSet, _ tag: Tag) -> Double? {
        guard let value = dataSet.double(tag), value.isFinite else { return nil }
        return value
    }

    private mutating func quantity(_ dataSet: DataSet, _ tag: Tag, _ unit: String, _ canonical: DoseQuantity.Canonical)
        -> DoseQuantity?
    {
        guard let element = dataSet[tag], !element.isEmpty else { return nil }
        guard let value = element.doubleValues().first, value.isFinite else {
            warn("dose.bad-value", "\(tag) holds no usable number")
            return nil
        }
        return DoseQuantity.convert(value, unit: unit, to: canonical).quantity
    }

    private mutating func warn(_ code: String, _ message: String) {
        warnings.append(SRWarning(code: code, message: message))
    }
}
