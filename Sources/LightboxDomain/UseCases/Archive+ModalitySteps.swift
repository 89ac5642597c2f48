import Foundation

extension Archive {
    /// The performed procedure steps held for unknown exams, waiting on the reconciliation list.
    public var listHeldModalitySteps: ListHeldModalitySteps { ListHeldModalitySteps(environment.department) }
    /// A person links a held step to its exam (which then follows the step) or rejects it.
    public var reconcileModalityStep: ReconcileModalityStep { ReconcileModalityStep(environment.department) }
}
