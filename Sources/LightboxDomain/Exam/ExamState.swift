import Foundation

/// Where an exam is on the patient's journey (DOMAIN.md, "The patient's journey").
public enum ExamState: String, Sendable, Codable, CaseIterable {
    case requested
    case justified
    case rejected
    case returnedForInformation
    case booked
    case arrived
    /// Pause and Check complete: the exposure may start.
    case checked
    case inProgress
    case completed
    case imagesChecked
    case discharged
    case reported
    case reportVerified
    case cancelled
    case didNotAttend
    /// The modality stopped the exam before it was complete (MPPS DISCONTINUED), with its reason.
    case discontinued

    /// Words for the desk ("in progress", "images checked").
    public var label: String {
        switch self {
        case .requested: "requested"
        case .justified: "justified"
        case .rejected: "rejected"
        case .returnedForInformation: "returned for information"
        case .booked: "booked"
        case .arrived: "arrived"
        case .checked: "checked (Pause and Check done)"
        case .inProgress: "in progress"
        case .completed: "completed"
        case .imagesChecked: "images checked"
        case .discharged: "discharged"
        case .reported: "reported"
        case .reportVerified: "report verified"
        case .cancelled: "cancelled"
        case .didNotAttend: "did not attend"
        case .discontinued: "discontinued"
        }
    }

    /// Justified (or authorised) and not yet finished with: the exam may appear on a modality worklist.
    public var isOnWorklist: Bool {
        switch self {
        case .booked, .arrived, .checked, .inProgress: true
        default: false
        }
    }
}
