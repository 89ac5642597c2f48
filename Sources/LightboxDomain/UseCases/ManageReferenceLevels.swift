import Foundation

/// Diagnostic reference levels: the national table (start-up configuration, mapped to catalogue
/// codes), the local levels a physicist sets per exam type and room with sign-off (append-only
/// history; each applies from its date and every exam recorded from then is compared with it), and
/// the proposed local level of a room (the median of its last N exams of a type).
public struct ManageReferenceLevels: Sendable {
    /// A new local DRL (`effectiveFrom` now or later, never in the past, so what was applied stays explained).
    public struct SetCommand: Sendable, Codable, Equatable, ReferenceLevelFigures {
        public var examCode: String
        public var roomID: UUID?
        public var ctdiVolMilligray: Double?
        public var dlpMilligrayCm: Double?
        public var doseAreaProductGyCm2: Double?
        public var doseAreaProductPerRadiographGyCm2: Double?
        public var referencePointDoseMilligray: Double?
        public var fluoroscopySeconds: Double?
        public var averageGlandularDoseMilligray: Double?
        public var administeredActivityMBq: Double?
        /// Now when absent.
        public var effectiveFrom: Date?
        /// The staff id of the clinical scientist (MPE) who signed it off.
        public var signedOffBy: UUID
        public var reason: String

        public init(
            examCode: String, roomID: UUID? = nil, ctdiVolMilligray: Double? = nil, dlpMilligrayCm: Double? = nil,
            doseAreaProductGyCm2: Double? = nil, doseAreaProductPerRadiographGyCm2: Double? = nil,
            referencePointDoseMilligray: Double? = nil, fluoroscopySeconds: Double? = nil,
            averageGlandularDoseMilligray: Double? = nil, administeredActivityMBq: Double? = nil,
            effectiveFrom: Date? = nil, signedOffBy: UUID, reason: String
        ) {
            self.examCode = examCode
            self.roomID = roomID
            self.ctdiVolMilligray = ctdiVolMilligray
            self.dlpMilligrayCm = dlpMilligrayCm
            self.doseAreaProductGyCm2 = doseAreaProductGyCm2
            self.doseAreaProductPerRadiographGyCm2 = doseAreaProductPerRadiographGyCm2
            self.referencePointDoseMilligray = referencePointDoseMilligray
            self.fluoroscopySeconds = fluoroscopySeconds
            self.averageGlandularDoseMilligray = averageGlandularDoseMilligray
            self.administeredActivityMBq = administeredActivityMBq
            self.effectiveFrom = effectiveFrom
            self.signedOffBy = signedOffBy
            self.reason = reason
        }
    }

    /// Everything a physicist sees about the levels.
    public struct Levels: Sendable, Codable, Equatable {
        public var national: [DiagnosticReferenceLevel]
        /// The local levels in force now (one per exam code and room).
        public var localInForce: [LocalReferenceLevel]
        /// Every local level ever set, oldest first.
        public var history: [LocalReferenceLevel]

        public init(
            national: [DiagnosticReferenceLevel], localInForce: [LocalReferenceLevel], history: [LocalReferenceLevel]
        ) {
            self.national = national
            self.localInForce = localInForce
            self.history = history
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    /// The national table, the local levels in force and their history.
    public func levels(by actor: Actor) async throws -> Levels {
        try environment.policy.require(actor, .viewDoseRegister)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            let configuration = try await environment.configuration(at: now, in: unit)
            let history = try await unit.dose.localReferenceLevels()
            var current: [String: LocalReferenceLevel] = [:]
            for level in history where level.effectiveFrom <= now {
                let key = level.examCode + "|" + (level.roomID?.uuidString ?? "")
                if let known = current[key],
                    (known.effectiveFrom, known.recordedAt) > (level.effectiveFrom, level.recordedAt)
                {
                    continue
                }
                current[key] = level
            }
            return Levels(
                national: configuration.diagnosticReferenceLevels,
                localInForce: current.values.sorted {
                    ($0.examCode, $0.roomID?.uuidString ?? "") < ($1.examCode, $1.roomID?.uuidString ?? "")
                },
                history: history)
        }
    }

