import Foundation

/// Records a personal dosemeter reading for a wearer and wear period; a reading above its investigation level (the
/// configuration in force) opens an investigation for the physicist. Audited (`staff-dose.recorded`, and
/// `staff-dose.investigation-opened`). Nothing is stored when anything is wrong.
public struct RecordDosemeterReading: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var staffID: UUID
        public var site: DosemeterSite
        public var periodStart: CalendarDate
        public var periodEnd: CalendarDate
        public var doseMilliSievert: Double
        public var dosemeterReference: String?

        public init(
            staffID: UUID, site: DosemeterSite, periodStart: CalendarDate, periodEnd: CalendarDate,
            doseMilliSievert: Double, dosemeterReference: String? = nil
        ) {
            self.staffID = staffID
            self.site = site
            self.periodStart = periodStart
            self.periodEnd = periodEnd
            self.doseMilliSievert = doseMilliSievert
            self.dosemeterReference = dosemeterReference
        }
    }

    /// The longest wear period accepted (a quarter is usual; a year is the most).
    public static let maximumPeriodDays = 366
    /// A wearer's readings looked through for a duplicate: ten years of monthly readings at three sites.
    public static let historyLimit = 400

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> DosemeterReading {
        try environment.policy.require(actor, .manageStaffDosimetry)
        let now = environment.clock.now()
        let readingID = environment.ids.next()
        let investigationID = environment.ids.next()
        return try await environment.store.transaction { unit in
            let configuration = try await environment.configuration(at: now, in: unit)
            let today = CalendarDate(now, in: configuration.timeZone)
            var problems: [FieldProblem] = []
            let wearer = try await unit.staff.get(command.staffID)
            if wearer == nil {
                problems.append(FieldProblem("staffID", "no member of staff with id \(command.staffID)"))
            }
            if command.periodEnd < command.periodStart {
                problems.append(FieldProblem("periodEnd", "must not be before periodStart"))
            } else if command.periodStart.days(until: command.periodEnd) >= Self.maximumPeriodDays {
                problems.append(FieldProblem("periodEnd", "a wear period is at most \(Self.maximumPeriodDays) days"))
            }
            if command.periodEnd > today { problems.append(FieldProblem("periodEnd", "must not be in the future")) }
            let dose = command.doseMilliSievert
            if !dose.isFinite || dose < 0 || dose > 10_000 {
                problems.append(FieldProblem("doseMilliSievert", "must be a dose from 0 to 10000 mSv"))
            }
            let reference = command.dosemeterReference?.trimmed.nilIfEmpty
            if let reference, reference.count > 64 {
                problems.append(FieldProblem("dosemeterReference", "must be at most 64 characters"))
            }
            if wearer != nil {
                let earlier = try await unit.staffDosimetry.readings(staffID: command.staffID, limit: Self.historyLimit)
                if earlier.contains(where: {
                    $0.site == command.site && $0.periodStart <= command.periodEnd
                        && command.periodStart <= $0.periodEnd
                }) {
                    problems.append(
                        FieldProblem(
                            "periodStart",
                            "a \(command.site.rawValue) reading for this wearer already covers this period"))
                }
            }
            guard problems.isEmpty, let wearer else {
                throw DomainError.problems(problems, fallback: .validationFailed, message: "The reading is not valid.")
            }
            let level = configuration.staffDoseInvestigationLevels.level(for: command.site)
            let above = dose > level && !dose.atLeast(level, exactly: true)
            let arithmetic =
                "\(command.site.label) \(dose.dose) mSv \(above ? ">" : "≤") investigation level \(level.dose) mSv"
            var reading = DosemeterReading(
                id: readingID, staffID: wearer.id, staffName: wearer.displayName, site: command.site,
                periodStart: command.periodStart, periodEnd: command.periodEnd, doseMilliSievert: dose,
                dosemeterReference: reference, investigationID: nil, recordedBy: actor.username, recordedAt: now)
            if above {
                reading.investigationID = investigationID
                try await unit.staffDosimetry.insert(
                    StaffDoseInvestigation(
                        id: investigationID, readingID: readingID, staffID: wearer.id, staffName: wearer.displayName,
                        site: command.site, periodStart: command.periodStart, periodEnd: command.periodEnd,
                        doseMilliSievert: dose, levelMilliSievert: level, arithmetic: arithmetic, openedAt: now))
            }
            try await unit.staffDosimetry.insert(reading)
            let period = "\(command.periodStart.iso) to \(command.periodEnd.iso)"
            try await unit.record(
                actor, "staff-dose.recorded", patientID: nil, examID: nil, at: now,
                "\(wearer.displayName) (\(wearer.id)), \(period): \(arithmetic)")
            if above {
                try await unit.record(
                    actor, "staff-dose.investigation-opened", patientID: nil, examID: nil, at: now,
                    "Investigation \(investigationID) for \(wearer.displayName), \(period): \(arithmetic)")
            }
            return reading
        }
    }
}
