import Foundation

/// Reports an incident or near miss (DOMAIN.md "Incidents and near misses"): its category from the department's
/// list, when it happened, the exam (by id or accession number), patient, staff and room involved, what happened and
/// the immediate actions. Anyone who works in the department may report; the exam's patient and room are taken from
/// the record. Audited (`incident.reported`) against the patient and exam.
public struct ReportIncident: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var kind: IncidentKind
        /// A code of `DepartmentConfiguration.incidentCategories`.
        public var category: String
        /// When it happened; now when absent.
        public var occurredAt: Date?
        public var roomID: UUID?
        public var examID: UUID?
        /// The exam by its accession number, as staff know it (instead of `examID`).
        public var accessionNumber: String?
        /// The patient, when no exam is linked (a fall in the waiting room); must be the exam's patient otherwise.
        public var patientID: UUID?
        public var staffIDs: [UUID]
        public var whatHappened: String
        public var immediateActions: String

        public init(
            kind: IncidentKind, category: String, occurredAt: Date? = nil, roomID: UUID? = nil, examID: UUID? = nil,
            accessionNumber: String? = nil, patientID: UUID? = nil, staffIDs: [UUID] = [], whatHappened: String,
            immediateActions: String
        ) {
            self.kind = kind
            self.category = category
            self.occurredAt = occurredAt
            self.roomID = roomID
            self.examID = examID
            self.accessionNumber = accessionNumber
            self.patientID = patientID
            self.staffIDs = staffIDs
            self.whatHappened = whatHappened
            self.immediateActions = immediateActions
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<Incident> {
        try environment.policy.require(actor, .reportIncident)
        let now = environment.clock.now()
        let id = environment.ids.next()
        return try await environment.store.transaction { unit in
            let configuration = try await environment.configuration(at: now, in: unit)
            var problems: [FieldProblem] = []
            let category = configuration.incidentCategories.first { $0.code == command.category }
            if category == nil {
                problems.append(
                    FieldProblem(
                        "category",
                        command.category.trimmed.isEmpty
                            ? "choose a category"
                            : "'\(command.category)' is not on the department's list ("
                                + configuration.incidentCategories.map(\.code).joined(separator: ", ") + ")"))
            }
            let occurredAt = command.occurredAt ?? now
            if occurredAt > now { problems.append(FieldProblem("occurredAt", "must not be in the future")) }
            let whatHappened = command.whatHappened.trimmed
            let immediateActions = command.immediateActions.trimmed
            problems += IncidentText.problems("whatHappened", whatHappened, required: "say what happened")
            problems += IncidentText.problems(
                "immediateActions", immediateActions, required: "say what was done at once (or that nothing was needed)"
            )

            var exam: Exam?
            if let examID = command.examID {
                exam = try await unit.exams.get(examID)
                if exam == nil { problems.append(FieldProblem("examID", "no exam has this id")) }
            } else if let accession = command.accessionNumber?.trimmed, !accession.isEmpty {
                exam = try await unit.exams.find(accessionNumber: accession)
                if exam == nil { problems.append(FieldProblem("accessionNumber", "no exam has this accession number")) }
            }
            var patientID = exam?.patientID
            if let given = command.patientID {
                if let exam, exam.patientID != given {
                    problems.append(FieldProblem("patientID", "is not the patient of exam \(exam.accessionNumber)"))
                } else if try await unit.patients.get(given) == nil {
                    problems.append(FieldProblem("patientID", "no patient has this id"))
                } else {
                    patientID = given
                }
            }
            var room: Room?
            if let roomID = command.roomID ?? exam?.booking?.roomID {
                room = try await unit.rooms.get(roomID)
                if room == nil { problems.append(FieldProblem("roomID", "no room has this id")) }
            }
            var staff: [Incident.StaffInvolved] = []
            var seen = Set<UUID>()
            for staffID in command.staffIDs where seen.insert(staffID).inserted {
                if let member = try await unit.staff.get(staffID) {
                    staff.append(Incident.StaffInvolved(staffID: member.id, name: member.displayName))
                } else {
                    problems.append(FieldProblem("staffIDs", "no member of staff has the id \(staffID)"))
                }
            }
            if seen.count > Incident.maximumStaff {
                problems.append(FieldProblem("staffIDs", "name at most \(Incident.maximumStaff) members of staff"))
            }
            guard problems.isEmpty, let category else {
                throw DomainError(.validationFailed, "The incident report is not complete.", fields: problems)
            }
            let incident = Incident(
                id: id, kind: command.kind, category: category.code, categoryLabel: category.label,
                occurredAt: occurredAt, roomID: room?.id, roomName: room?.name, examID: exam?.id,
                accessionNumber: exam?.accessionNumber, examName: exam?.examName, modality: exam?.modality,
                patientID: patientID, staff: staff, whatHappened: whatHappened, immediateActions: immediateActions,
                reportedAt: now, reportedBy: actor.username, reportedByStaffID: actor.staffID)
            try await unit.incidents.insert(incident)
            try await unit.record(
                actor, "incident.reported", patientID: patientID, examID: exam?.id, at: now,
                "\(incident.reference) \(incident.kind.label.lowercased()) (\(category.label)): \(whatHappened)")
            return Outcome(
                incident, events: [DomainEvent(name: "incident.reported", subjectID: id.uuidString, at: now)])
        }
    }
}
