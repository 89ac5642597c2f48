import Foundation
import LightboxDomain

// The dose register's results as documented API bodies.

extension ExamDoseRecord: APISchema {
    public static let schemaName = "ExamDoseRecord"
    public static var example: ExamDoseRecord {
        var event = DoseEvent()
        event.uid = "1.3.12.2.1107.5.1.4.1001.30000026120711003"
        event.startedAt = "20261207101502"
        event.eventType = "Sequenced Acquisition"
        event.acquisitionProtocol = "Head routine"
        event.acquisitionPlane = "Single Plane"
        event.targetRegion = "Head"
        event.laterality = "both"
        event.doseAreaProductGyCm2 = 0.12
        event.referencePointDoseMilligray = 1.4
        event.entranceDoseMilligray = 1.6
        event.averageGlandularDoseMilligray = 1.2
        event.peakSkinDoseMilligray = 80
        event.kilovolts = 120
        event.milliampereSeconds = 300
        event.tubeCurrentMilliampere = 300
        event.exposureTimeSeconds = 1
        event.numberOfPulses = 1
        event.exposureIndex = 250
        event.ctAcquisitionType = "Sequenced Acquisition"
        event.ctdiVolMilligray = 52.1
        event.dlpMilligrayCm = 812
        event.phantomDiameterCm = 16
        event.scanningLengthMm = 150
        event.pitchFactor = 1
        var totals = DoseRecordTotals()
        totals.doseAreaProductGyCm2 = 0.12
        totals.fluoroscopyDoseAreaProductGyCm2 = 0
        totals.acquisitionDoseAreaProductGyCm2 = 0.12
        totals.referencePointDoseMilligray = 1.4
        totals.fluoroscopySeconds = 0
        totals.numberOfExposures = 1
        totals.numberOfIrradiationEvents = 1
        totals.ctdiVolMilligray = 52.1
        totals.ctdiVolPhantomDiameterCm = 16
        totals.dlpMilligrayCm = 812
        totals.averageGlandularDose = [BreastGlandularDose(laterality: "left", milligray: 1.2)]
        totals.administeredActivityMBq = 350
        totals.radiopharmaceutical = "Fluorodeoxyglucose F^18^"
        totals.peakSkinDoseMilligray = 80
        let equipment = DoseEquipment(
            manufacturer: "SIEMENS", modelName: "SOMATOM Definition AS", serialNumber: "61234", stationName: "CT1",
            deviceUID: "1.3.12.2.1107.5.1.4.61234")
        let report = DoseReport(
            source: .rdsr, sourceUID: "1.3.12.2.1107.5.1.4.1001.30000026120711004",
            documentKind: "xray-radiation-dose-sr", procedure: .ct, examID: Examples.id(2),
            studyInstanceUID: StudyInstanceUID.make(from: Examples.id(2)), accessionNumber: "LB0123456789ABCD",
            modality: "SR", equipment: equipment, totals: totals, events: [event],
            administrations: [
                RadiopharmaceuticalDose(
                    radiopharmaceutical: "Fluorodeoxyglucose F^18^", radionuclide: "^18^Fluorine",
                    administeredActivityMBq: 350, startedAt: "20261207093000", route: "Intravenous route")
            ], warnings: ["Dose Area Product Total has no unit; value not normalised (at 1.2.3)"],
            receivedAt: Examples.now, receivedFrom: "CT1")
        let comparison = DoseComparison(
            metric: .dlp, value: 812, referenceLevel: 790, levelSource: .national,
            levelDescription: "National DRL: CT head (stroke)", localLevelID: Examples.id(9))
        return ExamDoseRecord(
            examID: Examples.id(2), patientID: Examples.id(1), examCode: "CHEADN", modality: .CT,
            roomID: Examples.id(4), performedAt: Examples.now, reports: [report], source: .rdsr, procedure: .ct,
            totals: totals, filledFrom: ["fluoroscopy-time": .mpps], events: [event],
            administrations: report.administrations, equipment: equipment,
            discrepancies: [
                DoseDiscrepancy(
                    metric: .dlp, chosenSource: .rdsr, chosenValue: 812, otherSource: .mpps, otherValue: 700,
                    differencePercent: 13.8)
            ], comparisons: [comparison], alerts: [DoseAlert.example], updatedAt: Examples.now)
    }
}

extension DoseAlert: APISchema {
    public static let schemaName = "DoseAlert"
    public static var example: DoseAlert {
        DoseAlert(
            id: Examples.id(10), kind: .aboveReferenceLevel, examID: Examples.id(2), patientID: Examples.id(1),
            examCode: "CHEADN", metric: .dlp, value: 812, limit: 790,
            detail: "DLP 812 mGy·cm is 1.03 × the National DRL: CT head (stroke) of 790 mGy·cm.",
            examIDs: [Examples.id(2)], raisedAt: Examples.now,
            acknowledgement: .init(
                staffID: Examples.id(5), username: "p.physicist", at: Examples.now,
                comment: "Repeat scan for motion; justified. No further action."))
    }
}
