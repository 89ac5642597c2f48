import Foundation

/// The DM01 diagnostic waiting census at a moment (now unless given). No patient is named, so reading it is not
/// audited.
public struct ViewDM01: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        /// The census moment; now when not given.
        public var census: Date?

        public init(census: Date? = nil) {
            self.census = census
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> DM01Report {
        try environment.policy.require(actor, .viewStatistics)
        let now = environment.clock.now()
        let census = command.census ?? now
        guard census <= now else {
            throw DomainError(
                .validationFailed, "A census cannot be taken in the future.",
                fields: [FieldProblem("census", "must not be after now")])
        }
        return try await environment.store.transaction { unit in
            let configuration = try await environment.configuration(at: census, in: unit)
            let zone = configuration.timeZone
            let censusDay = CalendarDate(census, in: zone)
            let targetDays = configuration.diagnosticWaitWeeks * 7
            // Boundaries 0…bandWeeks-1 mark 1…bandWeeks whole weeks; the last is the target.
            var boundaries = (1...DM01Report.bandWeeks).map {
                DM01Report.boundary(days: $0 * 7, censusDay: censusDay, in: zone)
            }
            boundaries.append(DM01Report.boundary(days: targetDays, censusDay: censusDay, in: zone))
            let tallies = try await unit.statistics.waiting(at: census, requestedBefore: boundaries)
            return Self.report(
                tallies, census: census, censusDay: censusDay, waitWeeks: configuration.diagnosticWaitWeeks,
                targetPercent: configuration.statisticsTargets.diagnosticWaitBreachPercent)
        }
    }

    /// The report from the store's tallies (boundaries as `callAsFunction` asks for them).
    public static func report(
        _ tallies: [WaitingTally], census: Date, censusDay: CalendarDate, waitWeeks: Int, targetPercent: Double
    ) -> DM01Report {
        let weeks = DM01Report.bandWeeks
        let targetIndex = weeks
        func count(_ tally: WaitingTally, _ index: Int) -> Int {
            index < tally.requestedBefore.count ? tally.requestedBefore[index] : 0
        }
        let waiting = tallies.reduce(0) { $0 + $1.waiting }
        let over = tallies.reduce(0) { $0 + count($1, targetIndex) }
        // Waited at least w weeks: requested before boundary w-1 (w = 1…weeks); at least 0 weeks: all.
        let atLeast = [waiting] + (0..<weeks).map { index in tallies.reduce(0) { $0 + count($1, index) } }
        var bands: [DM01Report.Band] = []
        for week in 0..<weeks {
            bands.append(
                DM01Report.Band(
                    label: "\(week) to \(week + 1) weeks", fromWeeks: week, toWeeks: week + 1,
                    waiting: atLeast[week] - atLeast[week + 1], overTarget: week >= waitWeeks))
        }
        bands.append(
            DM01Report.Band(
                label: "\(weeks) weeks or more", fromWeeks: weeks, toWeeks: nil, waiting: atLeast[weeks],
                overTarget: weeks >= waitWeeks))
        let modalities = tallies.filter { $0.waiting > 0 }.sorted { $0.modality.rawValue < $1.modality.rawValue }
            .map { tally in
                DM01Report.ModalityRow(
                    modality: tally.modality, label: StatisticsWords.modality(tally.modality), waiting: tally.waiting,
                    waitingAtOrOverTarget: count(tally, targetIndex),
                    percentAtOrOverTarget: StatisticsWords.share(count(tally, targetIndex), of: tally.waiting))
            }
        let percent = StatisticsWords.share(over, of: waiting)
        return DM01Report(
            census: census, censusDay: censusDay, waitWeeks: waitWeeks, targetPercent: targetPercent,
            waiting: waiting, waitingAtOrOverTarget: over, percentAtOrOverTarget: percent,
            meetsTarget: (percent ?? 0) < targetPercent, modalities: modalities, bands: bands)
    }
}
