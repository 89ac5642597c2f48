import DICOM
import Foundation
import LightboxDomain

extension DoseReport {
    /// The register's report of a DICOM object's dose summary (``DoseSummary``: an RDSR's content tree
    /// or an image header's dose attributes, already normalised from each item's own unit), or nil when
    /// the object carries no dose information. Exam, arrival and sender are set by the use case.
    ///
    /// Keys: an RDSR by its SOP Instance UID; a projection or mammography image by its SOP Instance
    /// UID (each image is an exposure); a CT image by its Series Instance UID (a series is one
    /// acquisition: its images share the CTDIvol, the highest is kept).
    init?(summary: DoseSummary, seriesInstanceUID: String?) {
        let source: DoseSource
        switch summary.source {
        case .xRayRadiationDoseSR, .enhancedXRayRadiationDoseSR, .radiopharmaceuticalRadiationDoseSR,
            .patientRadiationDoseSR:
            source = .rdsr
        case .imageHeader: source = .imageHeader
        case .none: return nil
        }
        let context = summary.context
        guard let sopInstanceUID = context.sopInstanceUID else { return nil }
        let procedure: DoseProcedure? =
            switch summary.procedure {
            case .projection: .projection
            case .ct: .ct
            case .mammography: .mammography
            case .radiopharmaceutical: .nuclearMedicine
            case nil: nil
            }
        let key =
            source == .imageHeader && procedure == .ct ? (seriesInstanceUID ?? sopInstanceUID) : sopInstanceUID
        var events = summary.events.map { DoseEvent(event: $0) }
        if source == .imageHeader {
            // A header's events are its exposures; name each by the image (or the CT series).
            for index in events.indices where events[index].uid == nil {
                events[index].uid = events.count == 1 ? key : "\(key)#\(index + 1)"
            }
        }
        var totals = DoseRecordTotals()
        let t = summary.totals
        totals.doseAreaProductGyCm2 = t.doseAreaProduct
        totals.fluoroscopyDoseAreaProductGyCm2 = t.fluoroDoseAreaProduct
        totals.acquisitionDoseAreaProductGyCm2 = t.acquisitionDoseAreaProduct
        totals.referencePointDoseMilligray = t.doseRP
        totals.fluoroscopySeconds = t.fluoroTime
        totals.numberOfIrradiationEvents = t.numberOfIrradiationEvents
        if procedure == .ct {
            totals.numberOfExposures = t.numberOfExposures
        } else {
            totals.numberOfExposures =
                t.numberOfExposures ?? t.numberOfRadiographicFrames
                ?? (procedure == .nuclearMedicine
                    ? nil : events.filter { !($0.eventType ?? "").lowercased().contains("fluoro") }.count)
        }
        if let highest = events.filter({ $0.ctdiVolMilligray != nil }).max(by: {
            ($0.ctdiVolMilligray ?? 0) < ($1.ctdiVolMilligray ?? 0)
        }) {
            totals.ctdiVolMilligray = highest.ctdiVolMilligray
            totals.ctdiVolPhantomDiameterCm = highest.phantomDiameterCm
        }
        totals.dlpMilligrayCm = t.ctDoseLengthProduct
        totals.averageGlandularDose = t.averageGlandularDose.compactMap { breast in
            breast.dose.value.map { BreastGlandularDose(laterality: breast.laterality, milligray: $0) }
        }
        totals.administeredActivityMBq = t.administeredActivity
        totals.peakSkinDoseMilligray = t.peakSkinDose
        let administrations = summary.administrations.map { item in
            RadiopharmaceuticalDose(
                radiopharmaceutical: item.agent, radionuclide: item.radionuclide,
                administeredActivityMBq: item.administeredActivity?.value, startedAt: item.startDateTime,
                route: item.route)
        }
        var agents: [String] = []
        for agent in administrations.compactMap(\.radiopharmaceutical) where !agents.contains(agent) {
            agents.append(agent)
        }
        totals.radiopharmaceutical = agents.isEmpty ? nil : agents.joined(separator: "; ")
        let equipment = DoseEquipment(
            manufacturer: context.manufacturer ?? context.deviceObserverManufacturer,
            modelName: context.manufacturerModelName ?? context.deviceObserverModelName,
            serialNumber: context.deviceSerialNumber ?? context.deviceObserverSerialNumber,
            stationName: context.stationName ?? context.deviceObserverName, deviceUID: context.deviceObserverUID)
        self.init(
            source: source, sourceUID: key, documentKind: summary.source.rawValue, procedure: procedure,
            studyInstanceUID: context.studyInstanceUID, accessionNumber: context.accessionNumber,
            modality: context.modality, equipment: equipment, totals: totals, events: events,
            administrations: administrations,
            warnings: summary.warnings.map { $0.path.isEmpty ? $0.message : "\($0.message) (at \($0.path))" },
            receivedAt: Date(timeIntervalSince1970: 0), receivedFrom: "")
    }
}

extension DoseEvent {
    /// The register's event of an extracted irradiation event (CT: technique of the first X-ray source).
    init(event: IrradiationEvent) {
        self.init()
        uid = event.uid
        startedAt = event.dateTimeStarted
        eventType = event.eventType
        acquisitionProtocol = event.acquisitionProtocol
        acquisitionPlane = event.acquisitionPlane
        targetRegion = event.targetRegion
        laterality = event.laterality
        doseAreaProductGyCm2 = event.doseAreaProduct?.value
        referencePointDoseMilligray = event.doseRP?.value
        entranceDoseMilligray = event.entranceDose?.value
        averageGlandularDoseMilligray = event.averageGlandularDose?.value
        peakSkinDoseMilligray = event.peakSkinDose?.value
        kilovolts = event.kvp?.value ?? event.xRaySources.first?.kvp?.value
        milliampereSeconds = event.exposure?.value
        tubeCurrentMilliampere = event.tubeCurrent?.value ?? event.xRaySources.first?.tubeCurrent?.value
        exposureTimeSeconds = event.exposureTime?.value
        numberOfPulses = event.numberOfPulses
        exposureIndex = event.exposureIndex
        ctAcquisitionType = event.ctAcquisitionType
        ctdiVolMilligray = event.ctdiVol?.value
        dlpMilligrayCm = event.dlp?.value
        phantomDiameterCm = event.phantomDiameter
        scanningLengthMm = event.scanningLength?.value
        pitchFactor = event.pitchFactor
    }
}
