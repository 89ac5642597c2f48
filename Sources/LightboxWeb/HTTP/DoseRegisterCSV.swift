import Foundation
import LightboxDomain

/// The dose register as CSV for a physicist's spreadsheet, modelled on OpenREM's exports (one row per
/// exam with the study's identification, equipment, patient age and sex and the accumulated totals; or
/// one row per irradiation event with the exam's identification repeated, as OpenREM's per-series
/// sheets), in the register's units, named in each heading. Patients are identified only by the
/// accession number: no name or NHS number leaves in the file.
enum DoseRegisterCSV {
    /// The exam columns both levels start with.
    static let examHeader = [
        "Accession number", "Study instance UID", "Study date", "Study time", "Modality", "Exam code", "Exam name",
        "Body region", "Room", "Manufacturer", "Model name", "Station name", "Device serial number",
        "Patient age (years)", "Patient sex", "Dose source",
    ]

    static let totalsHeader = [
        "Number of irradiation events", "Number of exposures", "DAP total (Gy.cm2)", "Fluoro DAP total (Gy.cm2)",
        "Acquisition DAP total (Gy.cm2)", "Dose at RP total (mGy)", "Fluoro time total (s)", "CTDIvol highest (mGy)",
        "CTDIvol phantom (cm)", "DLP total (mGy.cm)", "AGD left (mGy)", "AGD right (mGy)",
        "Administered activity (MBq)", "Radiopharmaceutical", "Peak skin dose (mGy)", "Effective dose estimate (mSv)",
        "Effective dose coefficient", "Highest local DRL ratio", "Highest national DRL ratio", "Open dose alerts",
        "Source disagreements",
    ]

    static let eventHeader = [
        "Event number", "Irradiation event UID", "Event time", "Event type", "Protocol", "Acquisition plane",
        "Target region", "Laterality", "kVp", "Tube current (mA)", "Exposure time (s)", "Exposure (mAs)",
        "Number of pulses", "Exposure index", "DAP (Gy.cm2)", "Dose at RP (mGy)", "Entrance dose (mGy)", "AGD (mGy)",
        "Peak skin dose (mGy)", "CT acquisition type", "CTDIvol (mGy)", "DLP (mGy.cm)", "CTDIvol phantom (cm)",
        "Scanning length (mm)",
        "Pitch factor",
    ]

    static func header(_ level: ExportDoseRegister.Level) -> String {
        CSVWriter.line(examHeader + (level == .exam ? totalsHeader : eventHeader))
    }

    /// The lines of one exam: one, or one per irradiation event (none when it has no events).
    static func lines(_ item: DoseRegisterExportItem, level: ExportDoseRegister.Level, timeZone: TimeZone) -> String {
        let exam = examFields(item, timeZone: timeZone)
        switch level {
        case .exam:
            return CSVWriter.line(exam + totalFields(item))
        case .event:
            return item.record.events.enumerated().map { index, event in
                CSVWriter.line(exam + eventFields(event, number: index + 1))
            }.joined()
        }
    }

    static func examFields(_ item: DoseRegisterExportItem, timeZone: TimeZone) -> [String] {
        let record = item.record
        let equipment = record.equipment
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.hour, .minute, .second], from: record.performedAt)
        let time = String(format: "%02d:%02d:%02d", parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
        return [
            item.accessionNumber, item.studyInstanceUID ?? "", CalendarDate(record.performedAt, in: timeZone).iso, time,
            record.modality.rawValue, record.examCode, item.examName, item.bodyRegion?.label ?? "",
            item.roomName ?? "", equipment.manufacturer ?? "", equipment.modelName ?? "", equipment.stationName ?? "",
            equipment.serialNumber ?? "", item.patientAgeYears.map(String.init) ?? "", sex(item.patientSex),
            record.source?.label ?? "",
        ]
    }

    static func totalFields(_ item: DoseRegisterExportItem) -> [String] {
        let record = item.record
        let totals = record.totals
        func breast(_ side: String) -> String {
            let values = totals.averageGlandularDose.filter { $0.laterality == side }.map(\.milligray)
            return number(values.isEmpty ? nil : values.reduce(0, +))
        }
        func highest(_ national: Bool) -> String {
            number(record.comparisons.filter { ($0.levelSource == .local) != national }.map(\.ratio).max())
        }
        let events = totals.numberOfIrradiationEvents ?? (record.events.isEmpty ? nil : record.events.count)
        return [
            events.map(String.init) ?? "", totals.numberOfExposures.map(String.init) ?? "",
            number(totals.doseAreaProductGyCm2), number(totals.fluoroscopyDoseAreaProductGyCm2),
            number(totals.acquisitionDoseAreaProductGyCm2), number(totals.referencePointDoseMilligray),
            number(totals.fluoroscopySeconds), number(totals.ctdiVolMilligray),
            totals.ctdiVolPhantomDiameterCm.map(String.init) ?? "", number(totals.dlpMilligrayCm), breast("left"),
            breast("right"), number(totals.administeredActivityMBq), totals.radiopharmaceutical ?? "",
            number(totals.peakSkinDoseMilligray), number(item.effectiveDose?.milliSievert),
            item.effectiveDose.map { "\(number($0.coefficient.milliSievertPerUnit)) \($0.coefficient.unitLabel)" }
                ?? "",
            highest(false), highest(true), String(record.openAlerts.count), String(record.discrepancies.count),
        ]
    }

    static func eventFields(_ event: DoseEvent, number index: Int) -> [String] {
        [
            String(index), event.uid ?? "", event.startedAt ?? "", event.eventType ?? "",
            event.acquisitionProtocol ?? "", event.acquisitionPlane ?? "", event.targetRegion ?? "",
            event.laterality ?? "", number(event.kilovolts), number(event.tubeCurrentMilliampere),
            number(event.exposureTimeSeconds), number(event.milliampereSeconds),
            event.numberOfPulses.map(String.init) ?? "", number(event.exposureIndex),
            number(event.doseAreaProductGyCm2), number(event.referencePointDoseMilligray),
            number(event.entranceDoseMilligray), number(event.averageGlandularDoseMilligray),
            number(event.peakSkinDoseMilligray), event.ctAcquisitionType ?? "", number(event.ctdiVolMilligray),
            number(event.dlpMilligrayCm),
            event.phantomDiameterCm.map(String.init) ?? "", number(event.scanningLengthMm), number(event.pitchFactor),
        ]
    }

    static func sex(_ sex: AdministrativeSex?) -> String {
        switch sex {
        case .female: "F"
        case .male: "M"
        case .other: "O"
        case .unknown, nil: ""
        }
    }

    /// A figure as a spreadsheet reads it: up to six decimals, no trailing zeros, no exponent; empty when absent.
    static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        let rounded = (value * 1_000_000).rounded() / 1_000_000
        if rounded.rounded() == rounded && abs(rounded) < 1e15 { return String(Int(rounded)) }
        var text = String(format: "%.6f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
