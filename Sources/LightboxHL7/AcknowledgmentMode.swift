import HL7

/// How a sender wants its message acknowledged (HL7 v2.5.1 §2.9.2, §2.9.3; MSH-15/MSH-16, table 0155).
///
/// Both fields empty: original mode, one acknowledgement (AA/AE/AR) sent after the change is committed.
/// Either field valued: enhanced mode. The accept acknowledgement (CA/CE/CR) says whether the message is
/// in safe storage; it is sent on the same connection once the message and its outcome are committed, as
/// MSH-15 asks. The application acknowledgement (AA/AE/AR, with its own MSH-10 and MSA-2 naming the
/// message) follows it on the same connection, as MSH-16 asks. An empty field beside a valued one asks for
/// nothing (as NE): a sender that wants only the application acknowledgement gets exactly one frame per
/// message, which is what simple MLLP senders read. A message refused before it could be stored gets CE/CR
/// when MSH-15 wants errors acknowledged, otherwise AE/AR when MSH-16 does, so a sender waiting only for
/// application acknowledgements still hears about it. Bytes that cannot be read as a message at all get
/// AR/AE in original mode: their MSH-15/16 cannot be trusted. Messages inside a batch are acknowledged in
/// the batch acknowledgement, one original-mode ACK each (§2.10.3).
public struct AcknowledgmentMode: Sendable, Hashable {
    /// Table 0155 accept/application acknowledgement conditions.
    public enum Condition: String, Sendable, Hashable, CaseIterable {
        /// Always.
        case AL
        /// Never.
        case NE
        /// Error/reject conditions only.
        case ER
        /// Successful completion only.
        case SU

        /// Whether an acknowledgement with this outcome is sent under this condition.
        public func sends(success: Bool) -> Bool {
            switch self {
            case .AL: true
            case .NE: false
            case .ER: !success
            case .SU: success
            }
        }
    }

    /// nil in original mode.
    public var accept: Condition?
    /// nil in original mode.
    public var application: Condition?

    /// Original mode.
    public static let original = AcknowledgmentMode(accept: nil, application: nil)

    public init(accept: Condition?, application: Condition?) {
        self.accept = accept
        self.application = application
    }

    /// The mode MSH-15 and MSH-16 ask for.
    /// - Throws: `HL7Error` `.tableValueNotFound` at MSH-15 or MSH-16 for a value outside table 0155.
    public init(msh15: String?, msh16: String?) throws(HL7Error) {
        let accept = msh15.flatMap { $0.isEmpty ? nil : $0 }
        let application = msh16.flatMap { $0.isEmpty ? nil : $0 }
        guard accept != nil || application != nil else {
            self = .original
            return
        }
        self.accept = try Self.condition(accept, field: 15)
        self.application = try Self.condition(application, field: 16)
    }

    /// The mode of a parsed message.
    public init(_ message: Message) throws(HL7Error) {
        try self.init(msh15: message.msh.acceptAcknowledgmentType, msh16: message.msh.applicationAcknowledgmentType)
    }

    /// True in enhanced mode.
    public var isEnhanced: Bool { accept != nil || application != nil }

    static func condition(_ value: String?, field: Int) throws(HL7Error) -> Condition {
        guard let value else { return .NE }
        guard let condition = Condition(rawValue: value.uppercased()) else {
            throw HL7Error(
                .tableValueNotFound, "MSH-\(field) '\(value)' is not in HL7 table 0155 (AL, NE, ER, SU)",
                location: ErrorLocation(segmentID: "MSH", field: field))
        }
        return condition
    }
}
