import Foundation

/// The operator types the exam's dose figures on the exam screen (the source of last resort: the
/// register prefers the RDSR, MPPS and image headers when they arrive). Each figure carries its
/// unit, converted to the register's; a unit that does not fit the figure, or a value outside the
/// plausible range configured for it (`DoseThresholds.plausible…`), is refused with the field named
/// and nothing is stored. A second entry replaces the first (both are in the audit log).
public struct RecordDoseEntry: Sendable {
    /// A typed number and the unit it was typed in.
    public struct Value: Sendable, Codable, Equatable {
        public var value: Double
        public var unit: String

        public init(_ value: Double, _ unit: String) {
            self.value = value
            self.unit = unit
        }
    }

    public struct Command: Sendable, Codable, Equatable {
        public var examID: UUID
        public var doseAreaProduct: Value?
        public var referencePointDose: Value?
        public var fluoroscopyTime: Value?
        public var numberOfExposures: Int?
        /// Tube voltage, kV, and current-time product, mA·s (of the exposure, or typical of them).
        public var kilovolts: Double?
        public var milliampereSeconds: Double?
        public var ctdiVol: Value?
        /// CTDIw phantom diameter, cm: 16 or 32.
        public var phantomDiameterCm: Int?
        public var dlp: Value?
        public var averageGlandularDoseLeft: Value?
        public var averageGlandularDoseRight: Value?
        public var administeredActivity: Value?
        public var radiopharmaceutical: String?
        /// Peak skin dose, where the unit's skin dose map gives it (interventional).
        public var peakSkinDose: Value?

        public init(
            examID: UUID, doseAreaProduct: Value? = nil, referencePointDose: Value? = nil,
            fluoroscopyTime: Value? = nil, numberOfExposures: Int? = nil, kilovolts: Double? = nil,
            milliampereSeconds: Double? = nil, ctdiVol: Value? = nil, phantomDiameterCm: Int? = nil,
            dlp: Value? = nil, averageGlandularDoseLeft: Value? = nil, averageGlandularDoseRight: Value? = nil,
            administeredActivity: Value? = nil, radiopharmaceutical: String? = nil, peakSkinDose: Value? = nil
        ) {
            self.peakSkinDose = peakSkinDose
            self.examID = examID
            self.doseAreaProduct = doseAreaProduct
            self.referencePointDose = referencePointDose
            self.fluoroscopyTime = fluoroscopyTime
            self.numberOfExposures = numberOfExposures
            self.kilovolts = kilovolts
            self.milliampereSeconds = milliampereSeconds
            self.ctdiVol = ctdiVol
            self.phantomDiameterCm = phantomDiameterCm
            self.dlp = dlp
            self.averageGlandularDoseLeft = averageGlandularDoseLeft
            self.averageGlandularDoseRight = averageGlandularDoseRight
            self.administeredActivity = administeredActivity
            self.radiopharmaceutical = radiopharmaceutical
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<Exam> {
        try environment.policy.require(actor, .performExam)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            let exam = try await unit.exam(command.examID)
            guard exam.performance != nil else {
                throw DomainError(
                    .transitionNotAllowed,
                    "Dose figures are recorded once the exam has started (it is \(exam.state.label)).")
            }
            let configuration = try await environment.configuration(at: now, in: unit)
            var report = try Self.report(command, thresholds: configuration.doseThresholds, exam: exam)
            report.receivedAt = now
            report.receivedFrom = actor.username
            try await unit.dose.save(report)
            let (saved, alerts) = try await unit.refreshDoseRecord(
                examID: exam.id, configuration: configuration, ids: environment.ids, actor: actor, at: now,
                detail: "Dose figures entered by \(actor.username).")
            let events =
                [DomainEvent(name: "dose.recorded", patientID: exam.patientID, examID: exam.id, at: now)]
                + alerts.map { _ in
                    DomainEvent(name: "dose.alert-raised", patientID: exam.patientID, examID: exam.id, at: now)
                }
            return Outcome(saved, events: events)
        }
    }

    /// The key of an exam's entry report (one per exam; a new entry replaces it).
    public static func entryUID(_ examID: UUID) -> String { "entry:\(examID.uuidString)" }

