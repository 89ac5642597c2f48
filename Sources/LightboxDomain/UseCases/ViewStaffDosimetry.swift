import Foundation

/// Staff dosimetry for the physicist: readings newest first (of one wearer when given), totals per wearer, site and
/// calendar year, investigations (open ones first) and classifications. Audited (`staff-dose.read`): readings are
/// personal data of staff.
public struct ViewStaffDosimetry: Sendable {
    /// The most readings and investigations one read returns.
    public static let limit = 2_000

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(staffID: UUID? = nil, by actor: Actor) async throws -> StaffDosimetryOverview {
        try environment.policy.require(actor, .manageStaffDosimetry)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            let configuration = try await environment.configuration(at: now, in: unit)
            let readings = try await unit.staffDosimetry.readings(staffID: staffID, limit: Self.limit)
            let classifications = try await unit.staffDosimetry.classifications()
                .filter { staffID == nil || $0.staffID == staffID }
            let classified = Set(classifications.filter(\.classified).map(\.staffID))
            var totals: [String: StaffDoseTotal] = [:]
            for reading in readings {
                let key = "\(reading.staffID)|\(reading.site.rawValue)|\(reading.periodEnd.year)"
                var total =
                    totals[key]
                    ?? StaffDoseTotal(
                        staffID: reading.staffID, staffName: reading.staffName, site: reading.site,
                        year: reading.periodEnd.year, totalMilliSievert: 0, readings: 0,
                        classified: classified.contains(reading.staffID))
                total.totalMilliSievert += reading.doseMilliSievert
                total.readings += 1
                totals[key] = total
            }
            let sites = DosemeterSite.allCases
            let ordered = totals.values.sorted { a, b in
                if a.year != b.year { return a.year > b.year }
                if a.staffName != b.staffName { return a.staffName < b.staffName }
                return (sites.firstIndex(of: a.site) ?? 0) < (sites.firstIndex(of: b.site) ?? 0)
            }
            let investigations = try await unit.staffDosimetry.investigations(openOnly: false, limit: Self.limit)
                .filter { staffID == nil || $0.staffID == staffID }
                .sorted { ($0.isOpen ? 0 : 1, $0.openedAt) < ($1.isOpen ? 0 : 1, $1.openedAt) }
            try await unit.record(
                actor, "staff-dose.read", patientID: nil, examID: nil, at: now,
                "Read \(readings.count) dosemeter readings" + (staffID.map { " of \($0)" } ?? ""))
            return StaffDosimetryOverview(
                levels: configuration.staffDoseInvestigationLevels, readings: readings, totals: ordered,
                investigations: investigations, classifications: classifications)
        }
    }
}