    /// Records a local DRL signed off by a clinical scientist; audited "dose.reference-level-set".
    public func set(_ command: SetCommand, by actor: Actor) async throws -> LocalReferenceLevel {
        try environment.policy.require(actor, .manageReferenceLevels)
        let now = environment.clock.now()
        let ids = environment.ids
        return try await environment.store.transaction { unit in
            var problems: [FieldProblem] = []
            let code = command.examCode.trimmed
            if code.isEmpty {
                problems.append(FieldProblem("examCode", "is required"))
            } else if try await unit.catalogue.get(code: code) == nil {
                problems.append(FieldProblem("examCode", "\(code) is not in the catalogue", code: .unknownExam))
            }
            if let roomID = command.roomID, try await unit.rooms.get(roomID) == nil {
                problems.append(FieldProblem("roomID", "no such room"))
            }
            problems += command.figureProblems
            let effectiveFrom = command.effectiveFrom ?? now
            if effectiveFrom < now.addingTimeInterval(-60) {
                problems.append(FieldProblem("effectiveFrom", "must be now or later, never in the past"))
            }
            let reason = command.reason.trimmed
            if reason.isEmpty { problems.append(FieldProblem("reason", "is required")) }
            var signer: StaffMember?
            if let member = try await unit.staff.get(command.signedOffBy) {
                if member.profession != .clinicalScientist {
                    problems.append(
                        FieldProblem(
                            "signedOffBy", "\(member.name.display) is not a clinical scientist (medical physics expert)"
                        ))
                }
                signer = member
            } else {
                problems.append(FieldProblem("signedOffBy", "no member of staff has this id"))
            }
            guard problems.isEmpty, let signer else {
                throw DomainError.problems(
                    problems, fallback: .validationFailed, message: "The local reference level cannot be set.")
            }
            let level = LocalReferenceLevel(
                id: ids.next(), examCode: code, roomID: command.roomID, ctdiVolMilligray: command.ctdiVolMilligray,
                dlpMilligrayCm: command.dlpMilligrayCm, doseAreaProductGyCm2: command.doseAreaProductGyCm2,
                doseAreaProductPerRadiographGyCm2: command.doseAreaProductPerRadiographGyCm2,
                referencePointDoseMilligray: command.referencePointDoseMilligray,
                fluoroscopySeconds: command.fluoroscopySeconds,
                averageGlandularDoseMilligray: command.averageGlandularDoseMilligray,
                administeredActivityMBq: command.administeredActivityMBq, effectiveFrom: effectiveFrom,
                signedOffBy: signer.id, signedOffByName: signer.name.display, recordedBy: actor.username,
                reason: reason,
                recordedAt: now)
            try await unit.dose.insert(level)
            let figures = level.levels.map { "\($0.0.label) \($0.1.clean) \($0.0.unitLabel)" }.joined(separator: ", ")
            try await unit.record(
                actor, "dose.reference-level-set", patientID: nil, examID: nil, at: now,
                "Local DRL for \(code)\(command.roomID.map { " in room \($0)" } ?? " (every room"): \(figures), "
                    + "from \(effectiveFrom.formatted(.iso8601)), signed off by \(signer.name.display): \(reason)")
            return level
        }
    }

    /// The proposed local DRL of a room for an exam type: per figure, the median of the room's last N
    /// exams of that type with a dose record, beside the national and the local level in force.
    public func propose(examCode: String, roomID: UUID, by actor: Actor) async throws -> ProposedReferenceLevel {
        try environment.policy.require(actor, .viewDoseRegister)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            let configuration = try await environment.configuration(at: now, in: unit)
            let sampleSize = configuration.doseThresholds.localLevelSampleSize
            let records = try await unit.dose.records(
                examCode: examCode, roomID: roomID, from: nil, to: nil, limit: sampleSize
            ).filter { $0.source != nil }
            let builder = DoseRecordBuilder(
                thresholds: configuration.doseThresholds, nationalLevels: configuration.diagnosticReferenceLevels,
                localLevels: try await unit.dose.localReferenceLevels())
            let local = builder.localLevel(examCode: examCode, roomID: roomID, at: now)
            let national = configuration.diagnosticReferenceLevels.first { $0.examCodes.contains(examCode) }
            var figures: [ProposedReferenceLevel.Figure] = []
            for metric in DoseMetric.allCases {
                let values = records.compactMap { metric.value(in: $0.totals) }
                guard let median = ProposedReferenceLevel.median(values) else { continue }
                figures.append(
                    .init(
                        metric: metric, median: median, exams: values.count,
                        national: national?.levels.first { $0.0 == metric }?.1,
                        localInForce: local?.levels.first { $0.0 == metric }?.1))
            }
            return ProposedReferenceLevel(
                examCode: examCode, roomID: roomID, sampleSize: sampleSize, examsFound: records.count, figures: figures)
        }
    }
}
