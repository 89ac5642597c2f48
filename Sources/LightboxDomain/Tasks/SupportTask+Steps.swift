import Foundation

extension SupportTask {
    /// Done now by `actor`.
    mutating func finish(outcome: String?, cleaningRecordID: UUID? = nil, by actor: Actor, at now: Date) {
        status = .done
        doneAt = now
        doneBy = actor.username
        self.outcome = outcome
        if let cleaningRecordID { self.cleaningRecordID = cleaningRecordID }
        history.append(Step(action: .done, at: now, by: actor.username, note: outcome))
    }
}
