import Foundation

/// The physicist's and managers' dose statistics (issue 16): the dashboard's counts, the median per exam type and
/// room against the DRLs, one exam type's monthly trend, distribution and outliers, and the medians per operator.
/// Every figure is aggregated by the store (`DoseStatisticsRepository`); levels come from the configuration in
/// force and the local DRL history.
public struct ViewDoseStatistics: Sendable {
    /// One exam type in one room (or every room), one figure, over a period.
    public struct ExamTypeCommand: Sendable, Codable, Equatable {
        public var examCode: String
        public var roomID: UUID?
        public var metric: DoseMetric
        public var period: StatisticsPeriod

        public init(examCode: String, roomID: UUID?, metric: DoseMetric, period: StatisticsPeriod) {
            self.examCode = examCode
            self.roomID = roomID
            self.metric = metric
            self.period = period
        }
    }

    /// The dashboard: the counts and the month they cover.
    public struct Dashboard: Sendable, Codable, Equatable {
        public var month: StatisticsPeriod
        public var counts: DoseRegisterCounts

        public init(month: StatisticsPeriod, counts: DoseRegisterCounts) {
            self.month = month
            self.counts = counts
        }
    }

    /// At most this many outliers are listed, highest first.
    public static let outlierLimit = 50
    /// About this many bins in a histogram.
    public static let histogramBins = 10

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    /// Counts only: not audited.
    public func dashboard(by actor: Actor) async throws -> Dashboard {
        try environment.policy.require(actor, .viewDoseRegister)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            let zone = try await environment.configuration(at: now, in: unit).timeZone
            let today = CalendarDate(now, in: zone)
            let month = StatisticsPeriod.month(year: today.year, month: today.month, in: zone)
            return Dashboard(month: month, counts: try await unit.doseStatistics.counts(in: month))
        }
    }

    /// Medians per exam type and room (counts, rooms and exam types only: not audited).
    public func overview(_ period: StatisticsPeriod, by actor: Actor) async throws -> DoseOverviewReport {
        try environment.policy.require(actor, .viewDoseRegister)
        return try await medianReport(period, examCode: nil, grouping: .room)
    }

    /// One exam type's trend, distribution and outliers; the outliers name exams, so the read is audited
    /// ("dose.statistics-read").
    public func examType(_ command: ExamTypeCommand, by actor: Actor) async throws -> DoseExamTypeReport {
        try environment.policy.require(actor, .viewDoseRegister)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            let context = try await Context(unit, environment: environment, at: now)
            guard context.exams[command.examCode] != nil else {
                throw DomainError(
                    .validationFailed, "\(command.examCode) is not in the catalogue.",
                    fields: [
                        FieldProblem("examCode", "\(command.examCode) is not in the catalogue", code: .unknownExam)
                    ])
            }
            if let roomID = command.roomID, context.rooms[roomID] == nil {
                throw DomainError(
                    .validationFailed, "There is no such room.", fields: [FieldProblem("roomID", "no such room")])
            }
            let statistics = unit.doseStatistics
            let filter = DoseStatisticsFilter(
                period: command.period, examCode: command.examCode, roomID: command.roomID)
            let metric = command.metric
            let boundaries = Self.monthBoundaries(command.period, in: context.timeZone)
            let monthly = try await statistics.medians(
                filter, metrics: [metric], grouping: .interval(boundaries: boundaries))
            let months = boundaries.indices.dropLast().map { index in
                let found = monthly.first { $0.bucket == index }
                let end = min(boundaries[index + 1], now)
                return DoseExamTypeReport.Month(
                    from: boundaries[index], before: boundaries[index + 1], exams: found?.exams ?? 0,
                    median: found?.median,
                    local: context.local(command.examCode, command.roomID, metric, at: end.addingTimeInterval(-1)))
            }
            let national = context.national(command.examCode, metric)
            let local = context.local(command.examCode, command.roomID, metric, at: now)
            var distribution: DoseExamTypeReport.Distribution?
            var bins: [DoseExamTypeReport.Bin] = []
            var outliers: [DoseExamTypeReport.Outlier] = []
            if let range = try await statistics.range(filter, metric: metric), range.count > 0 {
                let quantiles = [0.25, 0.5, 0.75].map {
                    DoseExamTypeReport.ranks(quantile: $0, count: range.count)
                }
                let ranks = Array(Set(quantiles.flatMap { [$0.lower, $0.upper] })).sorted()
                let values = try await statistics.valuesAtRanks(filter, metric: metric, ranks: ranks)
                let q = quantiles.map { rank -> Double in
                    let low = values[rank.lower] ?? 0
                    let high = values[rank.upper] ?? low
                    return low + rank.weight * (high - low)
                }
                let found = DoseExamTypeReport.Distribution(
                    exams: range.count, minimum: range.minimum, lowerQuartile: q[0], median: q[1],
                    upperQuartile: q[2], maximum: range.maximum)
                distribution = found
                let edges = DoseExamTypeReport.edges(
                    upTo: max(range.maximum, national ?? 0, local ?? 0), bins: Self.histogramBins)
                let counts = try await statistics.histogram(filter, metric: metric, edges: edges)
                bins = zip(edges, edges.dropFirst()).enumerated().map { index, edge in
                    DoseExamTypeReport.Bin(
                        lower: edge.0, upper: edge.1, exams: index < counts.count ? counts[index] : 0)
                }
                outliers = try await statistics.exams(
                    filter, metric: metric, above: found.upperFence, limit: Self.outlierLimit
                ).map { .init(figure: $0, operatorName: context.staffName($0.operatorStaffID)) }
            }
            try await unit.record(
                actor, "dose.statistics-read", patientID: nil, examID: nil, at: now,
                "Dose statistics of \(command.examCode) in \(context.roomName(command.roomID)), \(metric.label), "
                    + "\(command.period.from.formatted(.iso8601)) to \(command.period.before.formatted(.iso8601)): "
                    + "\(outliers.count) outlier exam(s) listed.")
            return DoseExamTypeReport(
                examCode: command.examCode, examName: context.examName(command.examCode), roomID: command.roomID,
                roomName: context.roomName(command.roomID), metric: metric, from: command.period.from,
                before: command.period.before, national: national, local: local, months: months,
                distribution: distribution, bins: bins, outliers: outliers)
        }
    }

    /// Medians per operator and exam type (staff, not patients: not audited); only for those who manage staff.
    public func operators(_ period: StatisticsPeriod, examCode: String?, by actor: Actor) async throws
        -> DoseOperatorReport
    {
        try environment.policy.require(actor, .viewOperatorDose)
        return try await medianReport(period, examCode: examCode, grouping: .operatorStaff)
    }

    /// Every charted figure's median per exam type and room or operator (`grouping`), against the national level
    /// and the local level in force now (the room's, or for every room), sorted by exam type, then room and figure
    /// or figure and operator.
    private func medianReport(_ period: StatisticsPeriod, examCode: String?, grouping: DoseStatisticsGrouping)
        async throws -> DoseMedianReport
    {
        let now = environment.clock.now()
        let byOperator = grouping == .operatorStaff
        return try await environment.store.transaction { unit in
            let context = try await Context(unit, environment: environment, at: now)
            let medians = try await unit.doseStatistics.medians(
                DoseStatisticsFilter(period: period, examCode: examCode), metrics: DoseMetric.charted,
                grouping: grouping)
            let rows = medians.map { median in
                let groupID = byOperator ? median.operatorStaffID : median.roomID
                return DoseMedianReport.Row(
                    examCode: median.examCode, examName: context.examName(median.examCode), groupID: groupID,
                    groupName: byOperator ? context.staffName(groupID) : context.roomName(groupID),
                    metric: median.metric, exams: median.exams, median: median.median,
                    national: context.national(median.examCode, median.metric),
                    local: context.local(median.examCode, median.roomID, median.metric, at: now))
            }.sorted { a, b in
                guard (a.examName, a.examCode) == (b.examName, b.examCode) else {
                    return (a.examName, a.examCode) < (b.examName, b.examCode)
                }
                return byOperator
                    ? (a.metric.order, a.groupName) < (b.metric.order, b.groupName)
                    : (a.groupName, a.metric.order) < (b.groupName, b.metric.order)
            }
            return DoseMedianReport(from: period.from, before: period.before, rows: rows)
        }
    }

    /// The period's start, each month's first moment inside it, and its end (in the department's time zone).
    public static func monthBoundaries(_ period: StatisticsPeriod, in timeZone: TimeZone) -> [Date] {
        var boundaries = [period.from]
        var day = CalendarDate(period.from, in: timeZone)
        while true {
            let next = day.month == 12 ? (day.year + 1, 1) : (day.year, day.month + 1)
            let start = StatisticsPeriod.month(year: next.0, month: next.1, in: timeZone).from
            guard start < period.before else { break }
            boundaries.append(start)
            day = CalendarDate(start, in: timeZone)
        }
        boundaries.append(period.before)
        return boundaries
    }

    /// Names and levels read once per statistic.
    struct Context {
        var exams: [String: CatalogueEntry]
        var rooms: [UUID: String]
        var staff: [UUID: String]
        var nationalLevels: [DiagnosticReferenceLevel]
        var builder: DoseRecordBuilder
        var timeZone: TimeZone

        init(_ unit: any UnitOfWork, environment: DepartmentEnvironment, at now: Date) async throws {
            let configuration = try await environment.configuration(at: now, in: unit)
            exams = Dictionary(try await unit.catalogue.list().map { ($0.code, $0) }) { first, _ in first }
            rooms = Dictionary(try await unit.rooms.list().map { ($0.id, $0.name) }) { first, _ in first }
            staff = Dictionary(try await unit.staff.list().map { ($0.id, $0.displayName) }) { first, _ in first }
            nationalLevels = configuration.diagnosticReferenceLevels
            builder = DoseRecordBuilder(
                thresholds: configuration.doseThresholds, nationalLevels: nationalLevels,
                localLevels: try await unit.dose.localReferenceLevels())
            timeZone = configuration.timeZone
        }

        func examName(_ code: String) -> String { exams[code]?.name ?? code }
        func roomName(_ id: UUID?) -> String { id.map { rooms[$0] ?? "Unknown room" } ?? "Room not recorded" }
        func staffName(_ id: UUID?) -> String { id.map { staff[$0] ?? "Unknown" } ?? "Operator not recorded" }

        func national(_ code: String, _ metric: DoseMetric) -> Double? {
            nationalLevels.first { $0.examCodes.contains(code) }?.levels.first { $0.0 == metric }?.1
        }

        func local(_ code: String, _ roomID: UUID?, _ metric: DoseMetric, at moment: Date) -> Double? {
            builder.localLevel(examCode: code, roomID: roomID, at: moment)?.levels.first { $0.0 == metric }?.1
        }
    }
}