    /// The entry as a report, or every problem at once.
    static func report(_ command: Command, thresholds: DoseThresholds, exam: Exam) throws -> DoseReport {
        var problems: [FieldProblem] = []
        func convert(_ field: String, _ typed: Value?, _ metric: DoseMetric, _ plausible: ClosedRange<Double>)
            -> Double?
        {
            guard let typed else { return nil }
            guard typed.value.isFinite else {
                problems.append(FieldProblem("\(field).value", "must be a number"))
                return nil
            }
            guard let value = DoseUnit.convert(typed.value, unit: typed.unit, to: metric) else {
                let units = DoseUnit.factors(for: metric).keys.sorted().joined(separator: ", ")
                problems.append(
                    FieldProblem(
                        "\(field).unit", "'\(typed.unit)' is not a unit of \(metric.label.lowercased()); use \(units)"))
                return nil
            }
            return plain(field, value, plausible, metric.unitLabel)
        }
        func plain(_ field: String, _ value: Double?, _ plausible: ClosedRange<Double>, _ unit: String) -> Double? {
            guard let value else { return nil }
            guard value.isFinite, plausible.contains(value) else {
                problems.append(
                    FieldProblem(
                        field,
                        "\(value.clean) \(unit) is outside the plausible range \(plausible.lowerBound.clean)–"
                            + "\(plausible.upperBound.clean) \(unit); check the figure and its unit"))
                return nil
            }
            return value
        }
        var totals = DoseRecordTotals()
        totals.doseAreaProductGyCm2 = convert(
            "doseAreaProduct", command.doseAreaProduct, .doseAreaProduct, thresholds.plausibleDoseAreaProductGyCm2)
        totals.referencePointDoseMilligray = convert(
            "referencePointDose", command.referencePointDose, .referencePointDose,
            thresholds.plausibleReferencePointDoseMilligray)
        totals.fluoroscopySeconds = convert(
            "fluoroscopyTime", command.fluoroscopyTime, .fluoroscopyTime, thresholds.plausibleFluoroscopySeconds)
        if let count = command.numberOfExposures {
            if count < 0 || count > 100_000 {
                problems.append(FieldProblem("numberOfExposures", "must be between 0 and 100000"))
            } else {
                totals.numberOfExposures = count
            }
        }
        let kilovolts = plain("kilovolts", command.kilovolts, thresholds.plausibleKilovolts, "kV")
        let milliampereSeconds = plain(
            "milliampereSeconds", command.milliampereSeconds, thresholds.plausibleMilliampereSeconds, "mA·s")
        totals.ctdiVolMilligray = convert("ctdiVol", command.ctdiVol, .ctdiVol, thresholds.plausibleCTDIVolMilligray)
        if let phantom = command.phantomDiameterCm {
            if phantom == 16 || phantom == 32 {
                totals.ctdiVolPhantomDiameterCm = phantom
            } else {
                problems.append(FieldProblem("phantomDiameterCm", "must be 16 (head) or 32 (body)"))
            }
        } else if totals.ctdiVolMilligray != nil {
            problems.append(FieldProblem("phantomDiameterCm", "say which phantom the CTDIvol refers to: 16 or 32 cm"))
        }
        totals.dlpMilligrayCm = convert("dlp", command.dlp, .dlp, thresholds.plausibleDLPMilligrayCm)
        for (field, typed, side) in [
            ("averageGlandularDoseLeft", command.averageGlandularDoseLeft, "left"),
            ("averageGlandularDoseRight", command.averageGlandularDoseRight, "right"),
        ] {
            if let value = convert(
                field, typed, .averageGlandularDose, thresholds.plausibleAverageGlandularDoseMilligray)
            {
                totals.averageGlandularDose.append(BreastGlandularDose(laterality: side, milligray: value))
            }
        }
        totals.administeredActivityMBq = convert(
            "administeredActivity", command.administeredActivity, .administeredActivity,
            thresholds.plausibleAdministeredActivityMBq)
        totals.peakSkinDoseMilligray = convert(
            "peakSkinDose", command.peakSkinDose, .peakSkinDose, thresholds.plausibleReferencePointDoseMilligray)
        totals.radiopharmaceutical = command.radiopharmaceutical?.trimmed.nilIfEmpty
        if totals.administeredActivityMBq != nil, totals.radiopharmaceutical == nil {
            problems.append(FieldProblem("radiopharmaceutical", "name the radiopharmaceutical given"))
        }
        guard problems.isEmpty else {
            throw DomainError.problems(
                problems, fallback: .validationFailed, message: "The dose figures cannot be recorded.")
        }
        var events: [DoseEvent] = []
        if kilovolts != nil || milliampereSeconds != nil {
            var event = DoseEvent()
            event.uid = "entry"
            event.kilovolts = kilovolts
            event.milliampereSeconds = milliampereSeconds
            event.ctdiVolMilligray = totals.ctdiVolMilligray
            event.phantomDiameterCm = totals.ctdiVolPhantomDiameterCm
            events.append(event)
        }
        let hasFigure =
            DoseRecordBuilder.comparedMetrics.contains { $0.value(in: totals) != nil }
            || totals.numberOfExposures != nil
            || !events.isEmpty
        guard hasFigure else {
            throw DomainError(
                .validationFailed, "Enter at least one dose figure.",
                fields: [FieldProblem("doseAreaProduct", "enter at least one dose figure")])
        }
        let procedure = DoseProcedure(modality: exam.modality)
        return DoseReport(
            source: .entry, sourceUID: entryUID(exam.id), procedure: procedure, examID: exam.id,
            studyInstanceUID: exam.studyInstanceUID, accessionNumber: exam.accessionNumber,
            modality: exam.modality.rawValue,
            equipment: DoseEquipment(modelName: exam.performance?.equipment), totals: totals, events: events,
            receivedAt: Date(timeIntervalSince1970: 0), receivedFrom: "")
    }
}
