import Foundation

extension DoseReport {
    /// A report of exposure figures as the pathway records them (an MPPS's Radiation Dose module, or the
    /// figures typed when completing the exam): DAP, dose at the reference point, fluoroscopy time and
    /// DLP summed, the highest CTDIvol, and each figure set with kV or mA·s as an event. Nil when no
    /// figure is given.
    public static func from(
        _ exposures: [ExposureFigures], source: DoseSource, sourceUID: String, exam: Exam, at moment: Date,
        from sender: String
    ) -> DoseReport? {
        func sum(_ values: [Double?]) -> Double? {
            let present = values.compactMap { $0 }
            return present.isEmpty ? nil : present.reduce(0, +)
        }
        var totals = DoseRecordTotals()
        totals.doseAreaProductGyCm2 = sum(exposures.map(\.doseAreaProductGyCm2))
        totals.referencePointDoseMilligray = sum(exposures.map(\.referenceAirKermaMilligray))
        totals.fluoroscopySeconds = sum(exposures.map(\.fluoroscopySeconds))
        totals.dlpMilligrayCm = sum(exposures.map(\.dlpMilligrayCm))
        totals.ctdiVolMilligray = exposures.compactMap(\.ctdiVolMilligray).max()
        var events: [DoseEvent] = []
        for (index, figures) in exposures.enumerated()
        where figures.kilovolts != nil || figures.milliampereSeconds != nil || figures.ctdiVolMilligray != nil {
            var event = DoseEvent()
            event.uid = "\(sourceUID)#\(index + 1)"
            event.acquisitionProtocol = figures.projection
            event.kilovolts = figures.kilovolts
            event.milliampereSeconds = figures.milliampereSeconds
            event.doseAreaProductGyCm2 = figures.doseAreaProductGyCm2
            event.exposureIndex = figures.exposureIndex
            event.ctdiVolMilligray = figures.ctdiVolMilligray
            event.dlpMilligrayCm = figures.dlpMilligrayCm
            events.append(event)
        }
        if exam.modality != .CT, !events.isEmpty { totals.numberOfExposures = events.count }
        let report = DoseReport(
            source: source, sourceUID: sourceUID, procedure: DoseProcedure(modality: exam.modality), examID: exam.id,
            studyInstanceUID: exam.studyInstanceUID, accessionNumber: exam.accessionNumber,
            modality: exam.modality.rawValue, equipment: DoseEquipment(modelName: exam.performance?.equipment),
            totals: totals, events: events, receivedAt: moment, receivedFrom: sender)
        return DoseRecordBuilder.hasFigures(report) ? report : nil
    }
}

extension DoseProcedure {
    /// The kind of irradiation an exam of `modality` is.
    public init(modality: Modality) {
        switch modality {
        case .CT: self = .ct
        case .MG: self = .mammography
        case .NM: self = .nuclearMedicine
        default: self = .projection
        }
    }
}
