import Foundation

extension DoseRecordTotals {
    /// The totals of two reports that continue each other: sums, except CTDIvol (the higher, with its
    /// phantom) and the radiopharmaceuticals (joined).
    public func adding(_ other: DoseRecordTotals) -> DoseRecordTotals {
        func add(_ a: Double?, _ b: Double?) -> Double? { a == nil && b == nil ? nil : (a ?? 0) + (b ?? 0) }
        func add(_ a: Int?, _ b: Int?) -> Int? { a == nil && b == nil ? nil : (a ?? 0) + (b ?? 0) }
        var sum = DoseRecordTotals()
        sum.doseAreaProductGyCm2 = add(doseAreaProductGyCm2, other.doseAreaProductGyCm2)
        sum.fluoroscopyDoseAreaProductGyCm2 = add(
            fluoroscopyDoseAreaProductGyCm2, other.fluoroscopyDoseAreaProductGyCm2)
        sum.acquisitionDoseAreaProductGyCm2 = add(
            acquisitionDoseAreaProductGyCm2, other.acquisitionDoseAreaProductGyCm2)
        sum.referencePointDoseMilligray = add(referencePointDoseMilligray, other.referencePointDoseMilligray)
        sum.fluoroscopySeconds = add(fluoroscopySeconds, other.fluoroscopySeconds)
        sum.numberOfExposures = add(numberOfExposures, other.numberOfExposures)
        sum.numberOfIrradiationEvents = add(numberOfIrradiationEvents, other.numberOfIrradiationEvents)
        if (other.ctdiVolMilligray ?? -1) > (ctdiVolMilligray ?? -1) {
            sum.ctdiVolMilligray = other.ctdiVolMilligray
            sum.ctdiVolPhantomDiameterCm = other.ctdiVolPhantomDiameterCm
        } else {
            sum.ctdiVolMilligray = ctdiVolMilligray
            sum.ctdiVolPhantomDiameterCm = ctdiVolPhantomDiameterCm
        }
        sum.dlpMilligrayCm = add(dlpMilligrayCm, other.dlpMilligrayCm)
        sum.averageGlandularDose = averageGlandularDose + other.averageGlandularDose
        sum.administeredActivityMBq = add(administeredActivityMBq, other.administeredActivityMBq)
        var agents: [String] = []
        for agent in [radiopharmaceutical, other.radiopharmaceutical].compactMap({ $0 }) where !agents.contains(agent) {
            agents.append(agent)
        }
        sum.radiopharmaceutical = agents.isEmpty ? nil : agents.joined(separator: "; ")
        sum.peakSkinDoseMilligray = add(peakSkinDoseMilligray, other.peakSkinDoseMilligray)
        return sum
    }
}
