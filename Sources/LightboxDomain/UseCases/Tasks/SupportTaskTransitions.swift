import Foundation

/// Who may take a task forward now: only a task still to be done, and a claimed one only by whoever claimed it.
enum SupportTaskTransitions {
    /// Refuses a claim of a task that is finished or held by someone else.
    static func requireOpen(_ task: SupportTask, toClaimBy actor: Actor) throws(DomainError) {
        switch task.status {
        case .open: return
        case .claimed:
            throw DomainError(
                .taskClaimedByOther, "\(task.claimedBy ?? "Someone else") has already claimed this task.")
        case .done, .cancelled:
            throw DomainError(.taskNotOpen, "The task is already \(task.status.label.lowercased()).")
        }
    }

    /// Refuses to mark done a task that is finished or held by someone else (an open one is done straight away).
    static func requireDoable(_ task: SupportTask, by actor: Actor) throws(DomainError) {
        switch task.status {
        case .open: return
        case .claimed:
            guard task.claimedBy == actor.username else {
                throw DomainError(
                    .taskClaimedByOther,
                    "\(task.claimedBy ?? "Someone else") has claimed this task; only they can mark it done.")
            }
        case .done, .cancelled:
            throw DomainError(.taskNotOpen, "The task is already \(task.status.label.lowercased()).")
        }
    }
}
