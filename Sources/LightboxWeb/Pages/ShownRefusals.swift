import LightboxDomain

/// Which of a use case's refusals a page shows again beside the form that was sent (with what was typed); the
/// others become the error page (`PageCall.answer`: 403 for "not allowed", 404 for "no such record"...).
struct ShownRefusals: Sendable {
    let shows: @Sendable (DomainError) -> Bool

    /// Refusals naming fields, as the administration forms show them.
    static let namingFields = ShownRefusals { !$0.fields.isEmpty }
    /// Every refusal but "not allowed" and "no such record".
    static let allButDeniedOrMissing = ShownRefusals { $0.code != .permissionDenied && $0.code != .notFound }
    /// Every refusal but "not allowed" (a form whose own choices may name a record that has gone).
    static let allButDenied = ShownRefusals { $0.code != .permissionDenied }
    /// Refusals of what was typed: failed validation.
    static let invalidInput = ShownRefusals { $0.code == .validationFailed }
    /// Refusals of what was typed, or naming fields.
    static let invalidInputOrNamingFields = ShownRefusals { $0.code == .validationFailed || !$0.fields.isEmpty }
}
