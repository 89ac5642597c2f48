/// One problem to report in an ERR segment of an acknowledgement (HL7 v2.5.1 §2.15.5).
public struct AcknowledgmentError: Sendable, Hashable {
    /// ERR-3 HL7 error code (table 0357).
    public var condition: HL7ErrorCondition
    /// ERR-2 error location.
    public var location: ErrorLocation?
    /// ERR-4 severity (table 0516).
    public var severity: Severity
    /// ERR-5 application error code (e.g. the module's stable `HL7-0xx` code or an application's own).
    public var applicationErrorCode: String?
    /// ERR-7 diagnostic information for the sender's interface engineer.
    public var diagnosticInformation: String?
    /// ERR-8 user message.
    public var userMessage: String?

    /// Table 0516 error severity.
    public enum Severity: String, Sendable, Hashable {
        case error = "E", warning = "W", information = "I"
    }

    public init(
        condition: HL7ErrorCondition, location: ErrorLocation? = nil, severity: Severity = .error,
        applicationErrorCode: String? = nil, diagnosticInformation: String? = nil, userMessage: String? = nil
    ) {
        self.condition = condition
        self.location = location
        self.severity = severity
        self.applicationErrorCode = applicationErrorCode
        self.diagnosticInformation = diagnosticInformation
        self.userMessage = userMessage
    }

    /// The ERR content for an `HL7Error`: its table 0357 code, location and message.
    public init(_ error: HL7Error) {
        self.init(
            condition: error.table0357, location: error.location, applicationErrorCode: error.code.rawValue,
            diagnosticInformation: error.message, userMessage: error.message)
    }
}
