import HL7

/// Why the adapter refuses a message it has read: the acknowledgement code and the ERR segments naming each
/// problem (HL7 v2.5.1 §2.9.2, ERR §2.15.5).
public struct HL7Refusal: Error, Sendable {
    public var code: AcknowledgmentCode
    public var errors: [AcknowledgmentError]
    public var text: String

    public init(_ code: AcknowledgmentCode, _ text: String, errors: [AcknowledgmentError]) {
        self.code = code
        self.text = text
        self.errors = errors
    }

    /// An AE for one problem at one place in the message.
    static func error(
        _ condition: HL7ErrorCondition, _ text: String, at location: ErrorLocation?, code: String
    ) -> HL7Refusal {
        HL7Refusal(
            .AE, text,
            errors: [
                AcknowledgmentError(
                    condition: condition, location: location, applicationErrorCode: code,
                    diagnosticInformation: text, userMessage: text)
            ])
    }
}
