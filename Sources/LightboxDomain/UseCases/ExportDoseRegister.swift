import Foundation

/// The dose register as rows for a physicist's spreadsheet: the exams performed in a period, of a
/// modality and in a room when asked, oldest first, one row per exam or one per irradiation event (the
/// door writes the CSV). ``start(_:by:)`` checks the filter and audits the export ("dose.exported", with
/// the filter) before any row leaves; the rows are then read page by page, each page in its own read
/// transaction, so an export of a year streams without holding the database. At most ``maximumExams``.
public struct ExportDoseRegister: Sendable {
    /// One row per exam, or one per irradiation event.
    public enum Level: String, Sendable, Codable, CaseIterable {
        case exam
        case event

        public var label: String {
            switch self {
            case .exam: "One row per exam"
            case .event: "One row per irradiation event"
            }
        }
    }

    public struct Command: Sendable, Codable, Equatable {
        /// First and last day performed (included), in the department's time zone; by default the 30 days
        /// to today.
        public var from: CalendarDate?
        public var to: CalendarDate?
        public var modality: Modality?
        public var roomID: UUID?
        public var level: Level

        public init(
            from: CalendarDate? = nil, to: CalendarDate? = nil, modality: Modality? = nil, roomID: UUID? = nil,
            level: Level = .exam
        ) {
            self.from = from
            self.to = to
            self.modality = modality
            self.roomID = roomID
            self.level = level
        }
    }

    /// An export that was checked and audited: read its pages until one comes back empty.
    public struct Export: Sendable {
        public let filter: DoseRegisterFilter
        public let level: Level
        /// The period as days, for the file name.
        public let firstDay: CalendarDate
        public let lastDay: CalendarDate
        let rooms: [UUID: String]
        let configuration: DepartmentConfiguration
        let store: any DepartmentStore

        /// The exams of page `index` (0 first), each with what the row needs; empty after the last.
        public func page(_ index: Int) async throws -> [DoseRegisterExportItem] {
            let offset = index * ExportDoseRegister.pageSize
            guard index >= 0, offset < ExportDoseRegister.maximumExams else { return [] }
            let limit = min(ExportDoseRegister.pageSize, ExportDoseRegister.maximumExams - offset)
            let coefficients = configuration.effectiveDoseCoefficients
            let zone = configuration.timeZone
            return try await store.transaction { unit in
                let records = try await unit.dose.records(matching: filter, offset: offset, limit: limit)
                var patients: [UUID: Patient] = [:]
                var regions: [String: BodyRegion?] = [:]
                var items: [DoseRegisterExportItem] = []
                for record in records {
                    let exam = try await unit.exams.get(record.examID)
                    if patients[record.patientID] == nil, let patient = try await unit.patients.get(record.patientID) {
                        patients[record.patientID] = patient
                    }
                    if regions[record.examCode] == nil {
                        regions[record.examCode] = try await unit.catalogue.get(code: record.examCode)?.bodyRegion
                    }
                    let region = regions[record.examCode] ?? nil
                    let patient = patients[record.patientID]
                    let age = patient?.age(on: CalendarDate(record.performedAt, in: zone))
                    let estimate = try? EffectiveDoseEstimate.estimate(
                        record, bodyRegion: region, ageYears: age, coefficients: coefficients
                    ).get()
                    items.append(
                        DoseRegisterExportItem(
                            record: record, accessionNumber: exam?.accessionNumber ?? "",
                            examName: exam?.examName ?? record.examCode, studyInstanceUID: exam?.studyInstanceUID,
                            bodyRegion: region, roomName: record.roomID.flatMap { rooms[$0] },
                            patientAgeYears: age, patientSex: patient?.sex, effectiveDose: estimate))
                }
                return items
            }
        }
    }

    /// Rows are read this many exams at a time.
    public static let pageSize = 500
    /// An export holds at most this many exams (a year of a busy department); narrow the filter for more.
    public static let maximumExams = 200_000
    /// The longest period one export covers, in days.
    public static let maximumDays = 3_660

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    /// Checks the filter (days in order, the period at most ``maximumDays``, the room known), audits the
    /// export and returns it, ready to read.
    public func start(_ command: Command, by actor: Actor) async throws -> Export {
        try environment.policy.require(actor, .viewDoseRegister)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            let configuration = try await environment.configuration(at: now, in: unit)
            let zone = configuration.timeZone
            let today = CalendarDate(now, in: zone)
            let lastDay = command.to ?? today
            let firstDay = command.from ?? lastDay.adding(days: -30)
            var problems: [FieldProblem] = []
            if firstDay > lastDay {
                problems.append(FieldProblem("from", "must be on or before the last day (\(lastDay.iso))"))
            } else if firstDay.days(until: lastDay) >= Self.maximumDays {
                problems.append(FieldProblem("to", "must be within \(Self.maximumDays) days of the first day"))
            }
            let rooms = try await unit.rooms.list()
            if let roomID = command.roomID, !rooms.contains(where: { $0.id == roomID }) {
                problems.append(FieldProblem("roomID", "is not a room of the department"))
            }
            guard problems.isEmpty else {
                throw DomainError.problems(
                    problems, fallback: .validationFailed, message: "The export's filter is not valid.")
            }
            let filter = DoseRegisterFilter(
                from: firstDay.start(in: zone), to: lastDay.adding(days: 1).start(in: zone),
                modality: command.modality, roomID: command.roomID)
            let names = Dictionary(rooms.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
            var what = ["performed \(firstDay.iso) to \(lastDay.iso)"]
            if let modality = command.modality { what.append("modality \(modality.rawValue)") }
            if let roomID = command.roomID { what.append("room \(names[roomID] ?? roomID.uuidString)") }
            try await unit.record(
                actor, "dose.exported", patientID: nil, examID: nil, at: now,
                "Exported the dose register (\(command.level.label.lowercased())): " + what.joined(separator: ", ")
                    + ".")
            return Export(
                filter: filter, level: command.level, firstDay: firstDay, lastDay: lastDay, rooms: names,
                configuration: configuration, store: environment.store)
        }
    }
}
