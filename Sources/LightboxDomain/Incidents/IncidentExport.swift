import Foundation

/// The incident log for a period, as the manager sends it on (the trust's risk team, a regulator, a learning
/// review): one row per incident. The de-identified variant carries no patient identifier: no name, NHS or hospital
/// number, date of birth or accession number, and those of the patient are struck out of the free text.
public struct IncidentExport: Sendable, Codable, Equatable {
    /// One incident.
    public struct Row: Sendable, Codable, Equatable {
        public var reference: String
        public var kind: String
        public var category: String
        public var status: String
        public var occurredAt: Date
        public var reportedAt: Date
        public var room: String?
        public var modality: Modality?
        public var examName: String?
        /// Only in the identifiable variant.
        public var accessionNumber: String?
        public var patientName: String?
        public var nhsNumber: String?
        public var hospitalNumber: String?
        public var dateOfBirth: CalendarDate?
        public var staff: [String]
        public var whatHappened: String
        public var immediateActions: String
        public var investigationOwner: String?
        public var findings: String?
        public var actions: String?
        public var closure: String?
        public var closedAt: Date?
        public var saueReference: String?
        public var saueStatus: String?
        /// Each contact as "party: when, by whom (how)".
        public var candourContacts: [String]
        /// The parties not told, by label.
        public var candourOutstanding: [String]
        public var candourNotNeededReason: String?

        public init(
            reference: String, kind: String, category: String, status: String, occurredAt: Date, reportedAt: Date,
            room: String?, modality: Modality?, examName: String?, accessionNumber: String?, patientName: String?,
            nhsNumber: String?, hospitalNumber: String?, dateOfBirth: CalendarDate?, staff: [String],
            whatHappened: String, immediateActions: String, investigationOwner: String?, findings: String?,
            actions: String?, closure: String?, closedAt: Date?, saueReference: String?, saueStatus: String?,
            candourContacts: [String], candourOutstanding: [String], candourNotNeededReason: String?
        ) {
            self.reference = reference
            self.kind = kind
            self.category = category
            self.status = status
            self.occurredAt = occurredAt
            self.reportedAt = reportedAt
            self.room = room
            self.modality = modality
            self.examName = examName
            self.accessionNumber = accessionNumber
            self.patientName = patientName
            self.nhsNumber = nhsNumber
            self.hospitalNumber = hospitalNumber
            self.dateOfBirth = dateOfBirth
            self.staff = staff
            self.whatHappened = whatHappened
            self.immediateActions = immediateActions
            self.investigationOwner = investigationOwner
            self.findings = findings
            self.actions = actions
            self.closure = closure
            self.closedAt = closedAt
            self.saueReference = saueReference
            self.saueStatus = saueStatus
            self.candourContacts = candourContacts
            self.candourOutstanding = candourOutstanding
            self.candourNotNeededReason = candourNotNeededReason
        }
    }

    /// Whether the rows carry the patients' identifiers.
    public var identifiable: Bool
    public var rows: [Row]

    public init(identifiable: Bool, rows: [Row]) {
        self.identifiable = identifiable
        self.rows = rows
    }
}
