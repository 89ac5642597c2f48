import DICOM
import Foundation
import LightboxDomain

/// The MPPS attribute lists (PS3.4 Table F.7.2-1, PS3.3 §C.4.13-C.4.17) in the domain's words.
enum ModalityStepTranslation {
    /// The N-CREATE of a step: the first Scheduled Step Attributes item names the exam.
    static func start(_ set: DataSet, sopInstanceUID: String, callingAETitle: String) -> ModalityStart {
        let scheduled = set.sequence(MWLTag.scheduledStepAttributesSequence)?.first
        let station = set.string(MWLTag.performedStationAETitle).flatMap(nonEmpty) ?? callingAETitle
        return ModalityStart(
            sopInstanceUID: sopInstanceUID, stationAETitle: station,
            accessionNumber: scheduled?.string(.accessionNumber).flatMap(nonEmpty),
            studyInstanceUID: scheduled?.string(.studyInstanceUID).flatMap(nonEmpty),
            operatorName: set.personName(MWLTag.operatorsName).flatMap(domainName))
    }

    /// What the N-CREATE says of the patient and the procedure (PS3.4 Table F.7.2-1), kept as received for the
    /// person who links a step held for an unknown exam.
    static func subject(_ set: DataSet) -> HeldModalityStep.Subject {
        HeldModalityStep.Subject(
            patientName: set.string(.patientName).flatMap(nonEmpty),
            patientID: set.string(.patientID).flatMap(nonEmpty),
            patientBirthDate: set.string(.patientBirthDate).flatMap(nonEmpty),
            procedureDescription: set.string(Tag(0x0040, 0x0254)).flatMap(nonEmpty))
    }

    /// An N-SET: the series and dose figures it carries (nil where it carries none), the operator, and the
    /// discontinuation reason's meaning.
    static func end(_ set: DataSet, sopInstanceUID: String) -> ModalityStepEnd {
        var projections: [PerformedProjection]?
        if let series = set.sequence(MWLTag.performedSeriesSequence) {
            projections = series.enumerated().map { index, item in
                let name =
                    item.string(MWLTag.seriesDescription).flatMap(nonEmpty)
                    ?? item.string(MWLTag.protocolName).flatMap(nonEmpty) ?? "Series \(index + 1)"
                return PerformedProjection(
                    name: name, images: item.sequence(MWLTag.referencedImageSequence)?.count ?? 0)
            }
        }
        var exposures: [ExposureFigures] = []
        // DAP (0018,115E) is in dGy·cm² (PS3.3 §C.4.16); the register keeps Gy·cm².
        let dap = set.double(MWLTag.imageAndFluoroscopyAreaDoseProduct).map { $0 / 10 }
        let fluoroscopy = set.double(MWLTag.totalTimeOfFluoroscopy)
        if dap != nil || fluoroscopy != nil {
            exposures.append(ExposureFigures(doseAreaProductGyCm2: dap, fluoroscopySeconds: fluoroscopy))
        }
        for item in set.sequence(MWLTag.exposureDoseSequence) ?? [] {
            let kv = item.double(MWLTag.kvp)
            // mAs from the tube current (µA) and exposure time (ms) when both are given.
            var mAs: Double?
            if let current = item.double(MWLTag.xRayTubeCurrentInMicroA), let time = item.double(MWLTag.exposureTime) {
                mAs = current * time / 1_000_000
            }
            if kv != nil || mAs != nil { exposures.append(ExposureFigures(kilovolts: kv, milliampereSeconds: mAs)) }
        }
        for item in set.sequence(MWLTag.ctExposureSequence) ?? [] {
            if let ctdi = item.double(MWLTag.ctdiVol) { exposures.append(ExposureFigures(ctdiVolMilligray: ctdi)) }
        }
        let reason = set.sequence(MWLTag.performedProcedureStepDiscontinuationReasonCodeSequence)?.first.flatMap {
            $0.string(MWLTag.codeMeaning).flatMap(nonEmpty) ?? $0.string(MWLTag.codeValue).flatMap(nonEmpty)
        }
        return ModalityStepEnd(
            sopInstanceUID: sopInstanceUID, projections: projections, exposures: exposures.isEmpty ? nil : exposures,
            operatorName: set.personName(MWLTag.operatorsName).flatMap(domainName), reason: reason)
    }

    static func nonEmpty(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// A DICOM person name as the domain holds one (family, given and middle names, prefix).
    static func domainName(_ name: DICOM.PersonName) -> LightboxDomain.PersonName? {
        let parts = name.alphabetic
        guard !parts.familyName.isEmpty else { return nil }
        let given = [parts.givenName, parts.middleName].flatMap { $0.split(separator: " ").map(String.init) }
        return LightboxDomain.PersonName(
            family: parts.familyName, given: given, prefix: parts.namePrefix.isEmpty ? nil : parts.namePrefix)
    }
}
