import Foundation

/// Everything that moves an exam from one state to another, with the states it may start from.
/// This table is the state machine: an action from any other state is refused.
public enum ExamAction: String, Sendable, Codable, CaseIterable {
    case accept
    case authorise
    case reject
    case returnForInformation
    case changeExam
    case resubmit
    case book
    case arrive
    case pauseAndCheck
    case start
    case complete
    case acceptImages
    case requestRepeat
    case discharge
    case report
    case verifyReport
    case cancel
    case didNotAttend
    case rebook
    /// The modality started the exam although a rule was not met (MPPS N-CREATE): accepted and flagged.
    case startOutsidePathway
    /// The modality stopped the exam before it was complete (MPPS DISCONTINUED).
    case discontinue

    /// States the action may be taken from.
    public var allowedFrom: Set<ExamState> {
        switch self {
        case .accept, .authorise, .reject, .returnForInformation, .changeExam: [.requested]
        case .resubmit: [.returnedForInformation]
        case .book: [.justified]
        case .arrive: [.booked]
        case .pauseAndCheck: [.arrived]
        case .start: [.checked]
        case .complete, .discontinue: [.inProgress]
        case .acceptImages, .requestRepeat: [.completed, .discontinued]
        case .discharge: [.imagesChecked]
        case .report: [.discharged]
        case .verifyReport: [.reported]
        case .cancel:
            [
                .requested, .justified, .returnedForInformation, .booked, .arrived, .checked, .didNotAttend,
                .discontinued,
            ]
        case .didNotAttend: [.booked]
        case .rebook: [.booked, .arrived, .checked, .didNotAttend, .discontinued]
        case .startOutsidePathway: [.booked, .arrived, .checked]
        }
    }

    /// The state the action leads to.
    public var target: ExamState {
        switch self {
        case .accept, .authorise, .changeExam: .justified
        case .reject: .rejected
        case .returnForInformation: .returnedForInformation
        case .resubmit: .requested
        case .book, .rebook: .booked
        case .arrive: .arrived
        case .pauseAndCheck: .checked
        case .start, .startOutsidePathway, .requestRepeat: .inProgress
        case .complete: .completed
        case .acceptImages: .imagesChecked
        case .discharge: .discharged
        case .report: .reported
        case .verifyReport: .reportVerified
        case .cancel: .cancelled
        case .didNotAttend: .didNotAttend
        case .discontinue: .discontinued
        }
    }

    /// Stable audit action code ("exam.justified").
    public var auditCode: String {
        switch self {
        case .accept: "exam.justified"
        case .authorise: "exam.authorised"
        case .reject: "exam.rejected"
        case .returnForInformation: "exam.returned-for-information"
        case .changeExam: "exam.changed-and-justified"
        case .resubmit: "exam.resubmitted"
        case .book: "exam.booked"
        case .arrive: "exam.arrived"
        case .pauseAndCheck: "exam.checked"
        case .start: "exam.started"
        case .complete: "exam.completed"
        case .acceptImages: "exam.images-checked"
        case .requestRepeat: "exam.repeat-requested"
        case .discharge: "exam.discharged"
        case .report: "exam.reported"
        case .verifyReport: "exam.report-verified"
        case .cancel: "exam.cancelled"
        case .didNotAttend: "exam.did-not-attend"
        case .rebook: "exam.rebooked"
        case .startOutsidePathway: "exam.started-outside-pathway"
        case .discontinue: "exam.discontinued"
        }
    }

    /// Words for the desk ("start the exam").
    public var label: String {
        switch self {
        case .accept: "justify"
        case .authorise: "authorise"
        case .reject: "reject"
        case .returnForInformation: "return for more information"
        case .changeExam: "change the exam"
        case .resubmit: "resubmit the request"
        case .book: "book"
        case .arrive: "record arrival"
        case .pauseAndCheck: "record Pause and Check"
        case .start: "start the exam"
        case .complete: "complete the exam"
        case .acceptImages: "accept the images"
        case .requestRepeat: "ask for a repeat"
        case .discharge: "discharge the patient"
        case .report: "report"
        case .verifyReport: "verify the report"
        case .cancel: "cancel"
        case .didNotAttend: "record did not attend"
        case .rebook: "re-book"
        case .startOutsidePathway: "start the exam outside the pathway"
        case .discontinue: "discontinue the exam"
        }
    }
}
