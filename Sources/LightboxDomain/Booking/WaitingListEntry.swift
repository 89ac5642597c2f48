import Foundation

/// One exam on the booking desk's waiting list: justified and not yet booked, or booked once and now to
/// be booked again (did not attend, or its room was suspended), with its diagnostic clock (DOMAIN.md
/// "Numbers the department is judged on": DM01 counts the weeks waited since the request).
public struct WaitingListEntry: Sendable, Equatable {
    /// Why the exam is on the list.
    public enum Reason: String, Sendable, Codable, CaseIterable {
        /// Justified, never booked.
        case toBook = "to-book"
        /// Booked, but the patient did not attend.
        case didNotAttend = "did-not-attend"
        /// Booked into a room that is now suspended.
        case roomSuspended = "room-suspended"
    }

    /// Where the wait stands against the DM01 target.
    public enum Clock: String, Sendable, Codable, CaseIterable {
        /// Under the warning point.
        case within
        /// At or past `diagnosticWaitWarningWeeks`, still under `diagnosticWaitWeeks`.
        case nearing
        /// At or past `diagnosticWaitWeeks`: counts against DM01.
        case breached
    }

    public var exam: Exam
    public var reason: Reason
    /// Whole days since the request.
    public var daysWaited: Int
    /// Whole weeks since the request (DM01 counts completed weeks).
    public var weeksWaited: Int
    public var clock: Clock

    public init(exam: Exam, reason: Reason, now: Date, configuration: DepartmentConfiguration) {
        self.exam = exam
        self.reason = reason
        let wait = DiagnosticWait(requestedAt: exam.requestedAt, now: now, configuration: configuration)
        daysWaited = wait.days
        weeksWaited = wait.weeks
        clock = wait.breached ? .breached : wait.nearing ? .nearing : .within
    }

    /// The desk's order: most pressing priority first, then the longest wait.
    public static func deskOrder(_ a: WaitingListEntry, _ b: WaitingListEntry) -> Bool {
        (a.exam.priority.waitingListRank, a.exam.requestedAt, a.exam.accessionNumber)
            < (b.exam.priority.waitingListRank, b.exam.requestedAt, b.exam.accessionNumber)
    }
}

extension Priority {
    /// The booking desk's order: emergency, urgent, two-week-wait cancer, inpatient, routine.
    public var waitingListRank: Int {
        switch self {
        case .emergency: 0
        case .urgent: 1
        case .twoWeekWait: 2
        case .inpatient: 3
        case .routine: 4
        }
    }
}
