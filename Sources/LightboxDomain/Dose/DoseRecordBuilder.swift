import Foundation

/// Builds an exam's dose record from its source reports (DOMAIN.md "Dose"):
/// - reports of one source are combined, counting each irradiation event once: an RDSR whose events
///   (by Irradiation Event UID) are all in another RDSR is a cumulative predecessor and is left out
///   (modalities resend one growing report); the others continue each other and are added up, except
///   that a Patient Radiation Dose SR's peak skin dose estimate replaces the others' sum;
/// - the record takes its totals and events from the highest-precedence source that gave any figure
///   (RDSR over MPPS over image headers over entry); a total that source lacks is filled from the next
///   source that has it, and `filledFrom` says so;
/// - every other source's figure that differs from the chosen one by more than the tolerance is a
///   ``DoseDiscrepancy``; nothing is dropped;
/// - the figures are compared with the local DRL in force for the exam code and room (a room's own
///   level before one for every room) and with the national DRL mapped to the exam code; the ratios
///   are stored.
public struct DoseRecordBuilder: Sendable {
    public var thresholds: DoseThresholds
    public var nationalLevels: [DiagnosticReferenceLevel]
    public var localLevels: [LocalReferenceLevel]

    public init(
        thresholds: DoseThresholds, nationalLevels: [DiagnosticReferenceLevel], localLevels: [LocalReferenceLevel]
    ) {
        self.thresholds = thresholds
        self.nationalLevels = nationalLevels
        self.localLevels = localLevels
    }

    /// The metrics whose totals are filled from lower sources and checked for disagreement.
    static let comparedMetrics: [DoseMetric] = [
        .doseAreaProduct, .referencePointDose, .fluoroscopyTime, .ctdiVol, .dlp, .averageGlandularDose,
        .administeredActivity, .peakSkinDose,
    ]

    public func record(for exam: Exam, reports: [DoseReport], at now: Date) -> ExamDoseRecord {
        let ordered = reports.sorted {
            ($0.source.rank, $0.receivedAt, $0.sourceUID) < ($1.source.rank, $1.receivedAt, $1.sourceUID)
        }
        var record = ExamDoseRecord(
            examID: exam.id, patientID: exam.patientID, examCode: exam.examCode, modality: exam.modality,
            roomID: exam.performance?.roomID ?? exam.booking?.roomID,
            performedAt: exam.performance?.startedAt ?? ordered.map(\.receivedAt).min() ?? now, reports: ordered,
            updatedAt: now)
        let combined = DoseSource.allCases.compactMap { source -> DoseReport? in
            Self.combine(ordered.filter { $0.source == source })
        }
        guard let chosen = combined.first(where: { Self.hasFigures($0) }) else { return record }
        record.source = chosen.source
        record.procedure = chosen.procedure
        record.totals = chosen.totals
        record.events = chosen.events
        record.administrations = chosen.administrations
        record.equipment = chosen.equipment
        for other in combined where other.source != chosen.source {
            fill(&record, from: other)
            for metric in Self.comparedMetrics {
                guard let mine = metric.value(in: chosen.totals), let theirs = metric.value(in: other.totals) else {
                    continue
                }
                let larger = max(abs(mine), abs(theirs))
                let difference = larger > 0 ? abs(mine - theirs) / larger * 100 : 0
                if difference > thresholds.sourceDisagreementPercent {
                    record.discrepancies.append(
                        DoseDiscrepancy(
                            metric: metric, chosenSource: chosen.source, chosenValue: mine, otherSource: other.source,
                            otherValue: theirs, differencePercent: difference))
                }
            }
        }
        record.comparisons = comparisons(record, at: now)
        return record
    }

    /// Fills the totals the chosen source lacks from `other` (a lower-precedence source).
    private func fill(_ record: inout ExamDoseRecord, from other: DoseReport) {
        func take<T>(_ path: WritableKeyPath<DoseRecordTotals, T?>, _ metric: String) {
            if record.totals[keyPath: path] == nil, let value = other.totals[keyPath: path] {
                record.totals[keyPath: path] = value
                record.filledFrom[metric] = other.source
            }
        }
        take(\.doseAreaProductGyCm2, DoseMetric.doseAreaProduct.rawValue)
        take(\.referencePointDoseMilligray, DoseMetric.referencePointDose.rawValue)
        take(\.fluoroscopySeconds, DoseMetric.fluoroscopyTime.rawValue)
        take(\.numberOfExposures, "number-of-exposures")
        take(\.ctdiVolMilligray, DoseMetric.ctdiVol.rawValue)
        take(\.dlpMilligrayCm, DoseMetric.dlp.rawValue)
        take(\.administeredActivityMBq, DoseMetric.administeredActivity.rawValue)
        take(\.radiopharmaceutical, "radiopharmaceutical")
        take(\.peakSkinDoseMilligray, DoseMetric.peakSkinDose.rawValue)
        if record.totals.averageGlandularDose.isEmpty, !other.totals.averageGlandularDose.isEmpty {
            record.totals.averageGlandularDose = other.totals.averageGlandularDose
            record.filledFrom[DoseMetric.averageGlandularDose.rawValue] = other.source
        }
        if record.equipment.description == nil { record.equipment = other.equipment }
    }

