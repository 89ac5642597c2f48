import Foundation

/// A referrer's request for an exam. Refused, with every missing or wrong item named, unless it
/// carries enough identifiers matching a registered patient, a catalogue exam (and side), the
/// clinical question, an identifiable referrer whose scope covers the exam, the priority, the
/// pregnancy status where relevant, and for research the ethics reference and dose constraint.
public struct CreateRequest: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        /// The registered patient; when absent, found from the NHS number or hospital number given.
        public var patientID: UUID?
        public var identifiers: RequestIdentifiers
        public var examCode: String?
        public var laterality: Laterality?
        public var clinicalQuestion: String?
        public var referrerID: UUID?
        public var priority: Priority?
        public var patientSource: PatientSource?
        public var location: String?
        public var pregnancyStatus: PregnancyAnswer?
        public var research: ResearchDetails?
        /// Identifies the referrer by professional registration number (GMC, NMC, HCPC...) when `referrerID`
        /// is not given, as ordering systems do (HL7 ORC-12).
        public var referrerRegistrationNumber: String?
        /// The ordering system's order number; unique, so a later cancellation finds the exam.
        public var placerOrderNumber: String?
        public var fillerOrderNumber: String?

        public init(
            patientID: UUID? = nil, identifiers: RequestIdentifiers, examCode: String?, laterality: Laterality? = nil,
            clinicalQuestion: String?, referrerID: UUID?, priority: Priority?, patientSource: PatientSource? = nil,
            location: String? = nil, pregnancyStatus: PregnancyAnswer? = nil, research: ResearchDetails? = nil,
            referrerRegistrationNumber: String? = nil, placerOrderNumber: String? = nil,
            fillerOrderNumber: String? = nil
        ) {
            self.patientID = patientID
            self.identifiers = identifiers
            self.examCode = examCode
            self.laterality = laterality
            self.clinicalQuestion = clinicalQuestion
            self.referrerID = referrerID
            self.priority = priority
            self.patientSource = patientSource
            self.location = location
            self.pregnancyStatus = pregnancyStatus
            self.research = research
            self.referrerRegistrationNumber = referrerRegistrationNumber
            self.placerOrderNumber = placerOrderNumber
            self.fillerOrderNumber = fillerOrderNumber
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<Exam> {
        try environment.policy.require(actor, .createRequest)
        let now = environment.clock.now()
        let id = environment.ids.next()
        return try await environment.store.transaction { unit in
            let configuration = try await environment.configuration(at: now, in: unit)
            let rules = RequestRules(configuration: configuration)
            var problems = rules.identifierProblems(command.identifiers)

            let patient = try await Self.resolvePatient(command, unit)
            if let patient, let survivor = patient.mergedInto {
                problems.append(
                    FieldProblem(
                        "patientID", "this record was merged into patient \(survivor); request against that record",
                        code: .patientMerged))
            }
            if let patient {
                problems += rules.mismatches(command.identifiers, patient)
            } else {
                problems.append(FieldProblem("patientID", "no registered patient matches the identifiers given"))
            }

            var entry: CatalogueEntry?
            if let code = command.examCode?.trimmed, !code.isEmpty {
                entry = try await unit.catalogue.get(code: code)
                if entry == nil || entry?.active == false {
                    problems.append(
                        FieldProblem("examCode", "\(code) is not an exam in the catalogue", code: .unknownExam))
                    entry = nil
                }
            } else {
                problems.append(FieldProblem("examCode", "say which exam is requested"))
            }
            var laterality = command.laterality ?? .notApplicable
            if let entry {
                if entry.lateralityRequired && (command.laterality == nil || command.laterality == .notApplicable) {
                    problems.append(FieldProblem("laterality", "say which side: left, right or bilateral"))
                }
                if !entry.lateralityRequired { laterality = .notApplicable }
            }
            if (command.clinicalQuestion ?? "").trimmed.isEmpty {
                problems.append(
                    FieldProblem("clinicalQuestion", "the clinical question is needed to justify the exposure"))
            }
            let referrer: Referrer?
            if let own = actor.referrerID {
                // An account linked to a referrer requests as that referrer and never as another.
                problems += try await Self.ownReferrerProblems(command, own: own, unit)
                referrer = try await unit.referrers.get(own)
                problems += rules.referrerProblems(referrer, id: own, entry: entry, at: now)
            } else if actor.role == .referrer || !Self.namesReferrer(actor) {
                referrer = nil
                problems.append(
                    FieldProblem(
                        "referrerID",
                        "only integration accounts and the HL7 and FHIR doors name the referrer; this account is not "
                            + "linked to the referrer it requests as", code: .referrerNotOwn))
            } else if let referrerID = command.referrerID {
                referrer = try await unit.referrers.get(referrerID)
                problems += rules.referrerProblems(referrer, id: referrerID, entry: entry, at: now)
            } else if let number = command.referrerRegistrationNumber?.trimmed, !number.isEmpty {
                referrer = try await unit.referrers.find(registrationNumber: number)
                if referrer == nil {
                    problems.append(
                        FieldProblem("referrerID", "no known referrer has registration number \(number)"))
                } else {
                    problems += rules.referrerProblems(referrer, id: referrer?.id, entry: entry, at: now)
                }
            } else {
                referrer = nil
                problems += rules.referrerProblems(nil, id: nil, entry: entry, at: now)
            }
            if let placer = command.placerOrderNumber?.trimmed, !placer.isEmpty,
                try await unit.orderNumbers.examID(placerOrderNumber: placer) != nil
            {
                problems.append(
                    FieldProblem(
                        "placerOrderNumber", "order \(placer) has already been received", code: .duplicate))
            }
            if command.priority == nil {
                problems.append(FieldProblem("priority", "say routine, urgent, inpatient, emergency or two-week-wait"))
            }
            if let patient, let entry, command.pregnancyStatus == nil,
                PregnancyRules(configuration: configuration).enquiryRequired(
                    for: patient, entry, on: CalendarDate(now, in: configuration.timeZone))
            {
                problems.append(
                    FieldProblem(
                        "pregnancyStatus",
                        "needed for \(entry.name) in a patient who may be pregnant (aged "
                            + "\(PregnancyRules(configuration: configuration).ageRangeText))"))
            }
            problems += rules.researchProblems(command.research)

            guard problems.isEmpty, let patient, let entry, let referrer, let priority = command.priority else {
                // Too few identifiers is the headline whatever else is wrong; otherwise the shared
                // code of the problems, or "incomplete" when they differ.
                let code =
                    problems.contains { $0.code == .requestMissingIdentifiers }
                    ? .requestMissingIdentifiers
                    : DomainError.problems(problems, fallback: .requestIncomplete, message: "").code
                let count = problems.count == 1 ? "needs" : "need"
                throw DomainError(
                    code,
                    "The request cannot be accepted: \(problems.map(\.field).joined(separator: ", ")) \(count) attention.",
                    fields: problems)
            }
            var exam = Exam(
                id: id, accessionNumber: Exam.accessionNumber(for: id), patientID: patient.id,
                referrerID: referrer.id, examCode: entry.code, examName: entry.name, modality: entry.modality,
                bodyRegion: entry.bodyRegion, laterality: laterality,
                clinicalQuestion: (command.clinicalQuestion ?? "").trimmed, priority: priority,
                patientSource: command.patientSource, location: command.location,
                pregnancyStatusOnRequest: command.pregnancyStatus, research: command.research,
                requestIdentifiers: command.identifiers, requestedAt: now,
                placerOrderNumber: command.placerOrderNumber?.trimmed.nilIfEmpty,
                fillerOrderNumber: command.fillerOrderNumber?.trimmed.nilIfEmpty)
            exam.history.append(
                ExamStep(action: nil, from: nil, to: .requested, at: now, actor: actor, roomID: nil, note: nil))
            try await unit.exams.insert(exam)
            if let placer = exam.placerOrderNumber {
                try await unit.orderNumbers.insert(placerOrderNumber: placer, examID: id)
            }
            try await unit.record(
                actor, "exam.requested", patientID: patient.id, examID: id, at: now,
                "\(entry.name) (\(entry.code)) requested by \(referrer.name.display), priority \(priority.rawValue)")
            return Outcome(
                exam,
                events: [
                    DomainEvent(name: "exam.requested", patientID: patient.id, examID: id, toState: .requested, at: now)
                ])
        }
    }

    /// Whether the actor may say who the referrer is: ordering systems (an integration account, or
    /// a message through the HL7 or FHIR door) carry the referrer of the order they pass on.
    static func namesReferrer(_ actor: Actor) -> Bool {
        actor.role == .integration || actor.door == .hl7 || actor.door == .fhir
    }

    /// The problem when a command names a referrer other than the actor's own.
    static func ownReferrerProblems(_ command: Command, own: UUID, _ unit: any UnitOfWork) async throws
        -> [FieldProblem]
    {
        var named = command.referrerID.map { $0 != own } ?? false
        if let number = command.referrerRegistrationNumber?.trimmed, !number.isEmpty {
            let found = try await unit.referrers.find(registrationNumber: number)
            named = named || found?.id != own
        }
        guard named else { return [] }
        return [
            FieldProblem(
                "referrerID", "a referrer's account requests only as that referrer, never as another",
                code: .referrerNotOwn)
        ]
    }

    static func resolvePatient(_ command: Command, _ unit: any UnitOfWork) async throws -> Patient? {
        if let id = command.patientID { return try await unit.patients.get(id) }
        if let text = command.identifiers.nhsNumber, let number = try? NHSNumber(text),
            let found = try await unit.patients.find(nhsNumber: number)
        {
            return found
        }
        if let hospitalNumber = command.identifiers.hospitalNumber {
            return try await unit.patients.find(hospitalNumber: hospitalNumber)
        }
        return nil
    }
}
