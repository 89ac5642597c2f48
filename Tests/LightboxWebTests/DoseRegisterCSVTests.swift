import Foundation
import LightboxDomain
import Testing

@testable import LightboxWeb

/// The per-event CSV row: one field per heading, the peak skin dose of the event in its column.
@Suite("Dose register CSV")
struct DoseRegisterCSVTests {
    @Test("An event's peak skin dose is in the Peak skin dose (mGy) column, every heading has its field")
    func eventPeakSkinDose() {
        var event = DoseEvent()
        event.uid = "1.2.3.4"
        event.eventType = "Fluoroscopy"
        event.doseAreaProductGyCm2 = 0.5
        event.referencePointDoseMilligray = 12
        event.peakSkinDoseMilligray = 1200
        let fields = DoseRegisterCSV.eventFields(event, number: 2)
        #expect(fields.count == DoseRegisterCSV.eventHeader.count)
        let row = Dictionary(uniqueKeysWithValues: zip(DoseRegisterCSV.eventHeader, fields))
        #expect(row["Event number"] == "2" && row["Irradiation event UID"] == "1.2.3.4")
        #expect(row["Peak skin dose (mGy)"] == "1200")
        #expect(row["Dose at RP (mGy)"] == "12" && row["AGD (mGy)"] == "")
        event.peakSkinDoseMilligray = nil
        let without = Dictionary(
            uniqueKeysWithValues: zip(DoseRegisterCSV.eventHeader, DoseRegisterCSV.eventFields(event, number: 2)))
        #expect(without["Peak skin dose (mGy)"] == "")
    }
}
