import Foundation

/// When an exam's report is due (DOMAIN.md "Numbers the department is judged on": nothing unreported
/// beyond 4 weeks, inpatient radiographs within one working day, the emergency department by a local
/// target), counted from the end of the exam. The targets are configuration.
public struct ReportingTurnaround: Sendable {
    /// Which target applies.
    public enum Target: String, Sendable, Equatable {
        case emergency, inpatient, standard
    }

    let configuration: DepartmentConfiguration

    public init(configuration: DepartmentConfiguration) {
        self.configuration = configuration
    }

    /// The target of `exam`: emergency for the emergency department (or an emergency request),
    /// inpatient for inpatients, else the department's longest wait.
    public func target(_ exam: Exam) -> Target {
        if exam.patientSource == .emergencyDepartment || exam.priority == .emergency { return .emergency }
        if exam.patientSource == .inpatient || exam.priority == .inpatient { return .inpatient }
        return .standard
    }

    /// When the clock started: the exam's completion, else its request.
    public func start(_ exam: Exam) -> Date {
        exam.performance?.completedAt ?? exam.requestedAt
    }

    /// When the report is due.
    public func due(_ exam: Exam) -> Date {
        let start = start(exam)
        switch target(exam) {
        case .emergency:
            return start.addingTimeInterval(configuration.statisticsTargets.emergencyDepartmentHours * 3600)
        case .inpatient:
            return AlertEscalation(configuration: configuration).addingWorkingDays(
                configuration.statisticsTargets.inpatientRadiographWorkingDays, to: start)
        case .standard: return start.addingTimeInterval(TimeInterval(configuration.reportingTurnaroundDays * 86_400))
        }
    }
}
