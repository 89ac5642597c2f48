extension DoseSummary {
    /// Combines the dose records of one study sent as several reports, counting each irradiation
    /// event once: a report whose events (by Irradiation Event UID) are all in another report is a
    /// cumulative predecessor and is dropped (Siemens sends one growing RDSR after each exposure);
    /// reports with different events continue each other and are added up (a "continued" RDSR).
    /// Reports without event UIDs are always kept. Returns nil when no summary is a dose record.
    public static func combining(_ summaries: [DoseSummary]) -> DoseSummary? {
        let records = summaries.filter(\.isDoseRecord)
        guard !records.isEmpty else { return nil }
        let eventSets = records.map { Set($0.events.compactMap(\.uid)) }
        var kept: [Int] = []
        var notes: [SRWarning] = []
        for (index, events) in eventSets.enumerated() {
            // Superseded by a strict superset, or by a later report with the same events (a resend).
            let successor = eventSets.indices.first { other in
                other != index && !events.isEmpty
                    && (events.isStrictSubset(of: eventSets[other]) || (events == eventSets[other] && other > index))
            }
            if let successor {
                notes.append(
                    SRWarning(
                        code: "dose.superseded-report",
                        message:
                            "report \(records[index].context.sopInstanceUID ?? "#\(index + 1)") is contained in report "
                            + "\(records[successor].context.sopInstanceUID ?? "#\(successor + 1)") and was not counted")
                )
            } else {
                kept.append(index)
            }
        }
        var combined = records[kept[0]]
        let studies = Set(kept.compactMap { records[$0].context.studyInstanceUID })
        if studies.count > 1 {
            notes.append(
                SRWarning(code: "dose.different-studies", message: "the reports belong to \(studies.count) studies"))
        }
        var seenEvents = Set(combined.events.compactMap(\.uid))
        for index in kept.dropFirst() {
            let next = records[index]
            combined.accumulated += next.accumulated
            for event in next.events {
                if let uid = event.uid, !seenEvents.insert(uid).inserted { continue }
                combined.events.append(event)
            }
            combined.administrations += next.administrations
            combined.totals = combined.totals.adding(next.totals)
            combined.warnings += next.warnings
            if let end = next.context.endOfIrradiation { combined.context.endOfIrradiation = end }
        }
        combined.warnings += notes
        return combined
    }
}

extension DoseTotals {
    /// The sum of two sets of totals (absent + x = x).
    public func adding(_ other: DoseTotals) -> DoseTotals {
        func add(_ a: Double?, _ b: Double?) -> Double? { a == nil && b == nil ? nil : (a ?? 0) + (b ?? 0) }
        func add(_ a: Int?, _ b: Int?) -> Int? { a == nil && b == nil ? nil : (a ?? 0) + (b ?? 0) }
        var sum = DoseTotals()
        sum.doseAreaProduct = add(doseAreaProduct, other.doseAreaProduct)
        sum.fluoroDoseAreaProduct = add(fluoroDoseAreaProduct, other.fluoroDoseAreaProduct)
        sum.acquisitionDoseAreaProduct = add(acquisitionDoseAreaProduct, other.acquisitionDoseAreaProduct)
        sum.doseRP = add(doseRP, other.doseRP)
        sum.fluoroDoseRP = add(fluoroDoseRP, other.fluoroDoseRP)
        sum.acquisitionDoseRP = add(acquisitionDoseRP, other.acquisitionDoseRP)
        sum.fluoroTime = add(fluoroTime, other.fluoroTime)
        sum.acquisitionTime = add(acquisitionTime, other.acquisitionTime)
        sum.numberOfRadiographicFrames = add(numberOfRadiographicFrames, other.numberOfRadiographicFrames)
        sum.numberOfExposures = add(numberOfExposures, other.numberOfExposures)
        sum.numberOfIrradiationEvents = add(numberOfIrradiationEvents, other.numberOfIrradiationEvents)
        sum.ctDoseLengthProduct = add(ctDoseLengthProduct, other.ctDoseLengthProduct)
        sum.averageGlandularDose = averageGlandularDose + other.averageGlandularDose
        sum.administeredActivity = add(administeredActivity, other.administeredActivity)
        return sum
    }
}
