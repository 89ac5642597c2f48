import Foundation

/// An incident or near miss in the department (DOMAIN.md "Incidents and near misses"): its category, the exam,
/// patient, staff and room it involved, what happened and what was done at once, the investigation, the dose
/// incident (SAUE) case where an exposure is in question, and the duty-of-candour contacts with their times.
public struct Incident: Sendable, Codable, Equatable, Identifiable {
    /// A member of staff involved, named as they were when the incident was reported.
    public struct StaffInvolved: Sendable, Codable, Equatable {
        public var staffID: UUID
        public var name: String

        public init(staffID: UUID, name: String) {
            self.staffID = staffID
            self.name = name
        }
    }

    /// An incident's contacts are bounded: at most this many.
    public static let maximumContacts = 50
    /// At most this many staff are named on one incident.
    public static let maximumStaff = 20
    /// The longest text of any one field.
    public static let maximumTextLength = 4_000

    public var id: UUID
    public var kind: IncidentKind
    /// The category's code and its label as it was when reported.
    public var category: String
    public var categoryLabel: String
    public var occurredAt: Date
    public var roomID: UUID?
    public var roomName: String?
    public var examID: UUID?
    public var accessionNumber: String?
    public var examName: String?
    public var modality: Modality?
    /// The patient involved (the exam's patient when an exam is linked).
    public var patientID: UUID?
    public var staff: [StaffInvolved]
    public var whatHappened: String
    public var immediateActions: String
    public var reportedAt: Date
    public var reportedBy: String
    public var reportedByStaffID: UUID?
    public var investigation: IncidentInvestigation?
    /// The dose incident (SAUE) case opened from, or linked to, this incident.
    public var saueCaseID: UUID?
    public var contacts: [CandourContact]

    public init(
        id: UUID, kind: IncidentKind, category: String, categoryLabel: String, occurredAt: Date, roomID: UUID? = nil,
        roomName: String? = nil, examID: UUID? = nil, accessionNumber: String? = nil, examName: String? = nil,
        modality: Modality? = nil, patientID: UUID? = nil, staff: [StaffInvolved] = [], whatHappened: String,
        immediateActions: String, reportedAt: Date, reportedBy: String, reportedByStaffID: UUID? = nil,
        investigation: IncidentInvestigation? = nil, saueCaseID: UUID? = nil, contacts: [CandourContact] = []
    ) {
        self.id = id
        self.kind = kind
        self.category = category
        self.categoryLabel = categoryLabel
        self.occurredAt = occurredAt
        self.roomID = roomID
        self.roomName = roomName
        self.examID = examID
        self.accessionNumber = accessionNumber
        self.examName = examName
        self.modality = modality
        self.patientID = patientID
        self.staff = staff
        self.whatHappened = whatHappened
        self.immediateActions = immediateActions
        self.reportedAt = reportedAt
        self.reportedBy = reportedBy
        self.reportedByStaffID = reportedByStaffID
        self.investigation = investigation
        self.saueCaseID = saueCaseID
        self.contacts = contacts
    }

    public var status: IncidentStatus {
        guard let investigation else { return .reported }
        return investigation.closedAt == nil ? .underInvestigation : .closed
    }

    /// A short reference staff quote (no patient in it).
    public var reference: String {
        "INC-\(CalendarDate(reportedAt, in: TimeZone(secondsFromGMT: 0) ?? .current).year)-" + id.uuidString.prefix(8)
    }

    /// The parties of the duty of candour not yet contacted: the patient only when one is named, the referrer and
    /// the practitioner only when an exam is linked. A near miss reached no one: nobody is owed contact.
    public var candourOutstanding: [CandourParty] {
        guard kind == .incident else { return [] }
        var owed: [CandourParty] = []
        if examID != nil { owed += [.referrer, .practitioner] }
        if patientID != nil { owed.append(.patient) }
        return owed.filter { party in !contacts.contains { $0.party == party } }
    }
}
