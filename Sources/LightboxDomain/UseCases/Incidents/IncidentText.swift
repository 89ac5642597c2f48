import Foundation

/// The checks every free-text field of an incident shares.
enum IncidentText {
    /// `required` when `text` is empty (nil: the field is optional), and too long beyond `Incident.maximumTextLength`.
    static func problems(_ field: String, _ text: String, required: String?) -> [FieldProblem] {
        if text.isEmpty { return required.map { [FieldProblem(field, $0)] } ?? [] }
        if text.count > Incident.maximumTextLength {
            return [FieldProblem(field, "must be at most \(Incident.maximumTextLength) characters")]
        }
        return []
    }

    /// `text` trimmed, nil when blank.
    static func optional(_ text: String?) -> String? {
        text?.trimmed.nilIfEmpty
    }
}
