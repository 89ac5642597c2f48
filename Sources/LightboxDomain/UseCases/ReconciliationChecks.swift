import Foundation

/// The checks every reconciliation decision shares, whether on a study of unmatched images (``ReconcileStudy``) or
/// on a modality's performed procedure step held for an unknown exam (``ReconcileModalityStep``): only what still
/// waits for a person is decided, and a rejection says why.
enum ReconciliationChecks {
    /// Refuses a decision on `subject` ("Study 1.2.3") unless it still waits; `status` is what it is now.
    static func requireWaiting(_ waiting: Bool, _ subject: String, status: String) throws(DomainError) {
        guard waiting else {
            throw DomainError(
                .transitionNotAllowed, "\(subject) is not waiting for reconciliation (it is \(status)).")
        }
    }

    /// The reason given for rejecting the `noun` ("study"), trimmed; refused when there is none.
    static func rejectionReason(_ reason: String, of noun: String) throws(DomainError) -> String {
        let text = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            throw DomainError(
                .validationFailed, "Say why the \(noun) is rejected.", fields: [FieldProblem("reason", "is required")])
        }
        return text
    }
}