    /// The exam's figures against the local DRL in force and the national DRL of its exam code.
    func comparisons(_ record: ExamDoseRecord, at now: Date) -> [DoseComparison] {
        var result: [DoseComparison] = []
        if let local = localLevel(examCode: record.examCode, roomID: record.roomID, at: now) {
            for (metric, level) in local.levels where level > 0 {
                guard let value = metric.value(in: record.totals) else { continue }
                result.append(
                    DoseComparison(
                        metric: metric, value: value, referenceLevel: level, levelSource: .local,
                        levelDescription: "Local DRL for \(record.examCode)"
                            + (local.roomID == nil ? " (every room)" : " (this room)"),
                        localLevelID: local.id))
            }
        }
        for national in nationalLevels where national.examCodes.contains(record.examCode) {
            for (metric, level) in national.levels where level > 0 {
                guard let value = metric.value(in: record.totals) else { continue }
                result.append(
                    DoseComparison(
                        metric: metric, value: value, referenceLevel: level, levelSource: national.source,
                        levelDescription:
                            "\(national.source == .national ? "National" : "Local") DRL: \(national.examType)"))
            }
        }
        return result
    }

    /// The local DRL in force at `moment` for an exam code and room: the room's own, else one for every room.
    public func localLevel(examCode: String, roomID: UUID?, at moment: Date) -> LocalReferenceLevel? {
        let inForce = localLevels.filter { $0.examCode == examCode && $0.effectiveFrom <= moment }
            .sorted { ($0.effectiveFrom, $0.recordedAt) < ($1.effectiveFrom, $1.recordedAt) }
        if let roomID, let own = inForce.last(where: { $0.roomID == roomID }) { return own }
        return inForce.last { $0.roomID == nil }
    }

    /// The DRL each alert is judged against: the local comparisons when there are any, else the national ones.
    public static func alertComparisons(_ record: ExamDoseRecord) -> [DoseComparison] {
        let local = record.comparisons.filter { $0.levelSource == .local }
        return local.isEmpty ? record.comparisons : local
    }

    static func hasFigures(_ report: DoseReport) -> Bool {
        comparedMetrics.contains { $0.value(in: report.totals) != nil } || !report.events.isEmpty
            || report.totals.numberOfExposures != nil
    }

    /// One source's reports as one: superseded cumulative reports left out, the rest added up.
    static func combine(_ reports: [DoseReport]) -> DoseReport? {
        guard !reports.isEmpty else { return nil }
        let eventSets = reports.map { Set($0.events.compactMap(\.uid)) }
        let kept = reports.indices.filter { index in
            let events = eventSets[index]
            return !reports.indices.contains { other in
                other != index && !events.isEmpty
                    && (events.isStrictSubset(of: eventSets[other]) || (events == eventSets[other] && other > index))
            }
        }
        var combined = reports[kept[0]]
        var seen = Set(combined.events.compactMap(\.uid))
        for index in kept.dropFirst() {
            let next = reports[index]
            for event in next.events {
                if let uid = event.uid, !seen.insert(uid).inserted { continue }
                combined.events.append(event)
            }
            combined.administrations += next.administrations
            combined.totals = combined.totals.adding(next.totals)
            combined.warnings += next.warnings
            if combined.equipment.description == nil { combined.equipment = next.equipment }
            if combined.procedure == nil { combined.procedure = next.procedure }
        }
        // A Patient Radiation Dose SR estimates the whole study's skin dose from the other reports: its
        // estimate replaces their sum rather than adding to it.
        let estimates = reports.filter { $0.documentKind == Self.patientDoseEstimateKind }
            .compactMap(\.totals.peakSkinDoseMilligray)
        if let estimate = estimates.max() { combined.totals.peakSkinDoseMilligray = estimate }
        return combined
    }

    /// The `documentKind` of a Patient Radiation Dose SR (PS3.16 TID 10030).
    public static let patientDoseEstimateKind = "patient-radiation-dose-sr"
}
