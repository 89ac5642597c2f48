import Foundation

/// Records a duty-of-candour contact on an incident: the referrer, the practitioner or the patient (or their
/// representative) told what happened, when, by whom and how (IR(ME)R 2017 reg. 8(3); Health and Social Care Act
/// 2008 (Regulated Activities) Regulations 2014 reg. 20). The referrer's name is taken from the linked exam when not
/// given. Audited (`incident.candour-contact`) against the patient.
public struct RecordCandourContact: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var incidentID: UUID
        public var party: CandourParty
        /// Who was told; for the referrer, the exam's referrer when absent; for the patient, their representative's
        /// name when it was not the patient.
        public var contactName: String?
        public var contactedAt: Date
        /// The member of staff who made the contact; the signed-in person when absent.
        public var contactedByStaffID: UUID?
        public var method: String
        public var notes: String?

        public init(
            incidentID: UUID, party: CandourParty, contactName: String? = nil, contactedAt: Date,
            contactedByStaffID: UUID? = nil, method: String, notes: String? = nil
        ) {
            self.incidentID = incidentID
            self.party = party
            self.contactName = contactName
            self.contactedAt = contactedAt
            self.contactedByStaffID = contactedByStaffID
            self.method = method
            self.notes = notes
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<Incident> {
        try environment.policy.require(actor, .manageIncidents)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            var incident = try await unit.openIncident(command.incidentID)
            var problems: [FieldProblem] = []
            if command.contactedAt > now {
                problems.append(FieldProblem("contactedAt", "must not be in the future"))
            } else if command.contactedAt < incident.occurredAt {
                problems.append(FieldProblem("contactedAt", "is before the incident happened"))
            }
            if incident.contacts.count >= Incident.maximumContacts {
                problems.append(FieldProblem("party", "the incident already has \(Incident.maximumContacts) contacts"))
            }
            var contactName = IncidentText.optional(command.contactName)
            switch command.party {
            case .patient:
                if incident.patientID == nil {
                    problems.append(FieldProblem("party", "no patient is named on this incident"))
                }
            case .referrer:
                if contactName == nil, let examID = incident.examID, let exam = try await unit.exams.get(examID),
                    let referrer = try await unit.referrers.get(exam.referrerID)
                {
                    contactName =
                        ([referrer.name.prefix].compactMap { $0 } + referrer.name.given + [referrer.name.family])
                        .joined(separator: " ")
                }
                if contactName == nil { problems.append(FieldProblem("contactName", "name the referrer told")) }
            case .practitioner:
                if contactName == nil, let examID = incident.examID, let exam = try await unit.exams.get(examID),
                    let practitionerID = exam.justification?.staffID,
                    let practitioner = try await unit.staff.get(practitionerID)
                {
                    contactName = practitioner.displayName
                }
                if contactName == nil { problems.append(FieldProblem("contactName", "name the practitioner told")) }
            }
            let (member, problem) = try await unit.activeStaff(
                command.contactedByStaffID ?? actor.staffID, field: "contactedByStaffID",
                missing: "name the member of staff who made the contact")
            problems += problem.map { [$0] } ?? []
            let method = command.method.trimmed
            problems += IncidentText.problems("method", method, required: "say how they were told")
            let notes = IncidentText.optional(command.notes)
            problems += IncidentText.problems("notes", notes ?? "", required: nil)
            problems += IncidentText.problems("contactName", contactName ?? "", required: nil)
            guard problems.isEmpty, let member else {
                throw DomainError(.validationFailed, "The contact is not complete.", fields: problems)
            }
            let contact = CandourContact(
                party: command.party, contactName: contactName, contactedAt: command.contactedAt,
                contactedByStaffID: member.id, contactedByName: member.displayName, method: method, notes: notes,
                recordedBy: actor.username, recordedAt: now)
            incident.contacts.append(contact)
            try await unit.incidents.update(incident)
            try await unit.record(
                actor, "incident.candour-contact", patientID: incident.patientID, examID: incident.examID, at: now,
                "\(incident.reference): \(command.party.label) told by \(member.displayName) (\(method)) at "
                    + command.contactedAt.formatted(.iso8601))
            return Outcome(
                incident,
                events: [DomainEvent(name: "incident.candour-contact", subjectID: incident.id.uuidString, at: now)])
        }
    }
}
