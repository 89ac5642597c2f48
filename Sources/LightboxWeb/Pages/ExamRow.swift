import Foundation
import LightboxDomain

/// One exam in a list on a page: who, what, where it is on the journey and how long it has waited.
struct ExamRow: Sendable, Equatable {
    var href: String
    var accessionNumber: String
    var patientName: String
    var patientIdentifier: String
    var examName: String
    var modality: String
    var priority: String
    var priorityTag: String
    var state: String
    var stateTag: String
    /// The appointment, or when it was requested, as the desk reads it.
    var when: String
    /// Days since the request, against the diagnostic wait target (DOMAIN.md: six weeks).
    var waitingDays: Int
    var waitText: String
    var overWaitTarget: Bool
    /// The patient's isolation precautions on this exam (nil: not on isolation).
    var isolation: String?

    init(_ exam: Exam, patient: Patient?, now: Date, configuration: DepartmentConfiguration) {
        href = "/exams/\(exam.id.uuidString)"
        accessionNumber = exam.accessionNumber
        patientName = patient?.name.display ?? "Unknown patient"
        patientIdentifier =
            patient?.nhsNumber.map { "NHS \($0.formatted)" } ?? patient?.hospitalNumbers.first?.value ?? ""
        examName = exam.examName
        modality = exam.modality.rawValue
        priority = exam.priority.label
        priorityTag = exam.priority.tagColour
        state = exam.state.label
        stateTag = exam.state.tagColour
        isolation = exam.isolation?.precaution.label
        let format = PageFormat(configuration.timeZone)
        when =
            exam.booking.map { format.dateTime($0.scheduledAt) } ?? "requested " + format.dateTime(exam.requestedAt)
        waitingDays = max(0, Int(now.timeIntervalSince(exam.requestedAt) / 86400))
        let targetDays = configuration.diagnosticWaitWeeks * 7
        overWaitTarget = waitingDays > targetDays
        waitText =
            overWaitTarget
            ? "\(waitingDays) days: over the \(configuration.diagnosticWaitWeeks)-week target"
            : "\(waitingDays) of \(targetDays) days"
    }
}

extension Priority {
    /// The priority as the desk says it.
    var label: String {
        switch self {
        case .routine: "Routine"
        case .urgent: "Urgent"
        case .inpatient: "Inpatient"
        case .emergency: "Emergency"
        case .twoWeekWait: "Two-week wait"
        }
    }

    /// Tag colour (NHS design system "Tag").
    var tagColour: String {
        switch self {
        case .emergency: "red"
        case .urgent, .twoWeekWait: "orange"
        case .inpatient: "purple"
        case .routine: "grey"
        }
    }

    /// Sort order for queues: most pressing first.
    var urgencyRank: Int {
        switch self {
        case .emergency: 0
        case .urgent: 1
        case .twoWeekWait: 2
        case .inpatient: 3
        case .routine: 4
        }
    }
}

extension ExamState {
    /// Tag colour of the state.
    var tagColour: String {
        switch self {
        case .requested, .returnedForInformation: "yellow"
        case .justified, .booked: "blue"
        case .arrived, .checked, .inProgress: "aqua-green"
        case .completed, .imagesChecked, .discharged: "green"
        case .reported, .reportVerified: "white"
        case .rejected, .cancelled, .didNotAttend, .discontinued: "red"
        }
    }
}
